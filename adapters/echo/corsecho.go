// Package corsecho is corskit's CORS middleware for echo v4.
//
// Attach it application-wide with Echo.Use:
//
//	e := echo.New()
//	e.Use(corsecho.Must(corsecho.Policy{
//		AllowedOrigins: []string{"https://app.example.com"},
//	}))
//
// Echo runs Use middleware for every request, including those its router
// answers with 404, 405 or its automatic OPTIONS handler, so preflights are
// answered without any OPTIONS route. Echo.Pre and Group.Use work too.
// Middleware given to a single route does not see preflights unless the
// route also has an OPTIONS handler; see the README.
//
// All CORS decisions are made by github.com/corskit/corskit/core; this
// package only reads the request and applies the decision.
package corsecho

import (
	"github.com/labstack/echo/v4"

	"github.com/corskit/corskit/core"
)

// Policy says which cross-origin requests a server accepts. It is the core's
// Policy, re-exported so that users import one package.
type Policy = core.Policy

// Engine is a compiled Policy. It is the core's Engine, re-exported; its
// Reconfigure method swaps the policy of a running server.
type Engine = core.Engine

// New validates p and returns middleware that applies it. A bad policy is
// refused with the core's error unchanged, which lists every problem.
func New(p Policy) (echo.MiddlewareFunc, error) { return core.Middleware(p, FromEngine) }

// Must is like New but panics with New's error when p is invalid. It is
// meant for policies written in the program.
func Must(p Policy) echo.MiddlewareFunc { return core.MustMiddleware(p, FromEngine) }

// FromEngine returns middleware that applies e's current policy to every
// request, so that a policy changed with e.Reconfigure takes effect at once.
func FromEngine(e *Engine) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if status, goOn := e.ApplyHTTP(c.Request(), c.Response().Header()); !goOn {
				return c.NoContent(status)
			}
			return next(c)
		}
	}
}
