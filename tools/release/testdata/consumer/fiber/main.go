// Command fiber is the consumer check's fiber app: corsfiber attached with
// app.Use, as the adapter's README shows.
package main

import (
	corsfiber "github.com/corskit/corskit/adapters/fiber"
	"github.com/gofiber/fiber/v2"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corsfiber.Policy) (fiber.Handler, error) = corsfiber.New
	_ func(corsfiber.Policy) fiber.Handler          = corsfiber.Must
	_ func(*corsfiber.Engine) fiber.Handler         = corsfiber.FromEngine
)

func main() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.Must(corsfiber.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	}))
	app.Get(probe.Path, func(c *fiber.Ctx) error {
		c.Set(probe.ExposedHeader, "1")
		return c.SendString(probe.Body)
	})
	app.Put(probe.Path, func(c *fiber.Ctx) error { return c.SendString("updated") })

	probe.Run("fiber", app.Listener)
}
