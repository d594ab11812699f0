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
// The middleware reads the request from fasthttp without copying and adds
// no allocation to a request. All CORS decisions are made by
// github.com/corskit/corskit/core; this package only reads the request and
// applies the decision.
package corsfiber

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

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
func New(p Policy) (fiber.Handler, error) {
	e, err := core.New(p)
	if err != nil {
		return nil, err
	}
	return FromEngine(e), nil
}

// Must is like New but panics with New's error when p is invalid. It is
// meant for policies written in the program.
func Must(p Policy) fiber.Handler {
	h, err := New(p)
	if err != nil {
		panic(err)
	}
	return h
}

// FromEngine returns middleware that applies e's current policy to every
// request, so that a policy changed with e.Reconfigure takes effect at once.
//
// The strings the engine sees point into fasthttp's request buffers and are
// valid only while the middleware runs: an AllowOriginRequestFunc or a
// Logger handler must copy what it keeps.
func FromEngine(e *Engine) fiber.Handler {
	var app atomic.Pointer[appInfo]
	return func(c *fiber.Ctx) error {
		fold := foldCase(&app, c.App())
		origin := c.Request().Header.PeekAll(fiber.HeaderOrigin)
		var status int
		var next bool
		path := c.Path()
		if len(origin) == 0 && (!fold || !hasUpper(path)) {
			// Not a CORS request: the core reads only the method and the
			// path, and no header values are handed on, so the Request
			// can live on the stack and the pool is not needed. Nor is
			// the Context: nothing is logged and no origin function runs
			// without an Origin, and fiber's UserContext stores a value
			// in the request the first time it is called.
			req := core.Request{Method: c.Method(), Path: path}
			status, next = apply(e, c, &req)
		} else {
			s := scratchPool.Get().(*scratch)
			status, next = apply(e, c, s.read(c, origin, path, fold, e.AllowsPrivateNetwork()))
			s.reset()
			scratchPool.Put(s)
		}
		if !next {
			// Not SendStatus, which writes the status text as a body.
			c.Status(status)
			return nil
		}
		return c.Next()
	}
}

// apply evaluates req and writes the decision's headers into c's response.
func apply(e *Engine, c *fiber.Ctx, req *core.Request) (status int, next bool) {
	resp := &c.Response().Header
	varyLines := resp.PeekAll(fiber.HeaderVary)
	hasVary := len(varyLines) > 0
	vary := joinVary(varyLines)
	// The names already in the response, read once and only when a name
	// other than Vary is set: fasthttp's Del, which copies and normalises
	// its key, then runs only for a name that is there.
	var keys [][]byte
	return e.ApplyFunc(req, vary, func(name, value string, add bool) {
		if add {
			resp.Add(name, value)
			return
		}
		// Replace every line an earlier handler set, as the core asks:
		// fasthttp's Set and SetCanonical replace the first line of a
		// name only.
		present := hasVary
		if name != fiber.HeaderVary {
			if keys == nil {
				keys = resp.PeekKeys()
			}
			present = hasKey(keys, name)
		}
		if present {
			resp.Del(name)
		}
		// The core's names are canonical: skip normalizing them again.
		resp.SetCanonical(utils.UnsafeBytes(name), utils.UnsafeBytes(value))
	})
}

// Header lines kept per request header. One more than the core accepts is
// kept, so that the core sees that a header is repeated, or that there are
// too many Access-Control-Request-Headers lines, and refuses the request.
const (
	maxSingle = 2
	maxLines  = core.MaxRequestHeaderLines + 1
)

