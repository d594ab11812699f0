package corsecho_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/corskit/corskit/adapters/echo"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// handler is corstest.Handler in echo's form.
func handler(c echo.Context) error {
	c.Response().Header().Set(corstest.HandlerHeader, "ran")
	return c.String(corstest.HandlerStatus, corstest.HandlerBody)
}

// routes registers corstest.Routes on e, each with handler.
func routes(e *echo.Echo) {
	for _, r := range corstest.Routes {
		e.Add(r.Method, r.Path, handler)
	}
}

// TestConformance runs the shared table through a real echo router with the
// middleware attached the idiomatic way, Echo.Use.
func TestConformance(t *testing.T) { corstest.Run(t, target) }

// target is echo's corstest.Target: an echo router with the middleware
// attached by Echo.Use.
func target(t testing.TB, eng *core.Engine) func(*http.Request) *http.Response {
	e := echo.New()
	e.Use(corsecho.FromEngine(eng))
	routes(e)
	return corstest.HandlerTarget(e)
}

// TestConformancePre runs the shared table with the middleware attached
// before routing, Echo.Pre.
func TestConformancePre(t *testing.T) {
	corstest.Run(t, func(t testing.TB, eng *core.Engine) func(*http.Request) *http.Response {
		e := echo.New()
		e.Pre(corsecho.FromEngine(eng))
		routes(e)
		return corstest.HandlerTarget(e)
	})
}

var policy = corsecho.Policy{
	AllowedOrigins: []string{"https://app.example.com"},
	AllowedHeaders: []string{"Content-Type"},
}

const (
	allowed = "https://app.example.com"
	acao    = "Access-Control-Allow-Origin"
)

