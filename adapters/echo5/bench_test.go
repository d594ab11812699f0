package corsecho5_test

import (
	"testing"

	"github.com/labstack/echo/v5"

	"github.com/corskit/corskit/adapters/echo5"
	"github.com/corskit/corskit/core/corstest"
)

// BenchmarkBaseline is echo serving the scenarios without any middleware:
// the cost of the bare route (a preflight gets echo's own OPTIONS answer).
func BenchmarkBaseline(b *testing.B) { benchmark(b, false) }

// BenchmarkNoop is echo with a middleware that only calls the next
// handler: what any middleware costs before it does anything. echo v5.0.0
// to v5.1.x wrap every middleware around the route per request (one
// closure allocation each); from v5.2.0 the chain is built once, at Use.
func BenchmarkNoop(b *testing.B) {
	benchmark(b, false, func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error { return next(c) }
	})
}

// BenchmarkCorsecho5 is echo with the CORS middleware attached with
// Echo.Use, under corstest.App: credentials, exposed headers, max age.
func BenchmarkCorsecho5(b *testing.B) { benchmark(b, true, corsecho5.Must(corstest.App)) }

func benchmark(b *testing.B, cors bool, mw ...echo.MiddlewareFunc) {
	for _, s := range corstest.AppBenchScenarios() {
		b.Run(s.Name, func(b *testing.B) {
			e := echo.New()
			e.Use(mw...)
			routes(e)
			r := s.Request()
			w := corstest.NewDiscard()
			e.ServeHTTP(w, r)
			if cors && (w.Status != s.Status || w.H.Get(acao) != s.ACAO) {
				b.Fatalf("%d %q, want %d %q", w.Status, w.H.Get(acao), s.Status, s.ACAO)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w.Reset()
				e.ServeHTTP(w, r)
			}
		})
	}
}
