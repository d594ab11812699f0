package bench

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/valyala/fasthttp"

	corsfiber "github.com/corskit/corskit/adapters/fiber"
)

// fiberServer serves a fiber app through app.Handler() with one reused
// fasthttp.RequestCtx.
type fiberServer struct {
	h   fasthttp.RequestHandler
	ctx fasthttp.RequestCtx
}

func (s *fiberServer) Prepare(sc Scenario) {
	var req fasthttp.Request
	req.Header.SetMethod(sc.Method)
	req.SetRequestURI(Path)
	req.Header.SetHost("api.test")
	for _, kv := range sc.Header {
		req.Header.Add(kv[0], kv[1])
	}
	s.ctx.Init(&req, nil, nil)
}

func (s *fiberServer) Serve() {
	s.ctx.Response.Reset()
	s.h(&s.ctx)
}

func (s *fiberServer) Result() Result {
	h := make(http.Header)
	for k, v := range s.ctx.Response.Header.All() {
		h.Add(string(k), string(v))
	}
	return Result{Status: s.ctx.Response.StatusCode(), Header: h}
}

func fiberRouter(ran *int, mw ...fiber.Handler) Server {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	for _, m := range mw {
		app.Use(m)
	}
	h := func(c *fiber.Ctx) error {
		*ran++
		c.Status(http.StatusOK)
		return nil
	}
	for _, m := range RouteMethods {
		app.Add(m, Path, h)
	}
	return &fiberServer{h: app.Handler()}
}

func fiberFramework() Framework {
	return Framework{
		Name: "Fiber", Title: "fiber v2", Router: "github.com/gofiber/fiber/v2",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/fiber", Title: "corsfiber",
				New: func(ran *int) Server { return fiberRouter(ran, corsfiber.Must(Policy())) }},
			{Name: "fiber-cors", Role: Peer, Module: "github.com/gofiber/fiber/v2", Title: "fiber middleware/cors",
				Config: "lists as comma-separated strings",
				New: func(ran *int) Server {
					return fiberRouter(ran, fibercors.New(fibercors.Config{
						AllowOrigins:     strings.Join(Origins(), ","),
						AllowMethods:     strings.Join(Methods, ","),
						AllowHeaders:     strings.Join(Headers, ","),
						ExposeHeaders:    strings.Join(Exposed, ","),
						AllowCredentials: true,
						MaxAge:           MaxAge,
					}))
				}},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return fiberRouter(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server { return fiberRouter(ran, func(c *fiber.Ctx) error { return c.Next() }) }},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server { return fiberRouter(ran, fiberFloor) }},
		},
	}
}

// fiberFloor sets the floor's fixed headers; fasthttp copies them into
// the response's own buffers, without allocating once warm.
func fiberFloor(c *fiber.Ctx) error {
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
