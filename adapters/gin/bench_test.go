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

func runScenarios(b *testing.B, r *gin.Engine) {
	for _, s := range corstest.BenchScenarios() {
		req := s.Request()
		b.Run(s.Name, func(b *testing.B) {
			w := corstest.NewDiscard()
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				w.Reset()
				r.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkBaseline is the bare router: preflights get gin's 404.
func BenchmarkBaseline(b *testing.B) { runScenarios(b, benchRouter()) }

// BenchmarkCorsgin is the same router with the middleware engine-wide.
func BenchmarkCorsgin(b *testing.B) { runScenarios(b, benchRouter(corsgin.Must(corstest.BenchPolicy))) }
