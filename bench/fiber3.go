package bench

import (
	"net/http"

	"github.com/gofiber/fiber/v3"
	fibercors "github.com/gofiber/fiber/v3/middleware/cors"

	corsfiber3 "github.com/corskit/corskit/adapters/fiber3"
)

// fiber3Router builds a fiber v3 app with mw attached with App.Use, served
// like fiber v2's through app.Handler() with one reused
// fasthttp.RequestCtx (fiberServer).
func fiber3Router(ran *int, mw ...fiber.Handler) Server {
	app := fiber.New()
	for _, m := range mw {
		app.Use(m)
	}
	h := func(c fiber.Ctx) error {
		*ran++
		c.Status(http.StatusOK)
		return nil
	}
	for _, m := range RouteMethods {
		app.Add([]string{m}, Path, h)
	}
	return &fiberServer{h: app.Handler()}
}

func fiber3Framework() Framework {
	return Framework{
		Name: "Fiber3", Title: "fiber v3", Router: "github.com/gofiber/fiber/v3",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/fiber3", Title: "corsfiber3",
				New: func(ran *int) Server { return fiber3Router(ran, corsfiber3.Must(Policy())) }},
			{Name: "fiber-cors", Role: Peer, Module: "github.com/gofiber/fiber/v3", Title: "fiber v3 middleware/cors",
				New: func(ran *int) Server {
					return fiber3Router(ran, fibercors.New(fibercors.Config{
						AllowOrigins:     Origins(),
						AllowMethods:     Methods,
						AllowHeaders:     Headers,
						ExposeHeaders:    Exposed,
						AllowCredentials: true,
						MaxAge:           MaxAge,
					}))
				}},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return fiber3Router(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server { return fiber3Router(ran, func(c fiber.Ctx) error { return c.Next() }) }},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server { return fiber3Router(ran, fiber3Floor) }},
		},
	}
}

// fiber3Floor sets the floor's fixed headers, as fiberFloor does for v2.
func fiber3Floor(c fiber.Ctx) error {
	h := &c.Response().Header
	if c.Method() == fiber.MethodOptions {
		for i, n := range floorPreflightNames {
			h.Set(n, floorPreflightValues[i])
		}
		c.Status(http.StatusNoContent)
		return nil
	}
	for i, n := range floorActualNames {
		h.Set(n, floorActualValues[i])
	}
	return c.Next()
}
