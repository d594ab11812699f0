// Package corsfiber3 is corskit's CORS middleware for fiber v3
// (github.com/gofiber/fiber/v3).
//
// Attach it application-wide with App.Use:
//
//	app := fiber.New()
//	app.Use(corsfiber3.Must(corsfiber3.Policy{
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
// request served by fiber's own context (fiber.New).
package corsfiber3

import (
	"context"

	"github.com/gofiber/fiber/v3"

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
	return func(c fiber.Ctx) error {
		if status, goOn := e.ApplyExchange(exchangeOf(c), c.Method(), c.Path()); !goOn {
			// Not SendStatus, which writes the status text as a body.
			c.Status(status)
			return nil
		}
		return c.Next()
	}
}

// exchangeOf returns c as the core reads and writes it. The context of
// fiber.New's apps, *fiber.DefaultCtx, is held as it is: a struct of one
// pointer is stored in an interface without allocating. A custom context
// (fiber.NewWithCustomCtx) is held as the fiber.Ctx it is, which costs one
// small allocation per request.
func exchangeOf(c fiber.Ctx) core.Exchange {
	if d, ok := c.(*fiber.DefaultCtx); ok {
		return exchange[*fiber.DefaultCtx]{d}
	}
	return exchange[fiber.Ctx]{c}
}

// exchange is fiber's request and response as the core reads and writes
// them: core.Exchange in one-line methods.
type exchange[C fiber.Ctx] struct{ c C }

func (x exchange[C]) RequestHeader(name string) [][]byte { return x.c.Request().Header.PeekAll(name) }

func (x exchange[C]) ResponseHeader(name string) [][]byte { return x.c.Response().Header.PeekAll(name) }

func (x exchange[C]) ResponseHeaderNames() [][]byte { return x.c.Response().Header.PeekKeys() }

func (x exchange[C]) SetResponseHeader(name, value []byte) {
	x.c.Response().Header.SetCanonical(name, value)
}

func (x exchange[C]) AddResponseHeader(name, value []byte) {
	x.c.Response().Header.AddBytesKV(name, value)
}

func (x exchange[C]) DelResponseHeader(name string) { x.c.Response().Header.Del(name) }

// Context is the fiber.Ctx itself: in v3 it is the request's
// context.Context (UserContext is gone; fiber says to pass c where a
// context is wanted), and its Value reads the request's Locals, fasthttp's
// user values (DefaultCtx.Value returns c.fasthttp.UserValue(key), as
// (*fasthttp.RequestCtx).Value does, in v3.0.0 and v3.1.0).
func (x exchange[C]) Context() context.Context { return x.c }

// Routing reads how the app's router matches paths: fiber ignores case
// and trailing slashes unless its Config says otherwise.
func (x exchange[C]) Routing() core.Routing {
	cfg := x.c.App().Config()
	return core.Routing{CaseInsensitive: !cfg.CaseSensitive, IgnoreTrailingSlash: !cfg.StrictRouting}
}
