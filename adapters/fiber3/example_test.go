package corsfiber3_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gofiber/fiber/v3"

	"github.com/corskit/corskit/adapters/fiber3"
	"github.com/corskit/corskit/core"
)

func Example() {
	app := fiber.New()
	app.Use(corsfiber3.Must(corsfiber3.Policy{
		AllowedOrigins:   []string{"https://app.example.com"},
		AllowCredentials: true,
	}))
	app.Post("/api/items", func(c fiber.Ctx) error {
		return c.Status(fiber.StatusCreated).JSON(fiber.Map{"id": "1"})
	})

	// A browser's preflight for a JSON POST: no OPTIONS route is needed.
	r := httptest.NewRequest(http.MethodOptions, "/api/items", nil)
	r.Header.Set("Origin", "https://app.example.com")
	r.Header.Set("Access-Control-Request-Method", "POST")
	r.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := app.Test(r)
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.StatusCode)
	fmt.Println(resp.Header.Get("Access-Control-Allow-Origin"))
	fmt.Println(resp.Header.Get("Access-Control-Allow-Credentials"))
	// Output:
	// 204
	// https://app.example.com
	// true
}

func ExampleNew() {
	_, err := corsfiber3.New(corsfiber3.Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true})
	fmt.Println(err != nil)
	// Output: true
}

func ExampleFromEngine() {
	eng, err := core.New(corsfiber3.Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	app := fiber.New()
	app.Use(corsfiber3.FromEngine(eng))
	app.Get("/api/items", func(c fiber.Ctx) error { return c.SendString("[]") })

	get := func() string {
		r := httptest.NewRequest(http.MethodGet, "/api/items", nil)
		r.Header.Set("Origin", "https://new.example.com")
		resp, err := app.Test(r)
		if err != nil {
			panic(err)
		}
		return resp.Header.Get("Access-Control-Allow-Origin")
	}
	fmt.Printf("%q\n", get())
	// A running server takes a new policy at once, e.g. on SIGHUP.
	if err := eng.Reconfigure(corsfiber3.Policy{AllowedOrigins: []string{"https://new.example.com"}}); err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", get())
	// Output:
	// ""
	// "https://new.example.com"
}
