// Command gin is the consumer check's gin app: corsgin attached with r.Use,
// as the adapter's README shows.
package main

import (
	"net"
	"net/http"

	corsgin "github.com/corskit/corskit/adapters/gin"
	"github.com/gin-gonic/gin"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corsgin.Policy) (gin.HandlerFunc, error) = corsgin.New
	_ func(corsgin.Policy) gin.HandlerFunc          = corsgin.Must
	_ func(*corsgin.Engine) gin.HandlerFunc         = corsgin.FromEngine
)

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(corsgin.Must(corsgin.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	}))
	r.GET(probe.Path, func(c *gin.Context) {
		c.Header(probe.ExposedHeader, "1")
		c.String(http.StatusOK, probe.Body)
	})
	r.PUT(probe.Path, func(c *gin.Context) { c.String(http.StatusOK, "updated") })

	probe.Run("gin", func(ln net.Listener) error { return http.Serve(ln, r) })
}
