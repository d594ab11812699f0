package bench

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	corsecho "github.com/corskit/corskit/adapters/echo"
)

func echoRouter(ran *int, mw ...echo.MiddlewareFunc) Server {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(mw...)
	h := func(c echo.Context) error {
		*ran++
		return c.NoContent(http.StatusOK)
	}
	for _, m := range RouteMethods {
		e.Add(m, Path, h)
	}
	return newHTTPServer(e)
}

func echoFramework() Framework {
	return Framework{
		Name: "Echo", Title: "echo v4", Router: "github.com/labstack/echo/v4",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/echo", Title: "corsecho",
				New: func(ran *int) Server { return echoRouter(ran, corsecho.Must(Policy())) }},
			{Name: "echo-cors", Role: Peer, Module: "github.com/labstack/echo/v4", Title: "echo middleware.CORSWithConfig",
				Config: "the pattern is turned into a regular expression",
				New: func(ran *int) Server {
					return echoRouter(ran, middleware.CORSWithConfig(middleware.CORSConfig{
						AllowOrigins:     Origins(),
						AllowMethods:     Methods,
						AllowHeaders:     Headers,
						ExposeHeaders:    Exposed,
						AllowCredentials: true,
						MaxAge:           MaxAge,
					}))
				}},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return echoRouter(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server {
					return echoRouter(ran, func(next echo.HandlerFunc) echo.HandlerFunc {
						return func(c echo.Context) error { return next(c) }
					})
				}},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server {
					return echoRouter(ran, func(next echo.HandlerFunc) echo.HandlerFunc {
						return func(c echo.Context) error {
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
