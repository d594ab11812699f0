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

func runScenarios(b *testing.B, h http.Handler) {
	for _, s := range corstest.BenchScenarios() {
		req := s.Request()
		b.Run(s.Name, func(b *testing.B) {
			w := corstest.NewDiscard()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				w.Reset()
				h.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkBaseline is the bare router: preflights get chi's 405.
func BenchmarkBaseline(b *testing.B) { runScenarios(b, benchRouter()) }

// BenchmarkCorschi is the same router with the middleware router-wide.
func BenchmarkCorschi(b *testing.B) { runScenarios(b, benchRouter(corschi.Must(corstest.BenchPolicy))) }
