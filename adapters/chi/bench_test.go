package corschi_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	corschi "github.com/corskit/corskit/adapters/chi"
)

// discard is a ResponseWriter cheap enough not to hide the middleware's
// cost: one header map, cleared and reused.
type discard struct {
	h      http.Header
	status int
}

func (w *discard) Header() http.Header         { return w.h }
func (w *discard) Write(p []byte) (int, error) { return len(p), nil }
func (w *discard) WriteHeader(status int)      { w.status = status }

// benchScenarios are the requests every benchmark sends, through a router
// with only GET and POST /api/items registered.
func benchScenarios() []struct {
	name string
	req  *http.Request
} {
	mk := func(method string, kv ...string) *http.Request {
		r := httptest.NewRequest(method, "http://api.test/api/items", nil)
		for i := 0; i+1 < len(kv); i += 2 {
			r.Header.Set(kv[i], kv[i+1])
		}
		return r
	}
	return []struct {
		name string
		req  *http.Request
	}{
		{"actual-allowed", mk("GET", "Origin", "https://app.example.com")},
		{"actual-refused", mk("GET", "Origin", "https://evil.example.com")},
		{"no-origin", mk("GET")},
		{"preflight-allowed", mk("OPTIONS", "Origin", "https://app.example.com",
			"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")},
		{"preflight-refused", mk("OPTIONS", "Origin", "https://evil.example.com",
			"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")},
	}
}

var benchPolicy = corschi.Policy{
	AllowedOrigins: []string{"https://app.example.com", "https://*.example.org"},
	ExposedHeaders: []string{"X-Total-Count"},
	MaxAge:         600,
}

func benchRouter(mw ...func(http.Handler) http.Handler) http.Handler {
	r := chi.NewRouter()
	r.Use(mw...)
	h := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
	r.Get("/api/items", h)
	r.Post("/api/items", h)
	return r
}

func runScenarios(b *testing.B, h http.Handler) {
	for _, s := range benchScenarios() {
		b.Run(s.name, func(b *testing.B) {
			w := &discard{h: make(http.Header)}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				clear(w.h)
				h.ServeHTTP(w, s.req)
			}
		})
	}
}

// BenchmarkBaseline is the bare router: preflights get chi's 405.
func BenchmarkBaseline(b *testing.B) { runScenarios(b, benchRouter()) }

// BenchmarkCorschi is the same router with the middleware router-wide.
func BenchmarkCorschi(b *testing.B) { runScenarios(b, benchRouter(corschi.Must(benchPolicy))) }
