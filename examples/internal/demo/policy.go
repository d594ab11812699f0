// Package demo is the part of the example servers that has nothing to do
// with a web framework: the CORS policy they load, reloading it on SIGHUP,
// the items they serve and the listener they log. It lives here so that
// each example's main.go keeps only what a user of that framework copies:
// the middleware, attached application-wide, and the routes.
package demo

import (
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"strings"

	"github.com/corskit/corskit/core"
)

// DemoPolicy is the policy an example serves without -config. It lets the
// demo page (go run ./examples/browser, on port 8081) call the API with
// credentials and an Authorization header and read the two custom
// response headers. examples/cors.json holds the same policy as a file.
func DemoPolicy() core.Policy {
	return core.Policy{
		AllowedOrigins:   []string{"http://127.0.0.1:8081", "http://localhost:8081"},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		ExposedHeaders:   []string{"X-Total-Count", "X-Request-Id"},
		AllowCredentials: true,
	}
}

// refusals logs why a request was refused, so that a person watching the
// server sees "preflight refused: header "x-api-key" not in allowedHeaders"
// instead of guessing from the browser's console. The core logs refusals
// at debug level and never sends the reason to the client.
var refusals = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))

// LoadPolicy reads the policy in the JSON file path, or returns DemoPolicy
// when path is "". The error names the file.
func LoadPolicy(path string) (core.Policy, error) {
	if path == "" {
		return DemoPolicy(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return core.Policy{}, fmt.Errorf("-config: %w", err)
	}
	defer f.Close()
	p, err := core.LoadJSON(f)
	if err != nil {
		return core.Policy{}, fmt.Errorf("-config %s: %w", path, err)
	}
	return p, nil
}

// LoadEngine loads the policy of -config (see LoadPolicy), validates it and
// compiles it into an engine that the adapters' FromEngine serve, so that
// ReloadOnHangup can swap the policy later. Every problem of a bad file is
// in the error, one per line.
func LoadEngine(path string) (*core.Engine, error) {
	p, err := LoadPolicy(path)
	if err != nil {
		return nil, err
	}
	p.Logger = refusals
	e, err := core.New(p)
	if err != nil {
		return nil, fmt.Errorf("-config %s: %w", path, err)
	}
	if path == "" {
		log.Printf("no -config given: serving the built-in demo policy, allowedOrigins %s", strings.Join(p.AllowedOrigins, ", "))
	} else {
		log.Printf("CORS policy from %s, allowedOrigins %s", path, strings.Join(p.AllowedOrigins, ", "))
	}
	return e, nil
}

// Setup is the start every example shares: it reads the -addr and -config
// flags, loads the policy (a bad file is an error on stderr and exit
// status 2, before anything listens), and reloads it on SIGHUP. It
// returns the listen address and the engine to attach.
func Setup() (addr string, engine *core.Engine) {
	a := flag.String("addr", "127.0.0.1:8080", "listen `address`")
	config := flag.String("config", "", "JSON CORS policy `file` (default: a built-in demo policy)")
	flag.Parse()
	engine, err := LoadEngine(*config)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(2)
	}
	ReloadOnHangup(engine, *config)
	return *a, engine
}