// serve sends one request through h and returns the recorded answer.
func serve(h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://api.test"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// preflight sends a browser-like preflight for a POST with a JSON body.
func preflight(h http.Handler, path string) *httptest.ResponseRecorder {
	return serve(h, http.MethodOptions, path,
		"Origin", allowed,
		"Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "content-type")
}

func TestNewRefusesBadPolicy(t *testing.T) {
	bad := corsecho.Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true}
	_, want := core.New(bad)
	if want == nil {
		t.Fatal("core accepted the bad policy")
	}
	mw, err := corsecho.New(bad)
	if mw != nil || err == nil {
		t.Fatalf("New = %v, %v; want nil and an error", mw, err)
	}
	if err.Error() != want.Error() || reflect.TypeOf(err) != reflect.TypeOf(want) {
		t.Errorf("New's error = %T %q, want the core's %T %q", err, err, want, want)
	}
	defer func() {
		r := recover()
		got, ok := r.(error)
		if !ok || got.Error() != want.Error() || reflect.TypeOf(got) != reflect.TypeOf(want) {
			t.Errorf("Must panicked with %T %v, want the core's error %q", r, r, want)
		}
	}()
	corsecho.Must(bad)
	t.Error("Must did not panic")
}

func TestNewAcceptsGoodPolicy(t *testing.T) {
	mw, err := corsecho.New(policy)
	if err != nil || mw == nil {
		t.Fatalf("New = %v, %v", mw, err)
	}
}

// TestAttachment checks every way of attaching the middleware with only
// POST /api/items registered and no OPTIONS route: a browser's preflight
// must get 204 and Access-Control-Allow-Origin, and the POST must carry it.
func TestAttachment(t *testing.T) {
	mw := corsecho.Must(policy)
	post := func(c echo.Context) error { return c.String(http.StatusCreated, "{}") }
	for _, tc := range []struct {
		name  string
		build func(e *echo.Echo)
	}{
		{"Echo.Use", func(e *echo.Echo) {
			e.Use(mw)
			e.POST("/api/items", post)
		}},
		{"Echo.Pre", func(e *echo.Echo) {
			e.Pre(mw)
			e.POST("/api/items", post)
		}},
		{"Group.Use", func(e *echo.Echo) {
			g := e.Group("/api")
			g.Use(mw)
			g.POST("/items", post)
		}},
		{"Echo.Group with middleware", func(e *echo.Echo) {
			g := e.Group("/api", mw)
			g.POST("/items", post)
		}},
		{"route-level with an explicit OPTIONS route", func(e *echo.Echo) {
			e.POST("/api/items", post, mw)
			e.OPTIONS("/api/items", echo.MethodNotAllowedHandler, mw)
		}},
		{"route-level with Echo.Match", func(e *echo.Echo) {
			e.Match([]string{http.MethodPost, http.MethodOptions}, "/api/items", post, mw)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := echo.New()
			tc.build(e)
			w := preflight(e, "/api/items")
			if w.Code != http.StatusNoContent || w.Header().Get(acao) != allowed || w.Body.Len() != 0 {
				t.Errorf("preflight: %d %q, body %q; want 204 %q, no body", w.Code, w.Header().Get(acao), w.Body, allowed)
			}
			w = serve(e, http.MethodPost, "/api/items", "Origin", allowed)
			if w.Code != http.StatusCreated || w.Header().Get(acao) != allowed {
				t.Errorf("POST: %d %q; want 201 %q", w.Code, w.Header().Get(acao), allowed)
			}
		})
	}
}

// TestAttachmentRouteLevelAlone pins what echo does when the middleware is
// given to a single route and the route has no OPTIONS handler: echo's
// router answers the preflight itself (204 with an Allow header) without
// running route middleware, so the answer has no CORS headers and the
// browser fails the request. The README says to add an OPTIONS route.
func TestAttachmentRouteLevelAlone(t *testing.T) {
	e := echo.New()
	e.POST("/api/items", func(c echo.Context) error { return c.NoContent(http.StatusCreated) }, corsecho.Must(policy))
	w := preflight(e, "/api/items")
	if w.Header().Get(acao) != "" {
		t.Fatalf("route-level middleware answered the preflight (%d %q): update the README, echo now runs it", w.Code, w.Header().Get(acao))
	}
	if w.Code != http.StatusNoContent || w.Header().Get("Allow") == "" {
		t.Errorf("preflight: %d, Allow %q; want echo's own 204 with Allow", w.Code, w.Header().Get("Allow"))
	}
	w = serve(e, http.MethodPost, "/api/items", "Origin", allowed)
	if w.Header().Get(acao) != allowed {
		t.Errorf("POST: Access-Control-Allow-Origin %q, want %q", w.Header().Get(acao), allowed)
	}
}

// TestRouteLevelExpressStyle is Express's app.options('/x', cors()) plus
// app.delete('/x', cors(), handler).
func TestRouteLevelExpressStyle(t *testing.T) {
	mw := corsecho.Must(corsecho.Policy{AllowedOrigins: []string{allowed}})
	e := echo.New()
	e.OPTIONS("/x", handler, mw)
	e.DELETE("/x", handler, mw)

	w := serve(e, http.MethodOptions, "/x", "Origin", allowed, "Access-Control-Request-Method", "DELETE")
	if w.Code != http.StatusNoContent || w.Header().Get(acao) != allowed || w.Header().Get(corstest.HandlerHeader) != "" {
		t.Errorf("preflight: %d %q, handler %q; want 204 %q without the handler",
			w.Code, w.Header().Get(acao), w.Header().Get(corstest.HandlerHeader), allowed)
	}
	if got := w.Header().Get("Access-Control-Allow-Methods"); !strings.Contains(got, "DELETE") {
		t.Errorf("Access-Control-Allow-Methods %q lacks DELETE", got)
	}
	w = serve(e, http.MethodDelete, "/x", "Origin", allowed)
	if w.Code != http.StatusOK || w.Header().Get(acao) != allowed || w.Header().Get(corstest.HandlerHeader) != "ran" {
		t.Errorf("DELETE: %d %q, handler %q; want 200 %q with the handler",
			w.Code, w.Header().Get(acao), w.Header().Get(corstest.HandlerHeader), allowed)
	}
}

// setVary is middleware that sets Vary before CORS runs, as compression
// middleware does.
func setVary(lines ...string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			for _, l := range lines {
				c.Response().Header().Add("Vary", l)
			}
			return next(c)
		}
	}
}

