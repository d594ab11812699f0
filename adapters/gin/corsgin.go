// Package corsgin is corskit's CORS middleware for gin.
//
// Attach it to the engine, so that it sees every request, preflights
// included, before gin routes them:
//
//	r := gin.New()
//	r.Use(corsgin.Must(corsgin.Policy{AllowedOrigins: []string{"https://app.example.com"}}))
//
// gin runs engine-wide middleware for requests that match no route, so a
// preflight is answered even though no OPTIONS route is registered.
// Middleware attached to a RouterGroup runs only for routes of that group;
// see the README for group-level and route-level use.
//
// All CORS decisions are made by github.com/corskit/corskit/core; this
// package only reads the request and applies the decision.
package corsgin

import (
	"github.com/gin-gonic/gin"

	"github.com/corskit/corskit/core"
)

// Policy says which cross-origin requests a server accepts; see [core.Policy].
type Policy = core.Policy

// Engine is a compiled Policy; see [core.Engine]. Its Reconfigure method
// swaps the policy of a running server.
type Engine = core.Engine

// New validates p and returns middleware that applies it. A bad policy is
// refused with the core's error, unchanged, which names every problem.
func New(p Policy) (gin.HandlerFunc, error) { return core.Middleware(p, FromEngine) }

// Must is like New but panics with New's error when p is refused. It suits
// policies written in the program.
func Must(p Policy) gin.HandlerFunc { return core.MustMiddleware(p, FromEngine) }

// FromEngine returns middleware that applies e's policy, whatever it is at
// the time of each request.
//
// An accepted or refused preflight is answered with an empty body and the
// rest of the chain does not run (unless the policy sets
// OptionsPassthrough); any other request goes on to the next handler with
// the CORS headers already set.
func FromEngine(e *Engine) gin.HandlerFunc {
	return func(c *gin.Context) {
		if status, goOn := e.ApplyHTTP(c.Request, c.Writer.Header()); !goOn {
			c.AbortWithStatus(status)
			return
		}
		c.Next()
	}
}
