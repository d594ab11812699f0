package corschi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	corschi "github.com/corskit/corskit/adapters/chi"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestKit runs the whole shared kit (corstest.RunAll) through target.
func TestKit(t *testing.T) { corstest.RunAll(t, target, core.Routing{}) }

// target is chi's corstest.Target: a chi router with the middleware
// router-wide, after an earlier middleware's Vary.
func target(t testing.TB, e *core.Engine) func(*http.Request) *http.Response {
	r := chi.NewRouter()
	r.Use(corstest.PresetVary)
	r.Use(corschi.FromEngine(e))
	for _, rt := range corstest.Routes {
		r.MethodFunc(rt.Method, rt.Path, corstest.Handler)
	}
	return corstest.HandlerTarget(r)
}

var policy = corschi.Policy{AllowedOrigins: []string{"https://app.example.com"}}

const origin = "https://app.example.com"

// browserPreflight is what a browser sends before fetch(url, {method:
// "POST", headers: {"Content-Type": "application/json"}}).
func browserPreflight(path string) *http.Request {
	r := httptest.NewRequest("OPTIONS", "http://api.test"+path, nil)
	r.Header.Set("Origin", origin)
	r.Header.Set("Access-Control-Request-Method", "POST")
	r.Header.Set("Access-Control-Request-Headers", "content-type")
	return r
}

