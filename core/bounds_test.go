package core_test

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestHostileRequestsBounded checks that every hostile request is refused
// for the documented reason in constant memory: Evaluate allocates
// nothing, and ApplyHTTP allocates once at most (the backing array of the
// one Vary line it writes). Allocation counts are deterministic; timings
// are not, so no test here asserts one. The requests are decided under
// HostilePolicy, and again under policies with a subdomain pattern, an
// AllowOriginFunc, and a Logger that does not record debug, so that each
// branch that could look at a hostile value is crossed.
func TestHostileRequestsBounded(t *testing.T) {
	var funcCalls atomic.Int64
	quiet := slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	withPattern := corstest.HostilePolicy
	withPattern.AllowedOrigins = []string{corstest.HostileOrigin, "https://*.example.com"}
	withFunc := corstest.HostilePolicy
	withFunc.AllowOriginFunc = func(string) bool { funcCalls.Add(1); return false }
	withLogger := corstest.HostilePolicy
	withLogger.Logger = quiet
	policies := []struct {
		name   string
		policy core.Policy
	}{
		{"listed origin", corstest.HostilePolicy},
		{"pattern", withPattern},
		{"origin func", withFunc},
		{"quiet logger", withLogger},
	}

	for _, p := range policies {
		e, err := core.New(p.policy)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range corstest.HostileRequests() {
			t.Run(p.name+"/"+h.Name, func(t *testing.T) {
				r := h.Request()
				req := core.Request{
					Method:                      r.Method,
					Origin:                      r.Header["Origin"],
					AccessControlRequestMethod:  r.Header["Access-Control-Request-Method"],
					AccessControlRequestHeaders: r.Header["Access-Control-Request-Headers"],
				}
				d := e.Evaluate(req)
				wantKind := core.Actual
				if h.Method == "OPTIONS" {
					wantKind = core.Preflight
				}
				if d.Kind != wantKind || d.Allowed || d.Reason != h.Reason || len(d.Headers()) != 0 {
					t.Fatalf("kind %v, allowed %v, reason %v, headers %v; want %v refused for %v with no header",
						d.Kind, d.Allowed, d.Reason, d.Headers(), wantKind, h.Reason)
				}
				if d.Kind == core.Preflight && (d.Status != http.StatusForbidden || d.Next) {
					t.Errorf("preflight: status %d, next %v; want 403 and no handler", d.Status, d.Next)
				}
				if !strings.HasPrefix(d.Vary, "Origin") {
					t.Errorf("Vary %q does not start with Origin", d.Vary)
				}
				if len(d.Detail) > 256 {
					t.Errorf("a %d-byte detail would go to the log", len(d.Detail))
				}

				if n := testing.AllocsPerRun(20, func() { _ = e.Evaluate(req) }); n != 0 {
					t.Errorf("Evaluate allocates %v times", n)
				}
				// One response's header map, cleared between runs as a
				// server's is between requests; clear keeps its storage,
				// so only what ApplyHTTP itself allocates is counted.
				w := http.Header{}
				if n := testing.AllocsPerRun(20, func() {
					clear(w)
					e.ApplyHTTP(r, w)
				}); n > 1 {
					t.Errorf("ApplyHTTP allocates %v times, want at most 1", n)
				}
				for name := range w {
					if strings.HasPrefix(name, "Access-Control-") {
						t.Errorf("ApplyHTTP wrote %s", name)
					}
				}
				if got := strings.Join(w.Values("Vary"), ", "); got != d.Vary {
					t.Errorf("ApplyHTTP wrote Vary %q, want %q", got, d.Vary)
				}
			})
		}
	}
	if n := funcCalls.Load(); n != 0 {
		t.Errorf("AllowOriginFunc was asked %d times about a hostile origin", n)
	}
}

// TestHostileOriginsNeverParsedWhole checks that an Origin far over the
// longest well-formed one is refused as malformed whatever it holds: a
// valid prefix, a listed origin followed by padding, white space that
// trims down to a listed origin past the bound.
func TestHostileOriginsNeverParsedWhole(t *testing.T) {
	e, err := core.New(corstest.BypassPolicy(corstest.BypassPattern))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("a", 64<<10)
	for _, o := range []string{
		"https://" + long + ".example.com",
		"https://a.example.com" + long,
		"https://a." + strings.Repeat("b.", 32<<10) + "example.com",
		"https://a.example.com:" + strings.Repeat("1", 64<<10),
	} {
		req := core.Request{Method: "GET", Origin: []string{o}}
		if d := e.Evaluate(req); d.Allowed || d.Reason != core.ReasonOriginMalformed {
			t.Errorf("%.40q...: allowed %v, reason %v", o, d.Allowed, d.Reason)
		}
		if n := testing.AllocsPerRun(20, func() { _ = e.Evaluate(req) }); n != 0 {
			t.Errorf("%.40q...: Evaluate allocates %v times", o, n)
		}
	}
	// Padding that HTTP trims is trimmed whatever its length, and what
	// remains is compared as usual.
	padded := core.Request{Method: "GET", Origin: []string{strings.Repeat(" ", 64<<10) + "https://a.example.com" + strings.Repeat("\t", 64<<10)}}
	if d := e.Evaluate(padded); !d.Allowed {
		t.Errorf("a padded allowed origin was refused: %s", d.Why())
	}
	if n := testing.AllocsPerRun(20, func() { _ = e.Evaluate(padded) }); n != 0 {
		t.Errorf("padded origin: Evaluate allocates %v times", n)
	}
}
