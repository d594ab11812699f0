// Package corsfiber is corskit's CORS middleware for fiber v2.
//
// Attach it application-wide with App.Use:
//
//	app := fiber.New()
//	app.Use(corsfiber.Must(corsfiber.Policy{
//		AllowedOrigins: []string{"https://app.example.com"},
//	}))
//
// Fiber runs Use middleware before routing decides anything, so preflights
// are answered without any OPTIONS route. Group.Use works the same way.
// Middleware given to a single route does not see preflights unless the
// route also has an OPTIONS handler; see the README.
//
// All CORS decisions are made by github.com/corskit/corskit/core, through
// its entry for servers that are not net/http; this package only tells it
// how to read and write fiber's headers. It adds no allocation to a
// request.
package corsfiber

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/corskit/corskit/core"
)

// Policy says which cross-origin requests a server accepts; see [core.Policy].
type Policy = core.Policy

// Engine is a compiled Policy; see [core.Engine]. Its Reconfigure method
// swaps the policy of a running server.
type Engine = core.Engine

// New validates p and returns middleware that applies it. A bad policy is
// refused with the core's error, unchanged, which names every problem.
func New(p Policy) (fiber.Handler, error) { return core.Middleware(p, FromEngine) }

// Must is like New but panics with New's error when p is refused. It suits
// policies written in the program.
func Must(p Policy) fiber.Handler { return core.MustMiddleware(p, FromEngine) }

// FromEngine returns middleware that applies e's policy, whatever it is at
// the time of each request.
//
// An accepted or refused preflight is answered with an empty body and the
// next handler does not run (unless the policy sets OptionsPassthrough);
// any other request goes on with the CORS headers already set.
func FromEngine(e *Engine) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if status, goOn := e.ApplyExchange((*exchange)(c), c.Method(), c.Path()); !goOn {
			// Not SendStatus, which writes the status text as a body.
			c.Status(status)
			return nil
		}
		return c.Next()
	}
}

// exchange is fiber's request and response as the core reads and writes
// them: core.Exchange in one-line methods.
type exchange fiber.Ctx

func (x *exchange) ctx() *fiber.Ctx { return (*fiber.Ctx)(x) }

func (x *exchange) RequestHeader(name string) [][]byte {
	return x.ctx().Request().Header.PeekAll(name)
}

func (x *exchange) ResponseHeader(name string) [][]byte {
	return x.ctx().Response().Header.PeekAll(name)
}

func (x *exchange) ResponseHeaderNames() [][]byte { return x.ctx().Response().Header.PeekKeys() }

func (x *exchange) SetResponseHeader(name, value []byte) {
	x.ctx().Response().Header.SetCanonical(name, value)
}

func (x *exchange) AddResponseHeader(name, value []byte) {
	x.ctx().Response().Header.AddBytesKV(name, value)
}

func (x *exchange) DelResponseHeader(name string) { x.ctx().Response().Header.Del(name) }

func (x *exchange) Context() context.Context { return x.ctx().UserContext() }

// Routing reads how the app's router matches paths: fiber ignores case
// and trailing slashes unless its Config says otherwise.
func (x *exchange) Routing() core.Routing {
	cfg := x.ctx().App().Config()
	return core.Routing{CaseInsensitive: !cfg.CaseSensitive, IgnoreTrailingSlash: !cfg.StrictRouting}
}
