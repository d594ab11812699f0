// Command core is the consumer check's use of the core alone: policies from
// JSON and from the environment, per-path policies, a live Reconfigure, and
// a decision read from a net/http request, as the README shows them.
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/corskit/corskit/core"
)

func main() {
	if err := run(); err != nil {
		fmt.Printf("%-6s FAIL  %v\n", "core", err)
		os.Exit(1)
	}
	fmt.Printf("%-6s ok    %s\n", "core", "LoadJSON, FromEnv, New, NewPaths, Reconfigure, ApplyHTTP and Evaluate as documented")
}

const app = "https://app.example.com"

func run() error {
	p, err := core.LoadJSON(strings.NewReader(`{"allowedOrigins": ["https://app.example.com"], "maxAge": 600}`))
	if err != nil {
		return fmt.Errorf("core.LoadJSON: %w", err)
	}
	if _, err := core.New(p); err != nil {
		return fmt.Errorf("core.New(policy from JSON): %w", err)
	}

	os.Setenv("CONSUMER_ALLOWED_ORIGINS", app+",https://*.example.org")
	if p, err = core.FromEnv("CONSUMER"); err != nil {
		return fmt.Errorf("core.FromEnv: %w", err)
	}
	if _, err := core.New(p); err != nil {
		return fmt.Errorf("core.New(policy from the environment): %w", err)
	}

	if _, err := core.New(core.Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true}); err == nil {
		return fmt.Errorf(`core.New accepted "*" origins with credentials`)
	}

	engine, err := core.NewPaths(
		core.Policy{AllowedOrigins: []string{app}, AllowCredentials: true},
		core.PathPolicy{Prefix: "/api/public/", Policy: core.Policy{AllowedOrigins: []string{"*"}}},
	)
	if err != nil {
		return fmt.Errorf("core.NewPaths: %w", err)
	}
	if got := allowOrigin(engine, "/api/public/items", "https://other.example.net"); got != "*" {
		return fmt.Errorf("core.NewPaths: the public prefix answered Allow-Origin %q, want *", got)
	}
	if got := allowOrigin(engine, "/api/items", app); got != app {
		return fmt.Errorf("core.NewPaths: the default policy answered Allow-Origin %q, want %s", got, app)
	}

	if err := engine.Reconfigure(core.Policy{AllowedOrigins: []string{"null"}}); err == nil {
		return fmt.Errorf(`engine.Reconfigure accepted the origin "null"`)
	}
	if err := engine.Reconfigure(core.Policy{AllowedOrigins: []string{"https://new.example.com"}}); err != nil {
		return fmt.Errorf("engine.Reconfigure: %w", err)
	}
	if got := allowOrigin(engine, "/api/items", app); got != "" {
		return fmt.Errorf("after engine.Reconfigure the old origin still gets Allow-Origin %q", got)
	}
	if d := engine.Evaluate(core.Request{Method: "GET", Path: "/api/items", Origin: []string{app}}); d.Allowed || d.Why() == "" {
		return fmt.Errorf("engine.Evaluate: a refused origin gave Allowed=%v and Why()=%q", d.Allowed, d.Why())
	}
	return nil
}

// allowOrigin returns the Access-Control-Allow-Origin the engine gives a GET
// of path from origin, "" when none.
func allowOrigin(e *core.Engine, path, origin string) string {
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("Origin", origin)
	h := http.Header{}
	e.ApplyHTTP(r, h)
	return h.Get("Access-Control-Allow-Origin")
}
