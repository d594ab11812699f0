package core_test

import (
	"net/http"
	"testing"

	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestKit runs the whole shared kit against the core alone, with the
// smallest possible net/http glue around Engine.ApplyHTTP.
func TestKit(t *testing.T) { corstest.RunAll(t, target, core.Routing{}) }

// target is the core's corstest.Target: Engine.ApplyHTTP around a bare router,
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
