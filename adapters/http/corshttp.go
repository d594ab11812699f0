// Package corshttp is corskit's CORS middleware for net/http: a plain
// func(http.Handler) http.Handler with no dependency but the core, for
// the standard library's ServeMux and every router or framework built on
// http.Handler (gorilla/mux, huma's humago adapter, connect-go).
//
// Wrap the whole mux, so that the middleware sees every request,
// preflights included, before the mux looks for a pattern:
//
//	mux := http.NewServeMux()
//	mux.HandleFunc("POST /api/items", createItem)
//	cors := corshttp.Must(corshttp.Policy{AllowedOrigins: []string{"https://app.example.com"}})
//	http.ListenAndServe(addr, cors(mux))
//
// A handler wrapped inside the mux with a method pattern sees only that
// method, so browsers' OPTIONS preflights need an OPTIONS pattern there
// ("OPTIONS /api/items" or "OPTIONS /"); see the README.
//
// All CORS decisions are made by github.com/corskit/corskit/core; this
// package only reads the request and applies the decision.
package corshttp

import (
	"net/http"

	"github.com/corskit/corskit/core"
)

// Policy says which cross-origin requests a server accepts; see [core.Policy].
type Policy = core.Policy

// Engine is a compiled Policy; see [core.Engine]. Its Reconfigure method
// swaps the policy of a running server.
type Engine = core.Engine

// New validates p and returns middleware that applies it. A bad policy is
// refused with the core's error, unchanged, which names every problem.
func New(p Policy) (func(http.Handler) http.Handler, error) { return core.Middleware(p, FromEngine) }

// Must is like New but panics with New's error when p is refused. It suits
// policies written in the program.
func Must(p Policy) func(http.Handler) http.Handler { return core.MustMiddleware(p, FromEngine) }

// FromEngine returns middleware that applies e's policy, whatever it is at
// the time of each request.
//
// An accepted or refused preflight is answered with an empty body and next
// does not run (unless the policy sets OptionsPassthrough); any other
// request goes on to next with the CORS headers already set.
func FromEngine(e *Engine) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if status, goOn := e.ApplyHTTP(r, w.Header()); !goOn {
				w.WriteHeader(status)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