func actual(method, path string) *http.Request {
	r := httptest.NewRequest(method, "http://api.test"+path, nil)
	r.Header.Set("Origin", origin)
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// items answers like the examples' POST /api/items.
func items(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(corstest.HandlerHeader, "ran")
	w.WriteHeader(http.StatusCreated)
	w.Write([]byte("created"))
}

// options stands for an application's own OPTIONS handler: it must not
// run for a preflight the middleware answered.
func options(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(corstest.HandlerHeader, "ran")
	w.Write([]byte("options handler"))
}

// wantPreflightOK checks that w is an accepted preflight no handler saw.
func wantPreflightOK(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code != http.StatusNoContent {
		t.Errorf("preflight status %d, want 204", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != origin {
		t.Errorf("Access-Control-Allow-Origin %q, want %q", got, origin)
	}
	if got := w.Header().Get("Access-Control-Allow-Headers"); got != "accept, content-type, x-requested-with" {
		t.Errorf("Access-Control-Allow-Headers %q", got)
	}
	if w.Header().Get(corstest.HandlerHeader) != "" || w.Body.Len() != 0 {
		t.Errorf("handler ran or body written: %q", w.Body.String())
	}
}

// wantPreflightBlocked checks that w is the router's own answer to an
// OPTIONS request it has no route for: the middleware never saw it.
func wantPreflightBlocked(t *testing.T, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	if w.Code != status || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("got %d with Access-Control-Allow-Origin %q, want %d without; the router changed: update the README",
			w.Code, w.Header().Get("Access-Control-Allow-Origin"), status)
	}
}

// wantActualOK checks that w is the handler's answer with CORS headers.
func wantActualOK(t *testing.T, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	if w.Code != status || w.Header().Get(corstest.HandlerHeader) != "ran" {
		t.Errorf("status %d, handler %q; want %d, ran", w.Code, w.Header().Get(corstest.HandlerHeader), status)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != origin {
		t.Errorf("Access-Control-Allow-Origin %q, want %q", got, origin)
	}
}

// TestAttachment pins which ways of attaching the middleware to a chi
// router answer a browser's preflight when only POST /api/items is
// registered. The ServeMux attachments are in servemux_test.go.
func TestAttachment(t *testing.T) {
	mw := corschi.Must(policy)

	t.Run("r.Use", func(t *testing.T) {
		r := chi.NewRouter()
		r.Use(mw)
		r.Post("/api/items", items)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("r.Route and Use", func(t *testing.T) {
		// A sub-router is mounted for every method, so its middleware
		// runs before it looks for the route.
		r := chi.NewRouter()
		r.Route("/api", func(r chi.Router) {
			r.Use(mw)
			r.Post("/items", items)
		})
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("r.Mount of a router with Use", func(t *testing.T) {
		api := chi.NewRouter()
		api.Use(mw)
		api.Post("/items", items)
		r := chi.NewRouter()
		r.Mount("/api", api)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
	})
	t.Run("r.Group and Use cannot answer preflights", func(t *testing.T) {
		// A group's middleware wraps each of its routes; no OPTIONS route
		// matches, so chi answers 405 first.
		r := chi.NewRouter()
		r.Group(func(r chi.Router) {
			r.Use(mw)
			r.Post("/api/items", items)
		})
		wantPreflightBlocked(t, serve(r, browserPreflight("/api/items")), http.StatusMethodNotAllowed)
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("r.Group and Use with an OPTIONS route", func(t *testing.T) {
		r := chi.NewRouter()
		r.Group(func(r chi.Router) {
			r.Use(mw)
			r.Post("/api/items", items)
			r.Options("/api/items", options)
		})
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("r.Group and Use with a catch-all OPTIONS route", func(t *testing.T) {
		r := chi.NewRouter()
		r.Group(func(r chi.Router) {
			r.Use(mw)
			r.Post("/api/items", items)
			r.Options("/api/*", options)
		})
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
	})
	t.Run("r.With cannot answer preflights", func(t *testing.T) {
		r := chi.NewRouter()
		r.With(mw).Post("/api/items", items)
		wantPreflightBlocked(t, serve(r, browserPreflight("/api/items")), http.StatusMethodNotAllowed)
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("r.With with an OPTIONS route", func(t *testing.T) {
		r := chi.NewRouter()
		r.With(mw).Post("/api/items", items)
		r.With(mw).Options("/api/items", options)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("wrapping the whole router", func(t *testing.T) {
		r := chi.NewRouter()
		r.Post("/api/items", items)
		h := mw(r)
		wantPreflightOK(t, serve(h, browserPreflight("/api/items")))
		wantActualOK(t, serve(h, actual("POST", "/api/items")), http.StatusCreated)
	})
}

// TestRouteLevel is the Express idiom: app.options("/x", cors()) plus
// app.delete("/x", cors(), handler).
func TestRouteLevel(t *testing.T) {
	mw := corschi.Must(policy)
	r := chi.NewRouter()
	r.With(mw).Options("/api/items/{id}", options)
	r.With(mw).Delete("/api/items/{id}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set(corstest.HandlerHeader, "ran")
		w.WriteHeader(http.StatusNoContent)
	})
	r.Get("/api/other", items)

	pre := browserPreflight("/api/items/7")
	pre.Header.Set("Access-Control-Request-Method", "DELETE")
	pre.Header.Del("Access-Control-Request-Headers")
	w := serve(r, pre)
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "DELETE") ||
		w.Header().Get(corstest.HandlerHeader) != "" {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	wantActualOK(t, serve(r, actual("DELETE", "/api/items/7")), http.StatusNoContent)

	refused := browserPreflight("/api/items/7")
	refused.Header.Set("Origin", "https://evil.example")
	if w := serve(r, refused); w.Code != http.StatusForbidden || w.Header().Get(corstest.HandlerHeader) != "" || w.Body.Len() != 0 {
		t.Errorf("refused preflight: %d, handler %q, body %q", w.Code, w.Header().Get(corstest.HandlerHeader), w.Body.String())
	}

	// A plain OPTIONS request (no Access-Control-Request-Method) is the
	// application's.
	plain := actual("OPTIONS", "/api/items/7")
	if w := serve(r, plain); w.Header().Get(corstest.HandlerHeader) != "ran" {
		t.Errorf("plain OPTIONS did not reach the handler: %d %v", w.Code, w.Header())
	}

	// Routes without the middleware get no CORS headers.
	if w := serve(r, actual("GET", "/api/other")); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("route without middleware got CORS headers: %v", w.Header())
	}
}

// TestNewRefusesBadPolicy checks, with corstest.RunAPI, that New returns
// the core's joined error unchanged and Must panics with it.
func TestNewRefusesBadPolicy(t *testing.T) {
	corstest.RunAPI(t, corschi.Policy{AllowedOrigins: []string{"https://app.example.com/", "*"}, MaxAge: 100000},
		func(p corschi.Policy) error {
			mw, err := corschi.New(p)
			if err != nil && mw != nil {
				t.Error("New returned a middleware with its error")
			}
			return err
		},
		func(p corschi.Policy) { corschi.Must(p) })
}
