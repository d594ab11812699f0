// Command fiber3 is the consumer check's fiber v3 app: corsfiber3 attached
// with app.Use, as the adapter's README shows.
package main

import (
	"net"

	corsfiber3 "github.com/corskit/corskit/adapters/fiber3"
	"github.com/gofiber/fiber/v3"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corsfiber3.Policy) (fiber.Handler, error) = corsfiber3.New
	_ func(corsfiber3.Policy) fiber.Handler          = corsfiber3.Must
	_ func(*corsfiber3.Engine) fiber.Handler         = corsfiber3.FromEngine
)

func main() {
	app := fiber.New()
	app.Use(corsfiber3.Must(corsfiber3.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	}))
	app.Get(probe.Path, func(c fiber.Ctx) error {
		c.Set(probe.ExposedHeader, "1")
		return c.SendString(probe.Body)
	})
	app.Put(probe.Path, func(c fiber.Ctx) error { return c.SendString("updated") })

	probe.Run("fiber3", func(ln net.Listener) error {
		return app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	})
}
