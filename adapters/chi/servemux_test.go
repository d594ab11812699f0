//go:build go1.22

// The standard library's method patterns ("POST /api/items") need Go 1.22;
// the module's go line is older, so turn them on for this test binary.
//go:debug httpmuxgo121=0

package corschi_test

import (
	"net/http"
	"testing"

	corschi "github.com/corskit/corskit/adapters/chi"
)

// TestServeMux pins which ways of using the middleware with a Go 1.22
// ServeMux answer a browser's preflight when only "POST /api/items" is
// registered.
func TestServeMux(t *testing.T) {
	mw := corschi.Must(policy)

	t.Run("wrapping the whole mux", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("POST /api/items", items)
		h := mw(mux)
		wantPreflightOK(t, serve(h, browserPreflight("/api/items")))
		wantActualOK(t, serve(h, actual("POST", "/api/items")), http.StatusCreated)
	})
	t.Run("wrapping a handler inside cannot answer preflights", func(t *testing.T) {
		// The pattern matches POST only: ServeMux answers 405 itself.
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
	})
	t.Run("patterns without a method", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("/api/items", mw(http.HandlerFunc(items)))
		wantPreflightOK(t, serve(mux, browserPreflight("/api/items")))
	})
}
