// Command fiber3 serves the items API with fiber v3 and corskit's CORS
// middleware, attached to the whole app with app.Use: fiber runs it before
// routing, so preflights are answered although no OPTIONS route exists.
//
//	go run ./examples/fiber3 -addr 127.0.0.1:8080 -config cors.json
//
// Without -config it serves a built-in demo policy. kill -HUP reloads the
// -config file without a restart.
package main

import (
	"log"
	"strconv"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/recover"

	corsfiber3 "github.com/corskit/corskit/adapters/fiber3"
	"github.com/corskit/corskit/examples/internal/demo"
)

func main() {
	// An Engine rather than corsfiber3.New(policy), so that SIGHUP can swap
	// the policy of the running middleware.
	addr, engine := demo.Setup()

	app := fiber.New()
	app.Use(recover.New())
	app.Use(corsfiber3.FromEngine(engine))

	items := demo.NewStore()
	app.Get("/api/items", func(c fiber.Ctx) error {
		list := items.List()
		c.Set("X-Handler", "ran")
		c.Set("X-Request-Id", demo.RequestID())
		c.Set("X-Total-Count", strconv.Itoa(len(list)))
		return c.JSON(list)
	})
	app.Post("/api/items", func(c fiber.Ctx) error {
		c.Set("X-Handler", "ran")
		created, err := items.Create(c.Body())
		if err != nil {
			return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": err.Error()})
		}
		c.Type("json")
		return c.Status(fiber.StatusCreated).Send(created)
	})
	app.Put("/api/items/:id", func(c fiber.Ctx) error {
		c.Set("X-Handler", "ran")
		item, err := items.Replace(c.Params("id"), c.Body())
		if err != nil {
			return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": err.Error()})
		}
		return c.JSON(item)
	})
	app.Patch("/api/items/:id", func(c fiber.Ctx) error {
		c.Set("X-Handler", "ran")
		item, err := items.Update(c.Params("id"), c.Body())
		if err != nil {
			return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": err.Error()})
		}
		return c.JSON(item)
	})
	app.Delete("/api/items/:id", func(c fiber.Ctx) error {
		c.Set("X-Handler", "ran")
		items.Delete(c.Params("id"))
		return c.SendStatus(fiber.StatusNoContent)
	})
	app.Get("/healthz", func(c fiber.Ctx) error {
		c.Set("X-Handler", "ran")
		return c.SendString("ok")
	})

	ln, err := demo.Listen(addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}))
}
