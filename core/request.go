package core

import (
	"context"
	"strings"
)

// Request holds the facts of an HTTP request that CORS decides on. Adapters
// fill it from their framework without copying: header fields hold every
// value of that header as received (nil when absent), so that a repeated or
// empty header can be told from a missing one.
type Request struct {
	Method string
	// Path is the request's path as the router sees it. When the engine
	// has per-path policies (NewPaths), the path is cleaned first (repeated
	// slashes and dot segments removed, as routers do), so that spelling a
	// path differently cannot pick another route's policy.
	Path string

	Origin                     []string
	AccessControlRequestMethod []string
	// AccessControlRequestHeaders holds one item per header line; each line
	// is a comma-separated list.
	AccessControlRequestHeaders        []string
	AccessControlRequestPrivateNetwork []string

	// Context is the request's context, for AllowOriginRequestFunc and the
	// logger; nil means context.Background().
	Context context.Context

	// borrowed is true when the strings above are views of a buffer the
	// server reuses (ApplyExchange): what reaches user code is copied first.
	borrowed bool
	// later, when set, reads Access-Control-Request-Headers and
	// Access-Control-Request-Private-Network when the decision first needs
	// them: a preflight refused for its origin or method reads neither.
	later lineReader
}

// lineReader reads every line of one request header.
type lineReader interface {
	requestLines(name string) []string
}

// requestHeaders returns the Access-Control-Request-Headers lines.
func (r *Request) requestHeaders() []string {
	if r.later != nil && r.AccessControlRequestHeaders == nil {
		r.AccessControlRequestHeaders = r.later.requestLines(hRequestHeaders)
	}
	return r.AccessControlRequestHeaders
}

// privateNetwork returns the Access-Control-Request-Private-Network lines.
func (r *Request) privateNetwork() []string {
	if r.later != nil && r.AccessControlRequestPrivateNetwork == nil {
		r.AccessControlRequestPrivateNetwork = r.later.requestLines(hRequestPrivateNetwork)
	}
	return r.AccessControlRequestPrivateNetwork
}

// Ctx returns r.Context, or context.Background() when it is nil.
func (r *Request) Ctx() context.Context {
	if r.Context == nil {
		return context.Background()
	}
	return r.Context
}

// own returns s as user code may keep it: a copy when s is a view of a
// server's reused buffer, s itself otherwise.
func (r *Request) own(s string) string {
	if r.borrowed {
		return strings.Clone(s)
	}
	return s
}

// userRequest is the copy of a Request that AllowOriginRequestFunc
// receives: arrays of its own, never those of a pooled scratch that the
// next request refills, and on a borrowed request strings of its own.
type userRequest = scratch

// fill copies src into u, element by element: copying src's slices
// themselves would hand user code arrays that are reused.
func (u *userRequest) fill(src *Request) *Request {
	u.req = Request{
		Method:  src.own(src.Method),
		Path:    src.own(src.Path),
		Context: src.Context,
	}
	u.req.Origin = copyLines(src, u.origin[:], src.Origin)
	u.req.AccessControlRequestMethod = copyLines(src, u.method[:], src.AccessControlRequestMethod)
	u.req.AccessControlRequestHeaders = copyLines(src, u.headers[:], src.requestHeaders())
	u.req.AccessControlRequestPrivateNetwork = copyLines(src, u.private[:], src.privateNetwork())
	return &u.req
}

// copyLines copies at most len(dst) of lines into dst, owned as r.own
// says, and returns the filled part (nil for no lines).
func copyLines(r *Request, dst, lines []string) []string {
	if lines == nil {
		return nil
	}
	n := copy(dst, lines)
	for i := range dst[:n] {
		dst[i] = r.own(dst[i])
	}
	return dst[:n]
}
