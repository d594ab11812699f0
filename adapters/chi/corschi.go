// Package corschi is corskit's CORS middleware for chi and any net/http
// router, the standard library's ServeMux included: it is a plain
// func(http.Handler) http.Handler.
//
// Wrap the whole router, so that the middleware sees every request,
// preflights included, before the router looks for a route:
//
//	r := chi.NewRouter()
//	r.Use(corschi.Must(corschi.Policy{AllowedOrigins: []string{"https://app.example.com"}}))
//
// or, with net/http alone:
//
//	mux := http.NewServeMux()
//	mux.HandleFunc("POST /api/items", createItem)
//	http.ListenAndServe(addr, corschi.Must(p)(mux))
//
// Middleware attached to one route (chi's With and Group, or a handler
// wrapped inside a ServeMux) sees only the methods registered for it, so
// browsers' OPTIONS preflights need an OPTIONS route there; see the README.
//
// All CORS decisions are made by github.com/corskit/corskit/core. The
// middleware is corshttp's (github.com/corskit/corskit/adapters/http), the
// same for every net/http router; this package names it for chi users.
package corschi

import (
	"net/http"

	corshttp "github.com/corskit/corskit/adapters/http"
	"github.com/corskit/corskit/core"
)

// Policy says which cross-origin requests a server accepts; see [core.Policy].
type Policy = core.Policy

// Engine is a compiled Policy; see [core.Engine]. Its Reconfigure method
// swaps the policy of a running server.
type Engine = core.Engine

// New validates p and returns middleware that applies it. A bad policy is
// refused with the core's error, unchanged, which names every problem.
func New(p Policy) (func(http.Handler) http.Handler, error) { return corshttp.New(p) }

// Must is like New but panics with New's error when p is refused. It suits
// policies written in the program.
func Must(p Policy) func(http.Handler) http.Handler { return corshttp.Must(p) }

// FromEngine returns middleware that applies e's policy, whatever it is at
// the time of each request.
//
// An accepted or refused preflight is answered with an empty body and next
// does not run (unless the policy sets OptionsPassthrough); any other
// request goes on to next with the CORS headers already set.
func FromEngine(e *Engine) func(http.Handler) http.Handler { return corshttp.FromEngine(e) }
