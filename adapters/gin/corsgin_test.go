package corsgin_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	corsgin "github.com/corskit/corskit/adapters/gin"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

func init() { gin.SetMode(gin.TestMode) }

// TestKit runs the whole shared kit (corstest.RunAll) through target.
func TestKit(t *testing.T) { corstest.RunAll(t, target, core.Routing{}) }

// target is gin's corstest.Target: a gin engine with the middleware
// attached engine-wide, after an earlier middleware's Vary.
func target(t testing.TB, e *core.Engine) func(*http.Request) *http.Response {
	r := gin.New()
	r.Use(func(c *gin.Context) {
		corstest.AddPresetVary(c.Writer.Header(), c.Request)
		c.Next()
	})
	r.Use(corsgin.FromEngine(e))
	for _, rt := range corstest.Routes {
		r.Handle(rt.Method, rt.Path, gin.WrapF(corstest.Handler))
	}
	return corstest.HandlerTarget(r)
}

var policy = corsgin.Policy{AllowedOrigins: []string{"https://app.example.com"}}

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
func items(c *gin.Context) {
	c.Header(corstest.HandlerHeader, "ran")
	c.String(http.StatusCreated, "created")
}

// wantPreflightOK checks that w is an accepted preflight the handler did
// not see.
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

// TestAttachment pins which ways of attaching the middleware answer a
// browser's preflight when only POST /api/items is registered.
func TestAttachment(t *testing.T) {
	mw := corsgin.Must(policy)
	// options stands for an application's own OPTIONS handler: it must
	// not run for a preflight the middleware answered.
	options := func(c *gin.Context) {
		c.Header(corstest.HandlerHeader, "ran")
		c.String(http.StatusOK, "options handler")
	}

	t.Run("engine.Use", func(t *testing.T) {
		r := gin.New()
		r.Use(mw)
		r.POST("/api/items", items)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("engine.Use with HandleMethodNotAllowed", func(t *testing.T) {
		r := gin.New()
		r.HandleMethodNotAllowed = true
		r.Use(mw)
		r.POST("/api/items", items)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("engine.Use before a group", func(t *testing.T) {
		r := gin.New()
		r.Use(mw)
		api := r.Group("/api")
		api.POST("/items", items)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
	})
	t.Run("group.Use alone cannot answer preflights", func(t *testing.T) {
		// gin runs a group's middleware only for the group's routes, and
		// no OPTIONS route matches: the preflight gets gin's 404.
		r := gin.New()
		api := r.Group("/api")
		api.Use(mw)
		api.POST("/items", items)
		w := serve(r, browserPreflight("/api/items"))
		if w.Code != http.StatusNotFound || w.Header().Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("got %d with Access-Control-Allow-Origin %q; gin changed: update the README",
				w.Code, w.Header().Get("Access-Control-Allow-Origin"))
		}
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("group.Use with a catch-all OPTIONS route", func(t *testing.T) {
		r := gin.New()
		api := r.Group("/api")
		api.Use(mw)
		api.POST("/items", items)
		api.OPTIONS("/*path", options)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
		wantActualOK(t, serve(r, actual("POST", "/api/items")), http.StatusCreated)
		// Outside the group nothing changes.
		if w := serve(r, browserPreflight("/other")); w.Code != http.StatusNotFound {
			t.Errorf("preflight outside the group: %d, want 404", w.Code)
		}
	})
	t.Run("group.Use with an OPTIONS route per path", func(t *testing.T) {
		r := gin.New()
		api := r.Group("/api")
		api.Use(mw)
		api.POST("/items", items)
		api.OPTIONS("/items", options)
		wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
	})
}

// TestRouteLevel is the Express idiom: app.options("/x", cors()) plus
// app.delete("/x", cors(), handler).
func TestRouteLevel(t *testing.T) {
	mw := corsgin.Must(policy)
	r := gin.New()
	r.OPTIONS("/api/items/:id", mw)
	r.OPTIONS("/api/items", mw, func(c *gin.Context) {
		c.Header(corstest.HandlerHeader, "ran")
		c.String(http.StatusOK, "options handler")
	})
	r.DELETE("/api/items/:id", mw, func(c *gin.Context) {
		c.Header(corstest.HandlerHeader, "ran")
		c.Status(http.StatusNoContent)
	})
	r.GET("/api/other", items)

	pre := browserPreflight("/api/items/7")
	pre.Header.Set("Access-Control-Request-Method", "DELETE")
	pre.Header.Del("Access-Control-Request-Headers")
	w := serve(r, pre)
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != origin ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "DELETE") {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	wantActualOK(t, serve(r, actual("DELETE", "/api/items/7")), http.StatusNoContent)

	// A preflight never reaches an OPTIONS handler after the middleware.
	wantPreflightOK(t, serve(r, browserPreflight("/api/items")))
	refused := browserPreflight("/api/items")
	refused.Header.Set("Origin", "https://evil.example")
	if w := serve(r, refused); w.Code != http.StatusForbidden || w.Header().Get(corstest.HandlerHeader) != "" || w.Body.Len() != 0 {
		t.Errorf("refused preflight: %d, handler %q, body %q", w.Code, w.Header().Get(corstest.HandlerHeader), w.Body.String())
	}

	// Routes without the middleware get no CORS headers.
	if w := serve(r, actual("GET", "/api/other")); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("route without middleware got CORS headers: %v", w.Header())
	}
}

// TestNewRefusesBadPolicy checks, with corstest.RunAPI, that New returns
// the core's joined error unchanged and Must panics with it.
func TestNewRefusesBadPolicy(t *testing.T) {
	corstest.RunAPI(t, corsgin.Policy{AllowedOrigins: []string{"https://app.example.com/", "*"}, MaxAge: 100000},
		func(p corsgin.Policy) error {
			mw, err := corsgin.New(p)
			if err != nil && mw != nil {
				t.Error("New returned a middleware with its error")
			}
			return err
		},
		func(p corsgin.Policy) { corsgin.Must(p) })
}

// TestPreflightBody checks that an answered preflight has an empty body,
// even on gin's 404 path.
func TestPreflightBody(t *testing.T) {
	r := gin.New()
	r.Use(corsgin.Must(policy))
	r.POST("/api/items", items)
	for _, o := range []string{origin, "https://evil.example"} {
		req := browserPreflight("/api/items")
		req.Header.Set("Origin", o)
		w := serve(r, req)
		body, _ := io.ReadAll(w.Result().Body)
		if len(body) != 0 || w.Header().Get("Content-Type") != "" {
			t.Errorf("origin %s: status %d, body %q, Content-Type %q", o, w.Code, body, w.Header().Get("Content-Type"))
		}
	}
}
