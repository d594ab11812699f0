package corshttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	corshttp "github.com/corskit/corskit/adapters/http"
	"github.com/corskit/corskit/core/corstest"
)

// This file builds with the module's oldest Go (1.21), whose ServeMux has
// no method patterns; the tests that need them are in files built for
// go1.22 (see corshttp_test.go).

var policy = corshttp.Policy{AllowedOrigins: []string{"https://app.example.com"}}

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

// wantPreflightBlocked checks that w is the mux's own answer to an
// OPTIONS request it has no pattern for: the middleware never saw it.
func wantPreflightBlocked(t *testing.T, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	if w.Code != status || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("got %d with Access-Control-Allow-Origin %q, want %d without; the mux changed: update the README",
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

// TestNewRefusesBadPolicy checks, with corstest.RunAPI, that New returns
// the core's joined error unchanged and Must panics with it.
func TestNewRefusesBadPolicy(t *testing.T) {
	corstest.RunAPI(t, corshttp.Policy{AllowedOrigins: []string{"https://app.example.com/", "*"}, MaxAge: 100000},
		func(p corshttp.Policy) error {
			mw, err := corshttp.New(p)
			if err != nil && mw != nil {
				t.Error("New returned a middleware with its error")
			}
			return err
		},
		func(p corshttp.Policy) { corshttp.Must(p) })
}

// TestWrapsAnyHandler checks the middleware around a bare handler, no mux
// at all, as gorilla/mux's Use or connect-go's handlers get it: the
// handler runs for an actual request, not for a preflight.
func TestWrapsAnyHandler(t *testing.T) {
	h := corshttp.Must(policy)(http.HandlerFunc(items))
	wantPreflightOK(t, serve(h, browserPreflight("/any/path")))
	wantActualOK(t, serve(h, actual("POST", "/any/path")), http.StatusCreated)
	if w := serve(h, browserPreflight("/")); w.Code != http.StatusNoContent {
		t.Errorf("preflight to / got %d", w.Code)
	}
}
