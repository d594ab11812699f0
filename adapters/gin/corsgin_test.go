package corsgin_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"

	corsgin "github.com/corskit/corskit/adapters/gin"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

func init() { gin.SetMode(gin.TestMode) }

// TestConformance runs the shared table through a real gin engine with the
// middleware attached engine-wide.
func TestConformance(t *testing.T) { corstest.Run(t, target) }

// target is gin's corstest.Target: a gin engine with the middleware
// attached engine-wide.
func target(t testing.TB, e *core.Engine) func(*http.Request) *http.Response {
	r := gin.New()
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

// varyTokens returns every token of the response's Vary lines.
func varyTokens(h http.Header) []string {
	var toks []string
	for _, line := range h.Values("Vary") {
		for _, tok := range strings.Split(line, ",") {
			if tok = strings.TrimSpace(tok); tok != "" {
				toks = append(toks, tok)
			}
		}
	}
	return toks
}

func TestVaryMerge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		earlier []string // Vary lines set by an earlier middleware
		req     *http.Request
		want    string // tokens, joined by ", "
	}{
		{"keeps Accept-Encoding", []string{"Accept-Encoding"}, actual("GET", "/api/items"), "Accept-Encoding, Origin"},
		{"keeps Accept-Encoding on no-CORS request", []string{"Accept-Encoding"}, httptest.NewRequest("GET", "/api/items", nil), "Accept-Encoding, Origin"},
		{"does not repeat Origin", []string{"Origin"}, actual("GET", "/api/items"), "Origin"},
		{"does not repeat origin in another case", []string{"accept-encoding, origin"}, actual("GET", "/api/items"), "accept-encoding, origin"},
		{"preflight adds only what is missing", []string{"Origin"}, browserPreflight("/api/items"),
			"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"},
		{"star covers everything", []string{"*"}, actual("GET", "/api/items"), "*"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gin.New()
			r.Use(func(c *gin.Context) {
				c.Writer.Header()["Vary"] = append([]string(nil), tc.earlier...)
				c.Next()
			})
			r.Use(corsgin.Must(policy))
			r.GET("/api/items", items)
			r.POST("/api/items", items)
			w := serve(r, tc.req)
			if got := strings.Join(varyTokens(w.Header()), ", "); got != tc.want {
				t.Errorf("Vary %q, want %q", got, tc.want)
			}
		})
	}
}

// TestHandlerHeadersKept checks that the handler's own headers, CORS-like
// or not, reach the client beside the middleware's.
func TestHandlerHeadersKept(t *testing.T) {
	r := gin.New()
	r.Use(corsgin.Must(corsgin.Policy{AllowedOrigins: []string{origin}, ExposedHeaders: []string{"X-Total-Count"}}))
	r.GET("/api/items", func(c *gin.Context) {
		c.Header("X-Total-Count", "3")
		c.Header("Cache-Control", "no-store")
		c.Writer.Header().Add("Vary", "Accept")
		c.JSON(http.StatusOK, []int{1, 2, 3})
	})
	w := serve(r, actual("GET", "/api/items"))
	h := w.Header()
	for name, want := range map[string]string{
		"X-Total-Count":                 "3",
		"Cache-Control":                 "no-store",
		"Content-Type":                  "application/json; charset=utf-8",
		"Access-Control-Allow-Origin":   origin,
		"Access-Control-Expose-Headers": "X-Total-Count",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s %q, want %q", name, got, want)
		}
	}
	if got := strings.Join(varyTokens(h), ", "); got != "Origin, Accept" {
		t.Errorf("Vary %q, want %q", got, "Origin, Accept")
	}
	if w.Body.String() != "[1,2,3]" {
		t.Errorf("body %q", w.Body.String())
	}
}

// TestNoSharedHeaderValues is rs/cors issue #198: a handler that edits, in
// place, the header values the middleware set must not change the next
// response. The handler edits only when asked, so the same router serves
// an editing request and then a clean one.
func TestNoSharedHeaderValues(t *testing.T) {
	r := gin.New()
	r.Use(corsgin.Must(corsgin.Policy{AllowedOrigins: []string{origin}, ExposedHeaders: []string{"X-Total-Count"}}))
	r.GET("/api/items", editHeaders)
	for i := 0; i < 3; i++ {
		serve(r, editingRequest())
		checkClean(t, serve(r, actual("GET", "/api/items")).Header())
	}
}