func TestVaryMerge(t *testing.T) {
	pre := []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"}
	for _, tc := range []struct {
		name     string
		earlier  []string
		preflite bool
		want     []string // Vary tokens in order
	}{
		{"actual, earlier Accept-Encoding", []string{"Accept-Encoding"}, false, []string{"Accept-Encoding", "Origin"}},
		{"actual, earlier Origin", []string{"Origin"}, false, []string{"Origin"}},
		{"actual, earlier lower-case origin", []string{"accept-encoding, origin"}, false, []string{"accept-encoding", "origin"}},
		{"preflight, earlier Accept-Encoding", []string{"Accept-Encoding"}, true, append([]string{"Accept-Encoding"}, pre...)},
		{"preflight, earlier Origin", []string{"Origin"}, true, pre},
		{"preflight, two earlier lines", []string{"Accept-Encoding", "Origin"}, true, append([]string{"Accept-Encoding"}, pre...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := echo.New()
			e.Use(setVary(tc.earlier...), corsecho.Must(policy))
			routes(e)
			var w *httptest.ResponseRecorder
			if tc.preflite {
				w = serve(e, http.MethodOptions, corstest.ItemsPath, "Origin", allowed, "Access-Control-Request-Method", "PUT")
			} else {
				w = serve(e, http.MethodGet, corstest.ItemsPath, "Origin", allowed)
			}
			if got := varyTokens(w.Header()); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Vary tokens %q, want %q (lines %q)", got, tc.want, w.Header()["Vary"])
			}
		})
	}
}

// varyTokens splits every Vary line of h into its trimmed tokens.
func varyTokens(h http.Header) []string {
	var toks []string
	for _, l := range h["Vary"] {
		for _, t := range strings.Split(l, ",") {
			toks = append(toks, strings.TrimSpace(t))
		}
	}
	return toks
}

func TestHandlerHeadersKept(t *testing.T) {
	e := echo.New()
	e.Use(corsecho.Must(corsecho.Policy{AllowedOrigins: []string{allowed}, ExposedHeaders: []string{"X-Total-Count"}}))
	e.GET("/api/items", func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Total-Count", "3")
		h.Set("Cache-Control", "no-store")
		h.Add("Vary", "Accept-Language")
		return c.JSON(http.StatusOK, []string{"a", "b", "c"})
	})
	w := serve(e, http.MethodGet, "/api/items", "Origin", allowed)
	want := map[string]string{
		"X-Total-Count":                 "3",
		"Cache-Control":                 "no-store",
		"Content-Type":                  echo.MIMEApplicationJSON,
		acao:                            allowed,
		"Access-Control-Expose-Headers": "X-Total-Count",
	}
	for k, v := range want {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	if got := varyTokens(w.Header()); !reflect.DeepEqual(got, []string{"Origin", "Accept-Language"}) {
		t.Errorf("Vary tokens %q, want Origin and Accept-Language", got)
	}
}

