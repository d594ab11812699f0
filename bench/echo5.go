package bench

import (
	"net/http"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	corsecho5 "github.com/corskit/corskit/adapters/echo5"
)

func echo5Router(ran *int, mw ...echo.MiddlewareFunc) Server {
	e := echo.New()
	e.Use(mw...)
	h := func(c *echo.Context) error {
		*ran++
		return c.NoContent(http.StatusOK)
	}
	for _, m := range RouteMethods {
		e.Add(m, Path, h)
	}
	return newHTTPServer(e)
}

func echo5Framework() Framework {
	return Framework{
		Name: "Echo5", Title: "echo v5", Router: "github.com/labstack/echo/v5",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/echo5", Title: "corsecho5",
				New: func(ran *int) Server { return echo5Router(ran, corsecho5.Must(Policy())) }},
			{Name: "echo-cors", Role: Peer, Module: "github.com/labstack/echo/v5", Title: "echo v5 middleware.CORSWithConfig",
				Config: "the exact origins only: echo v5 has no subdomain patterns (UnsafeAllowOriginFunc is its escape hatch)",
				New: func(ran *int) Server {
					return echo5Router(ran, middleware.CORSWithConfig(middleware.CORSConfig{
						AllowOrigins:     ExactOrigins,
						AllowMethods:     Methods,
						AllowHeaders:     Headers,
						ExposeHeaders:    Exposed,
						AllowCredentials: true,
						MaxAge:           MaxAge,
					}))
				}},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return echo5Router(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server {
					return echo5Router(ran, func(next echo.HandlerFunc) echo.HandlerFunc {
						return func(c *echo.Context) error { return next(c) }
					})
				}},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server {
					return echo5Router(ran, func(next echo.HandlerFunc) echo.HandlerFunc {
						return func(c *echo.Context) error {
							if FloorHTTP(c.Response().Header(), c.Request().Method) {
								return c.NoContent(http.StatusNoContent)
							}
							return next(c)
						}
					})
				}},
		},
	}
}
