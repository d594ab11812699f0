// Command echo5 serves the items API with echo v5 and corskit's CORS
// middleware, attached to the whole server with e.Use: echo runs it for
// the preflights its router answers itself, so no OPTIONS route is needed.
//
//	go run ./examples/echo5 -addr 127.0.0.1:8080 -config cors.json
//
// Without -config it serves a built-in demo policy. kill -HUP reloads the
// -config file without a restart.
package main

import (
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	corsecho5 "github.com/corskit/corskit/adapters/echo5"
	"github.com/corskit/corskit/examples/internal/demo"
)

func main() {
	// An Engine rather than corsecho5.New(policy), so that SIGHUP can swap
	// the policy of the running middleware.
	addr, engine := demo.Setup()

	e := echo.New()
	e.Use(middleware.Recover())
	e.Use(corsecho5.FromEngine(engine))

	items := demo.NewStore()
	e.GET("/api/items", func(c *echo.Context) error {
		list := items.List()
		h := c.Response().Header()
		h.Set("X-Handler", "ran")
		h.Set("X-Request-Id", demo.RequestID())
		h.Set("X-Total-Count", strconv.Itoa(len(list)))
		return c.JSON(http.StatusOK, list)
	})
	e.POST("/api/items", func(c *echo.Context) error {
		c.Response().Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(c.Request().Body)
		created, err := items.Create(body)
		if err != nil {
			return c.JSON(http.StatusBadRequest, map[string]string{"error": err.Error()})
		}
		return c.JSONBlob(http.StatusCreated, created)
	})
	e.PUT("/api/items/:id", func(c *echo.Context) error {
		c.Response().Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(c.Request().Body)
		item, err := items.Replace(c.Param("id"), body)
		if err != nil {
			return c.JSON(http.StatusBadRequest, map[string]string{"error": err.Error()})
		}
		return c.JSON(http.StatusOK, item)
	})
	e.PATCH("/api/items/:id", func(c *echo.Context) error {
		c.Response().Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(c.Request().Body)
		item, err := items.Update(c.Param("id"), body)
		if err != nil {
			return c.JSON(http.StatusBadRequest, map[string]string{"error": err.Error()})
		}
		return c.JSON(http.StatusOK, item)
	})
	e.DELETE("/api/items/:id", func(c *echo.Context) error {
		c.Response().Header().Set("X-Handler", "ran")
		items.Delete(c.Param("id"))
		return c.NoContent(http.StatusNoContent)
	})
	e.GET("/healthz", func(c *echo.Context) error {
		c.Response().Header().Set("X-Handler", "ran")
		return c.String(http.StatusOK, "ok")
	})

	ln, err := demo.Listen(addr)
	if err != nil {
		log.Fatal(err)
	}
	// echo v5 serves through a StartConfig, which shuts down gracefully
	// when ctx ends (Ctrl-C or SIGTERM).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sc := echo.StartConfig{Listener: ln, HideBanner: true, HidePort: true}
	if err := sc.Start(ctx, e); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}