// TestNoSharedHeaderSlices is rs/cors #198: a handler that edits a CORS
// header's value in place must not change the next response.
func TestNoSharedHeaderSlices(t *testing.T) {
	for _, p := range []corsecho.Policy{
		{AllowedOrigins: []string{allowed}, ExposedHeaders: []string{"X-Total-Count"}, AllowCredentials: true},
		{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"X-Total-Count"}},
	} {
		e := echo.New()
		e.Use(corsecho.Must(p))
		var seen [][]string
		e.GET("/api/items", func(c echo.Context) error {
			h := c.Response().Header()
			seen = append(seen, []string{h.Get(acao), h.Get("Access-Control-Expose-Headers"), h.Get("Vary")})
			for _, name := range []string{acao, "Access-Control-Expose-Headers", "Access-Control-Allow-Credentials", "Vary"} {
				if v := h[name]; len(v) > 0 {
					v[0] = "mutated"
					h[name] = append(v, "appended")
				}
			}
			return c.NoContent(http.StatusOK)
		})
		for i := 0; i < 3; i++ {
			w := serve(e, http.MethodGet, "/api/items", "Origin", allowed)
			if got := w.Header()[acao]; !reflect.DeepEqual(got, []string{"mutated", "appended"}) {
				t.Fatalf("response %d: %s %q; the handler's edit should show in its own response", i, acao, got)
			}
		}
		if !reflect.DeepEqual(seen[1], seen[0]) || !reflect.DeepEqual(seen[2], seen[0]) || seen[0][0] == "mutated" {
			t.Errorf("%v: headers the handler saw per request: %q; want the same fresh values each time", p.AllowedOrigins, seen)
		}
	}
}

// headerWriter is a ResponseWriter that keeps headers and discards the
// body, cheaper than httptest.ResponseRecorder for benchmarks.
type headerWriter struct {
	h      http.Header
	status int
}

func (w *headerWriter) Header() http.Header         { return w.h }
func (w *headerWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerWriter) WriteHeader(status int)      { w.status = status }

func TestFromEngineFollowsReconfigure(t *testing.T) {
	eng, err := core.New(corsecho.Policy{AllowedOrigins: []string{allowed}})
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	e.Use(corsecho.FromEngine(eng))
	routes(e)
	other := "https://other.example.com"
	if got := serve(e, http.MethodGet, corstest.ItemsPath, "Origin", other).Header().Get(acao); got != "" {
		t.Fatalf("before Reconfigure: %q allowed", other)
	}
	if err := eng.Reconfigure(corsecho.Policy{AllowedOrigins: []string{other}}); err != nil {
		t.Fatal(err)
	}
	if got := serve(e, http.MethodGet, corstest.ItemsPath, "Origin", other).Header().Get(acao); got != other {
		t.Errorf("after Reconfigure: Access-Control-Allow-Origin %q, want %q", got, other)
	}
	if err := eng.Reconfigure(corsecho.Policy{}); err == nil {
		t.Error("Reconfigure accepted an empty policy")
	}
}

// TestRefusedPreflightHasNoBody checks the 403 a refused preflight gets:
// empty, and the route's handler does not run.
func TestRefusedPreflightHasNoBody(t *testing.T) {
	e := echo.New()
	e.Use(corsecho.Must(policy))
	routes(e)
	w := serve(e, http.MethodOptions, corstest.ItemsPath, "Origin", "https://evil.example", "Access-Control-Request-Method", "PUT")
	body, _ := io.ReadAll(w.Result().Body)
	if w.Code != http.StatusForbidden || len(body) != 0 || w.Header().Get(corstest.HandlerHeader) != "" {
		t.Errorf("refused preflight: %d, body %q, handler %q; want 403, empty, not run", w.Code, body, w.Header().Get(corstest.HandlerHeader))
	}
}

// TestErrorsPassThrough checks that an error returned by the next handler
// reaches echo's error handler unchanged, with the CORS headers set, so
// that scripts can read error responses too.
func TestErrorsPassThrough(t *testing.T) {
	e := echo.New()
	e.Use(corsecho.Must(policy))
	sentinel := echo.NewHTTPError(http.StatusTeapot, "short and stout")
	e.GET("/err", func(c echo.Context) error { return sentinel })
	var got error
	e.HTTPErrorHandler = func(err error, c echo.Context) {
		got = err
		c.NoContent(http.StatusTeapot)
	}
	w := serve(e, http.MethodGet, "/err", "Origin", allowed)
	if !errors.Is(got, sentinel) || w.Code != http.StatusTeapot || w.Header().Get(acao) != allowed {
		t.Errorf("error %v, %d %q; want the handler's error, 418 %q", got, w.Code, w.Header().Get(acao), allowed)
	}
}
