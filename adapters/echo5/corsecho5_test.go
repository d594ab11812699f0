package corsecho5_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/corskit/corskit/adapters/echo5"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// handler is corstest.Handler in echo's form.
var handler = echo.WrapHandler(http.HandlerFunc(corstest.Handler))

// presetVary is the earlier middleware corstest.Target asks for.
func presetVary(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		corstest.AddPresetVary(c.Response().Header(), c.Request())
		return next(c)
	}
}

// routes registers corstest.Routes on e, each with handler.
func routes(e *echo.Echo) {
	for _, r := range corstest.Routes {
		e.Add(r.Method, r.Path, handler)
	}
}

// TestKit runs the whole shared kit (corstest.RunAll) through target.
func TestKit(t *testing.T) { corstest.RunAll(t, target, core.Routing{}) }

// target is echo v5's corstest.Target: an echo router with the middleware
// attached by Echo.Use, after an earlier middleware's Vary.
func target(t testing.TB, eng *core.Engine) func(*http.Request) *http.Response {
	e := echo.New()
	e.Use(presetVary)
	e.Use(corsecho5.FromEngine(eng))
	routes(e)
	return corstest.HandlerTarget(e)
}

// TestKitPre runs the whole kit with the middleware attached before
// routing, Echo.Pre.
func TestKitPre(t *testing.T) {
	corstest.RunAll(t, func(t testing.TB, eng *core.Engine) func(*http.Request) *http.Response {
		e := echo.New()
		e.Pre(presetVary)
		e.Pre(corsecho5.FromEngine(eng))
		routes(e)
		return corstest.HandlerTarget(e)
	}, core.Routing{})
}

var policy = corsecho5.Policy{
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

// echoAtLeast reports whether the echo v5 under test is at least
// v5.minor.patch, for the attachments whose answer changed between
// releases.
func echoAtLeast(t *testing.T, minor, patch int) bool {
	var major, mi, pa int
	if _, err := fmt.Sscanf(echo.Version, "%d.%d.%d", &major, &mi, &pa); err != nil || major != 5 {
		t.Fatalf("echo.Version %q: %v", echo.Version, err)
	}
	return mi > minor || mi == minor && pa >= patch
}

func TestNewRefusesBadPolicy(t *testing.T) {
	corstest.RunAPI(t, corsecho5.Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true},
		func(p corsecho5.Policy) error {
			mw, err := corsecho5.New(p)
			if err != nil && mw != nil {
				t.Error("New returned a middleware with its error")
			}
			return err
		},
		func(p corsecho5.Policy) { corsecho5.Must(p) })
}

func TestNewAcceptsGoodPolicy(t *testing.T) {
	mw, err := corsecho5.New(policy)
	if err != nil || mw == nil {
		t.Fatalf("New = %v, %v", mw, err)
	}
}

// TestAttachment checks every way of attaching the middleware with only
// POST /api/items registered and no OPTIONS route: a browser's preflight
// must get 204 and Access-Control-Allow-Origin, and the POST must carry
// it. A row with groupAuto404 works only on an echo that registers
// catch-all routes for a group with middleware (v5.3.0 and later); on
// v5.0.0 to v5.2.x the router answers the preflight itself (204 with
// Allow) without running group middleware, and the row checks that.
func TestAttachment(t *testing.T) {
	mw := corsecho5.Must(policy)
	post := func(c *echo.Context) error { return c.String(http.StatusCreated, "{}") }
	for _, tc := range []struct {
		name         string
		groupAuto404 bool
		build        func(e *echo.Echo)
	}{
		{"Echo.Use", false, func(e *echo.Echo) {
			e.Use(mw)
			e.POST("/api/items", post)
		}},
		{"Echo.Pre", false, func(e *echo.Echo) {
			e.Pre(mw)
			e.POST("/api/items", post)
		}},
		{"Group.Use", true, func(e *echo.Echo) {
			g := e.Group("/api")
			g.Use(mw)
			g.POST("/items", post)
		}},
		{"Echo.Group with middleware", true, func(e *echo.Echo) {
			g := e.Group("/api", mw)
			g.POST("/items", post)
		}},
		{"route-level with an explicit OPTIONS route", false, func(e *echo.Echo) {
			e.POST("/api/items", post, mw)
			e.OPTIONS("/api/items", func(c *echo.Context) error { return c.NoContent(http.StatusMethodNotAllowed) }, mw)
		}},
		{"route-level with Echo.Match", false, func(e *echo.Echo) {
			e.Match([]string{http.MethodPost, http.MethodOptions}, "/api/items", post, mw)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := echo.New()
			tc.build(e)
			w := preflight(e, "/api/items")
			if tc.groupAuto404 && !echoAtLeast(t, 3, 0) {
				if w.Header().Get(acao) != "" {
					t.Fatalf("echo %s ran group middleware for the preflight (%d %q): update the README", echo.Version, w.Code, w.Header().Get(acao))
				}
				if w.Code != http.StatusNoContent || w.Header().Get("Allow") == "" {
					t.Errorf("echo %s preflight: %d, Allow %q; want echo's own 204 with Allow", echo.Version, w.Code, w.Header().Get("Allow"))
				}
			} else if w.Code != http.StatusNoContent || w.Header().Get(acao) != allowed || w.Body.Len() != 0 {
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
	e.POST("/api/items", func(c *echo.Context) error { return c.NoContent(http.StatusCreated) }, corsecho5.Must(policy))
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
	mw := corsecho5.Must(corsecho5.Policy{AllowedOrigins: []string{allowed}})
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

// TestRefusedPreflightHasNoBody checks the 403 a refused preflight gets:
// empty, and the route's handler does not run.
func TestRefusedPreflightHasNoBody(t *testing.T) {
	e := echo.New()
	e.Use(corsecho5.Must(policy))
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
	e.Use(corsecho5.Must(policy))
	sentinel := echo.NewHTTPError(http.StatusTeapot, "short and stout")
	e.GET("/err", func(c *echo.Context) error { return sentinel })
	var got error
	e.HTTPErrorHandler = func(c *echo.Context, err error) {
		got = err
		c.NoContent(http.StatusTeapot)
	}
	w := serve(e, http.MethodGet, "/err", "Origin", allowed)
	if !errors.Is(got, sentinel) || w.Code != http.StatusTeapot || w.Header().Get(acao) != allowed {
		t.Errorf("error %v, %d %q; want the handler's error, 418 %q", got, w.Code, w.Header().Get(acao), allowed)
	}
}
