package corsgin_test

import (
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"

	corsgin "github.com/corskit/corskit/adapters/gin"
	"github.com/corskit/corskit/core/corstest"
)

func benchRouter(mw ...gin.HandlerFunc) *gin.Engine {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.Use(mw...)
	h := func(c *gin.Context) { c.Status(http.StatusOK) }
	r.GET("/api/items", h)
	r.POST("/api/items", h)
	return r
}

// runScenarios sends each of corstest.AppBenchScenarios through h, after
// checking once that the CORS middleware, when there is one, answers it
// as it must: every adapter benchmarks the same policy and requests.
func runScenarios(b *testing.B, h *gin.Engine, cors bool) {
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

// BenchmarkBaseline is the bare router: preflights get gin's 404.
func BenchmarkBaseline(b *testing.B) { runScenarios(b, benchRouter(), false) }

// BenchmarkNoop is the router with a middleware that only calls the next
// handler: what any middleware costs before it does anything.
func BenchmarkNoop(b *testing.B) {
	runScenarios(b, benchRouter(func(c *gin.Context) { c.Next() }), false)
}

// BenchmarkCorsgin is the same router with the middleware engine-wide,
// under corstest.App: credentials, exposed headers, max age.
func BenchmarkCorsgin(b *testing.B) { runScenarios(b, benchRouter(corsgin.Must(corstest.App)), true) }
