//go:build go1.22

package corshttp_test

import (
	"net/http"
	"testing"

	corshttp "github.com/corskit/corskit/adapters/http"
	"github.com/corskit/corskit/core/corstest"
)

// benchMux is a ServeMux with GET and POST /api/items, wrapped as a whole
// by mw when there is one.
func benchMux(mw ...func(http.Handler) http.Handler) http.Handler {
	mux := http.NewServeMux()
	h := func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }
	mux.HandleFunc("GET /api/items", h)
	mux.HandleFunc("POST /api/items", h)
	mux.HandleFunc("PUT /api/items", h)
	var handler http.Handler = mux
	for i := len(mw) - 1; i >= 0; i-- {
		handler = mw[i](handler)
	}
	return handler
}

// noop is a middleware that only calls the next handler: what wrapping
// the mux costs before the middleware does anything.
func noop(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
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

// BenchmarkBaseline is the bare mux: preflights get its 405.
func BenchmarkBaseline(b *testing.B) { runScenarios(b, benchMux(), false) }

// BenchmarkNoop is the mux wrapped by a middleware that does nothing.
func BenchmarkNoop(b *testing.B) { runScenarios(b, benchMux(noop), false) }

// BenchmarkCorshttp is the mux wrapped by the CORS middleware.
func BenchmarkCorshttp(b *testing.B) {
	runScenarios(b, benchMux(corshttp.Must(corstest.App)), true)
}

// TestAllocsOverNoop holds the middleware to one allocation per request
// over the no-op middleware, in every benchmark scenario: the one backing
// array the core writes a response's header values into (none when it
// writes no header).
func TestAllocsOverNoop(t *testing.T) {
	cors, bare := benchMux(corshttp.Must(corstest.App)), benchMux(noop)
	for _, s := range corstest.AppBenchScenarios() {
		req := s.Request()
		w := corstest.NewDiscard()
		allocs := func(h http.Handler) float64 {
			return testing.AllocsPerRun(200, func() { w.Reset(); h.ServeHTTP(w, req) })
		}
		if c, n := allocs(cors), allocs(bare); c > n+1 {
			t.Errorf("%s: %v allocations, %v with the no-op middleware: want at most one more", s.Name, c, n)
		}
	}
}