// scratch holds one request's header values for the core. The core hands
// the Request to user code (AllowOriginRequestFunc, the Logger), so the
// compiler cannot keep these arrays on the stack; a pool keeps them off
// the per-request allocation count instead.
type scratch struct {
	req     core.Request
	origin  [maxSingle]string
	method  [maxSingle]string
	headers [maxLines]string
	private [maxSingle]string
	path    []byte // the lower-cased path, for case-insensitive apps
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// read fills s.req from c without allocating: the values are fasthttp's own
// bytes, seen as strings. Access-Control-Request-Private-Network is read
// only when privateNet: some policy answers it.
func (s *scratch) read(c *fiber.Ctx, origin [][]byte, path string, fold, privateNet bool) *core.Request {
	h := &c.Request().Header
	// s.req is zero (new, or reset): set only what this request has,
	// field by field, rather than copying a whole Request over it.
	s.req.Method = c.Method()
	s.req.Path = s.routedPath(path, fold)
	// origin is PeekAll's answer, which the next PeekAll overwrites: it is
	// copied before the preflight headers are read.
	s.req.Origin = peekAll(origin, s.origin[:])
	s.req.Context = c.UserContext()
	// The preflight headers matter only on a preflight, which is an
	// OPTIONS request; each lookup costs a scan of the request headers.
	if s.req.Method == fiber.MethodOptions {
		s.req.AccessControlRequestMethod = peekAll(h.PeekAll(fiber.HeaderAccessControlRequestMethod), s.method[:])
		s.req.AccessControlRequestHeaders = peekAll(h.PeekAll(fiber.HeaderAccessControlRequestHeaders), s.headers[:])
		if privateNet {
			s.req.AccessControlRequestPrivateNetwork = peekAll(h.PeekAll("Access-Control-Request-Private-Network"), s.private[:])
		}
	}
	return &s.req
}

// peekAll copies the header lines PeekAll returned into dst, as strings
// that share their bytes, and returns the filled part of dst: at most
// len(dst) lines, nil when there are none. PeekAll reuses one slice for
// every call, so its result must be copied before the next call; the
// bytes themselves stay valid until the request ends. An empty line
// counts: "Origin:" with no value is an Origin header.
func peekAll(lines [][]byte, dst []string) []string {
	if len(lines) == 0 {
		return nil
	}
	n := 0
	for ; n < len(dst) && n < len(lines); n++ {
		dst[n] = utils.UnsafeString(lines[n])
	}
	return dst[:n]
}

// routedPath returns the path as fiber's router matches it, so that a
// per-path policy (core.NewPaths) serves exactly the routes under its
// prefix: fiber matches paths case-insensitively unless Config.CaseSensitive
// is set, so then the path is lower-cased, into s.path.
func (s *scratch) routedPath(p string, fold bool) string {
	if !fold || !hasUpper(p) {
		return p
	}
	s.path = append(s.path[:0], p...)
	for i, b := range s.path {
		if 'A' <= b && b <= 'Z' {
			s.path[i] = b + 'a' - 'A'
		}
	}
	return utils.UnsafeString(s.path)
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// joinVary returns the response's Vary lines as one value. Several lines
// (an earlier handler's Add) are rare, and only they allocate: the joined
// value.
func joinVary(lines [][]byte) string {
	switch len(lines) {
	case 0:
		return ""
	case 1:
		return utils.UnsafeString(lines[0])
	}
	return utils.UnsafeString(bytes.Join(lines, []byte(", ")))
}

// reset drops s's references to the request before s goes back to the
// pool.
func (s *scratch) reset() {
	// Drop the references to this request's buffers, only as far as
	// they were filled.
	clear(s.origin[:len(s.req.Origin)])
	clear(s.method[:len(s.req.AccessControlRequestMethod)])
	clear(s.headers[:len(s.req.AccessControlRequestHeaders)])
	clear(s.private[:len(s.req.AccessControlRequestPrivateNetwork)])
	s.req = core.Request{}
}

// appInfo caches what the middleware needs from its app's configuration,
// read once per app rather than copying fiber.Config on every request.
type appInfo struct {
	app  *fiber.App
	fold bool // the router ignores case
}

// foldCase reports whether app's router ignores case, caching the answer
// in p so that fiber.Config is copied once per app, not once per request.
func foldCase(p *atomic.Pointer[appInfo], app *fiber.App) bool {
	info := p.Load()
	if info == nil || info.app != app {
		info = &appInfo{app: app, fold: !app.Config().CaseSensitive}
		p.Store(info)
	}
	return info.fold
}

// hasKey reports whether name is among keys, which PeekKeys returned
// before this middleware set anything. Each name the core sets comes once
// with add false, and a Del or Set of one name leaves the bytes of the
// other keys alone, so the answer for a name not yet set stays true.
func hasKey(keys [][]byte, name string) bool {
	for _, k := range keys {
		if string(k) == name {
			return true
		}
	}
	return false
}
