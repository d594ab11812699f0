// Command echo5 is the consumer check's echo v5 app: corsecho5 attached with
// e.Use, as the adapter's README shows.
package main

import (
	"net"
	"net/http"

	corsecho5 "github.com/corskit/corskit/adapters/echo5"
	"github.com/labstack/echo/v5"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corsecho5.Policy) (echo.MiddlewareFunc, error) = corsecho5.New
	_ func(corsecho5.Policy) echo.MiddlewareFunc          = corsecho5.Must
	_ func(*corsecho5.Engine) echo.MiddlewareFunc         = corsecho5.FromEngine
)

func main() {
	e := echo.New()
	e.Use(corsecho5.Must(corsecho5.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	}))
	e.GET(probe.Path, func(c *echo.Context) error {
		c.Response().Header().Set(probe.ExposedHeader, "1")
		return c.String(http.StatusOK, probe.Body)
	})
	e.PUT(probe.Path, func(c *echo.Context) error { return c.String(http.StatusOK, "updated") })

	probe.Run("echo5", func(ln net.Listener) error { return http.Serve(ln, e) })
}
