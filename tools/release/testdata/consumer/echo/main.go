// Command echo is the consumer check's echo app: corsecho attached with
// e.Use, as the adapter's README shows.
package main

import (
	"net"
	"net/http"

	corsecho "github.com/corskit/corskit/adapters/echo"
	"github.com/labstack/echo/v4"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corsecho.Policy) (echo.MiddlewareFunc, error) = corsecho.New
	_ func(corsecho.Policy) echo.MiddlewareFunc          = corsecho.Must
	_ func(*corsecho.Engine) echo.MiddlewareFunc         = corsecho.FromEngine
)

func main() {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(corsecho.Must(corsecho.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	}))
	e.GET(probe.Path, func(c echo.Context) error {
		c.Response().Header().Set(probe.ExposedHeader, "1")
		return c.String(http.StatusOK, probe.Body)
	})
	e.PUT(probe.Path, func(c echo.Context) error { return c.String(http.StatusOK, "updated") })

	probe.Run("echo", func(ln net.Listener) error { return http.Serve(ln, e) })
}
