//go:build go1.22

// The standard library's method patterns ("POST /api/items") need Go 1.22;
// the module's go line is the core's, 1.21, so turn them on for this test
// binary. Every test file that registers a method pattern is built for
// go1.22 only, like this one.
//go:debug httpmuxgo121=0

package corshttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	corshttp "github.com/corskit/corskit/adapters/http"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestKit runs the whole shared kit (corstest.RunAll) through target.
func TestKit(t *testing.T) { corstest.RunAll(t, target, core.Routing{}) }

// target is net/http's corstest.Target: a ServeMux with a method pattern
// for each of corstest.Routes, wrapped as a whole by the middleware, after
// an earlier middleware's Vary.
func target(t testing.TB, e *core.Engine) func(*http.Request) *http.Response {
	return corstest.HandlerTarget(corstest.PresetVary(corshttp.FromEngine(e)(routesMux())))
}

// routesMux is a ServeMux serving corstest.Routes, one method pattern each
// ("GET /api/items"), so that the mux itself answers 405 for any other
// method, OPTIONS included.
func routesMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range corstest.Routes {
		mux.HandleFunc(rt.Method+" "+rt.Path, corstest.Handler)
	}
	return mux
}

// TestMethodPatterns checks that target's mux routes by method, so that
// the kit's answers come from the middleware and not from a mux that
// would send every method to the handler: without the middleware, a
// preflight to ItemsPath gets the mux's 405.
func TestMethodPatterns(t *testing.T) {
	w := serve(routesMux(), browserPreflight(corstest.ItemsPath))
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get(corstest.HandlerHeader) != "" {
		t.Fatalf("bare mux answered a preflight %d, handler %q; want 405 without the handler (are method patterns on?)",
			w.Code, w.Header().Get(corstest.HandlerHeader))
	}
}

// TestAttachment pins which ways of attaching the middleware to a Go 1.22
// ServeMux answer a browser's preflight when only "POST /api/items" is
// registered. Each row is in the README's table.
func TestAttachment(t *testing.T) {
	mw := corshttp.Must(policy)

	t.Run("wrapping the whole mux", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("POST /api/items", items)
		h := mw(mux)
		wantPreflightOK(t, serve(h, browserPreflight("/api/items")))
		wantActualOK(t, serve(h, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("wrapping a handler inside cannot answer preflights", func(t *testing.T) {
		// The pattern matches POST only: ServeMux answers the OPTIONS
		// request with 405 itself, and the middleware never runs.
		mux := http.NewServeMux()
		mux.Handle("POST /api/items", mw(http.HandlerFunc(items)))
		wantPreflightBlocked(t, serve(mux, browserPreflight("/api/items")), http.StatusMethodNotAllowed)
		wantActualOK(t, serve(mux, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("wrapping inside with an OPTIONS pattern", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("POST /api/items", mw(http.HandlerFunc(items)))
		mux.Handle("OPTIONS /api/items", mw(http.HandlerFunc(options)))
		wantPreflightOK(t, serve(mux, browserPreflight("/api/items")))
		wantActualOK(t, serve(mux, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("wrapping inside with a catch-all OPTIONS pattern", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("POST /api/items", mw(http.HandlerFunc(items)))
		mux.Handle("OPTIONS /", mw(http.HandlerFunc(options)))
		wantPreflightOK(t, serve(mux, browserPreflight("/api/items")))
		wantActualOK(t, serve(mux, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("a pattern without a method", func(t *testing.T) {
		// "/api/items" matches every method, OPTIONS included.
		mux := http.NewServeMux()
		mux.Handle("/api/items", mw(http.HandlerFunc(items)))
		wantPreflightOK(t, serve(mux, browserPreflight("/api/items")))
		wantActualOK(t, serve(mux, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("a wrapped sub-mux under a prefix without a method", func(t *testing.T) {
		// The outer "/api/" pattern takes every method, so the middleware
		// around the inner mux runs before the inner mux's 405.
		api := http.NewServeMux()
		api.HandleFunc("POST /api/items", items)
		mux := http.NewServeMux()
		mux.Handle("/api/", mw(api))
		wantPreflightOK(t, serve(mux, browserPreflight("/api/items")))
		wantActualOK(t, serve(mux, actual("POST", "/api/items")), http.StatusCreated)
	})
}

// TestRouteLevel is the Express idiom on a ServeMux: app.options("/x",
// cors()) plus app.delete("/x", cors(), handler), with a wildcard.
func TestRouteLevel(t *testing.T) {
	mw := corshttp.Must(policy)
	mux := http.NewServeMux()
	mux.Handle("OPTIONS /api/items/{id}", mw(http.HandlerFunc(options)))
	mux.Handle("DELETE /api/items/{id}", mw(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set(corstest.HandlerHeader, "ran")
		w.WriteHeader(http.StatusNoContent)
	})))
	mux.HandleFunc("GET /api/other", items)

	pre := browserPreflight("/api/items/7")
	pre.Header.Set("Access-Control-Request-Method", "DELETE")
	pre.Header.Del("Access-Control-Request-Headers")
	w := serve(mux, pre)
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != origin ||
		w.Header().Get("Access-Control-Allow-Methods") == "" || w.Header().Get(corstest.HandlerHeader) != "" {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	wantActualOK(t, serve(mux, actual("DELETE", "/api/items/7")), http.StatusNoContent)

	refused := browserPreflight("/api/items/7")
	refused.Header.Set("Origin", "https://evil.example")
	if w := serve(mux, refused); w.Code != http.StatusForbidden || w.Header().Get(corstest.HandlerHeader) != "" || w.Body.Len() != 0 {
		t.Errorf("refused preflight: %d, handler %q, body %q", w.Code, w.Header().Get(corstest.HandlerHeader), w.Body.String())
	}

	// A plain OPTIONS request (no Access-Control-Request-Method) is the
	// application's.
	if w := serve(mux, actual("OPTIONS", "/api/items/7")); w.Header().Get(corstest.HandlerHeader) != "ran" {
		t.Errorf("plain OPTIONS did not reach the handler: %d %v", w.Code, w.Header())
	}

	// Patterns without the middleware get no CORS headers.
	if w := serve(mux, actual("GET", "/api/other")); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("pattern without middleware got CORS headers: %v", w.Header())
	}
}

// TestHostileOverLoopback sends the hostile requests to a real net/http
// server on the loopback interface, with its default limits. net/http
// accepts up to 1 MiB of headers, so all of them reach the middleware,
// which must refuse them; a 431 from the server would count as a refusal
// too.
func TestHostileOverLoopback(t *testing.T) {
	for _, h := range corstest.HostileRequests() {
		h := h
		t.Run(h.Name, func(t *testing.T) {
			e, err := core.New(corstest.HostilePolicy)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(corshttp.FromEngine(e)(routesMux())) // listens on 127.0.0.1
			defer srv.Close()

			req := h.Request()
			req.RequestURI = "" // a client request
			req.URL.Scheme, req.URL.Host = "http", srv.Listener.Addr().String()
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode == corstest.StatusHeaderTooLarge {
				t.Logf("net/http refused it before the middleware: %s", resp.Status)
			}
			if err := h.Check(resp); err != nil {
				t.Error(err)
			}
		})
	}
}