// TestNoSharedHeaderValuesConcurrent is TestNoSharedHeaderValues under
// load, for the race detector.
func TestNoSharedHeaderValuesConcurrent(t *testing.T) {
	r := gin.New()
	r.Use(corsgin.Must(corsgin.Policy{AllowedOrigins: []string{origin}, ExposedHeaders: []string{"X-Total-Count"}}))
	r.GET("/api/items", editHeaders)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				serve(r, editingRequest())
				checkClean(t, serve(r, actual("GET", "/api/items")).Header())
			}
		}()
	}
	wg.Wait()
}

func editingRequest() *http.Request {
	req := actual("GET", "/api/items")
	req.Header.Set("X-Edit", "1")
	return req
}

// editHeaders edits the CORS header values in place when the request
// carries X-Edit, the way rs/cors #198's handler did.
func editHeaders(c *gin.Context) {
	if c.GetHeader("X-Edit") != "" {
		h := c.Writer.Header()
		h["Access-Control-Allow-Origin"][0] = "https://evil.example"
		h["Access-Control-Expose-Headers"][0] = "X-Secret"
		v := h["Vary"]
		v[0] = "Cookie"
		h["Vary"] = append(v, "Accept") // in place if capacity allowed
		h.Add("Access-Control-Allow-Origin", "https://second.example")
	}
	c.Status(http.StatusOK)
}

func checkClean(t *testing.T, h http.Header) {
	t.Helper()
	if strings.Join(h.Values("Access-Control-Allow-Origin"), ", ") != origin ||
		strings.Join(h.Values("Access-Control-Expose-Headers"), ", ") != "X-Total-Count" ||
		strings.Join(h.Values("Vary"), ", ") != "Origin" {
		t.Errorf("response changed by an earlier handler: %v", h)
	}
}

// TestNewRefusesBadPolicy checks that New returns the core's error
// unchanged and Must panics with it.
func TestNewRefusesBadPolicy(t *testing.T) {
	bad := corsgin.Policy{AllowedOrigins: []string{"https://app.example.com/", "*"}, MaxAge: 100000}
	_, want := core.New(bad)
	if want == nil {
		t.Fatal("core accepted the bad policy")
	}
	mw, err := corsgin.New(bad)
	if mw != nil || err == nil || err.Error() != want.Error() {
		t.Fatalf("New = %v, %v; want nil, %v", mw, err, want)
	}
	defer func() {
		got, ok := recover().(error)
		if !ok || got.Error() != want.Error() {
			t.Errorf("Must panicked with %v, want %v", got, want)
		}
	}()
	corsgin.Must(bad)
}

// TestNewErrorUnwraps checks that the core's joined error keeps its parts.
func TestNewErrorUnwraps(t *testing.T) {
	_, err := corsgin.New(corsgin.Policy{})
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) == 0 {
		t.Errorf("error %v (%T) is not the core's joined error", err, err)
	}
}

// TestFromEngineReconfigure checks that middleware built on an Engine
// follows Reconfigure.
func TestFromEngineReconfigure(t *testing.T) {
	e, err := core.New(policy)
	if err != nil {
		t.Fatal(err)
	}
	r := gin.New()
	r.Use(corsgin.FromEngine(e))
	r.POST("/api/items", items)
	other := "https://admin.example.com"
	req := func() *http.Request {
		req := browserPreflight("/api/items")
		req.Header.Set("Origin", other)
		return req
	}
	if w := serve(r, req()); w.Code != http.StatusForbidden {
		t.Fatalf("before Reconfigure: %d, want 403", w.Code)
	}
	if err := e.Reconfigure(corsgin.Policy{AllowedOrigins: []string{origin, other}}); err != nil {
		t.Fatal(err)
	}
	if w := serve(r, req()); w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != other {
		t.Fatalf("after Reconfigure: %d %v", w.Code, w.Header())
	}
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
