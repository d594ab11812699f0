package core_test

import (
	"net/http"
	"testing"

	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestConformance runs the shared table against the core alone, with the
// smallest possible net/http glue around Engine.Apply.
func TestConformance(t *testing.T) { corstest.Run(t, target) }

// TestHeaders runs the shared header cases: an earlier middleware's Vary,
// the handler's own headers.
func TestHeaders(t *testing.T) { corstest.RunHeaders(t, target) }

// TestIsolation is rs/cors #198: a handler's in-place edits must not
// reach the next response.
func TestIsolation(t *testing.T) { corstest.RunIsolation(t, target) }

// target is the core's corstest.Target: Engine.Apply around a bare router,
// after corstest.PresetVary.
func target(t testing.TB, e *core.Engine) func(*http.Request) *http.Response {
	// A bare router: the core's go.mod predates ServeMux method patterns.
	routes := map[corstest.Route]bool{}
	for _, r := range corstest.Routes {
		routes[r] = true
	}
	return corstest.HandlerTarget(corstest.PresetVary(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status, next := e.ApplyHTTP(r, w.Header()); !next {
			w.WriteHeader(status)
			return
		}
		if !routes[corstest.Route{Method: r.Method, Path: r.URL.Path}] {
			http.NotFound(w, r)
			return
		}
		corstest.Handler(w, r)
	})))
}
