package corschi_test

import (
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"

	corschi "github.com/corskit/corskit/adapters/chi"
	"github.com/corskit/corskit/core/corstest"
)

func benchRouter(mw ...func(http.Handler) http.Handler) http.Handler {
	r := chi.NewRouter()
	r.Use(mw...)
	h := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
	r.Get("/api/items", h)
	r.Post("/api/items", h)
	return r
}

// runScenarios sends each of corstest.AppBenchScenarios through h, after
// checking once that the CORS middleware, when there is one, answers it
// as it must: every adapter benchmarks the same policy and requests.
func runScenarios(b *testing.B, h http.Handler, cors bool) {
	for _, s := range corstest.AppBenchScenarios() {
		req := s.Request()
		b.Run(s.Name, func(b *testing.B) {
			w := corstest.NewDiscard()
			h.ServeHTTP(w, req)
			if cors && (w.Status != s.Status || w.H.Get("Access-Control-Allow-Origin") != s.ACAO) {
				b.Fatalf("%d %q, want %d %q", w.Status, w.H.Get("Access-Control-Allow-Origin"), s.Status, s.ACAO)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w.Reset()
				h.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkBaseline is the bare router: preflights get chi's 405.
func BenchmarkBaseline(b *testing.B) { runScenarios(b, benchRouter(), false) }

// BenchmarkNoop is the router with a middleware that only calls the next
// handler: what any middleware costs before it does anything.
func BenchmarkNoop(b *testing.B) {
	runScenarios(b, benchRouter(func(next http.Handler) http.Handler { return next }), false)
}

// BenchmarkCorschi is the same router with the middleware router-wide,
// under corstest.App: credentials, exposed headers, max age.
func BenchmarkCorschi(b *testing.B) { runScenarios(b, benchRouter(corschi.Must(corstest.App)), true) }
