package core

import (
	"context"
	"sync"
	"unsafe"
)

// Exchange is one request and its response as a server that is not
// net/http holds them: fasthttp and the frameworks on it (fiber), which
// read and write headers through their own types. An adapter implements it
// with one-line methods over its framework's context and passes it to
// ApplyExchange; the core does everything else.
//
// Header names are canonical ("Access-Control-Allow-Origin"). The byte
// slices returned may be views of buffers the server reuses: the core
// reads them before the next call and never hands them to user code.
type Exchange interface {
	// RequestHeader returns every line of the request header name, in
	// order; nil when it is absent. An empty line counts: "Origin:" with
	// no value is an Origin header.
	RequestHeader(name string) [][]byte
	// ResponseHeader returns every line of the response header name so far.
	ResponseHeader(name string) [][]byte
	// ResponseHeaderNames returns the name of every response header line
	// so far, a name once per line.
	ResponseHeaderNames() [][]byte
	// SetResponseHeader replaces the first line of name with value, or
	// adds the line when there is none. name is canonical, so a server
	// need not normalise it again (fasthttp's SetCanonical). Both are
	// read-only views, valid during the call: the server copies them, as
	// fasthttp does.
	SetResponseHeader(name, value []byte)
	// AddResponseHeader adds a line, keeping those of the same name; its
	// arguments are read-only views, as SetResponseHeader's.
	AddResponseHeader(name, value []byte)
	// DelResponseHeader removes every line of name.
	DelResponseHeader(name string)
	// Context returns the request's context, for AllowOriginRequestFunc
	// and the Logger. The core asks for it only when one of them runs.
	Context() context.Context
	// Routing says how the router matches paths. The core asks for it
	// only when the engine has per-path policies.
	Routing() Routing
}

// ApplyExchange is the entry for servers that are not net/http: it reads
// the request facts CORS needs through x, decides under the policy that
// serves path (the path as the router routes it: see Routing), writes the
// decision's headers and merged Vary through x, and logs a refusal when
// the policy has a Logger. The caller then writes status and stops when
// next is false, or calls the next handler.
//
// It allocates nothing on any common path. Whatever it hands user code
// (AllowOriginFunc, AllowOriginRequestFunc, the Logger) is a copy that the
// code may keep; copying happens only when user code is called.
func (e *Engine) ApplyExchange(x Exchange, method, path string) (status int, next bool) {
	s := e.load()
	c := s.def
	if len(s.routes) > 0 {
		c = s.policyFor(path, x.Routing())
	}
	origin := x.RequestHeader(hOrigin)
	if len(origin) == 0 {
		// Not CORS (fasthttp reports an absent header as an empty, non-nil
		// slice): only the method and the path are read, and no user
		// code runs, so the Request can live on the stack.
		req := Request{Method: method, Path: path, borrowed: true}
		return c.apply(&req, x)
	}
	// The Request hands its header arrays to code the compiler cannot
	// see through (AllowOriginRequestFunc, the Logger), which would move
	// them to the heap on every request: a pool keeps them instead.
	sc := scratchPool.Get().(*scratch)
	status, next = c.apply(sc.read(x, c, method, path, origin), x)
	sc.reset()
	scratchPool.Put(sc)
	return status, next
}

// apply decides req under c and writes the decision through x.
func (c *compiled) apply(req *Request, x Exchange) (status int, next bool) {
	var d Decision
	c.evaluate(req, &d)
	d.writeExchange(x)
	d.log(req)
	return d.Status, d.Next
}

// scratch is one CORS request read through an Exchange: the header lines
// as strings over the server's bytes. One line more than the core accepts
// is kept, so that a repeated header, or too many
// Access-Control-Request-Headers lines, is seen and refused.
type scratch struct {
	x       Exchange // for the lines read late
	req     Request
	origin  [2]string
	method  [2]string
	headers [MaxRequestHeaderLines + 1]string
	private [2]string
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// read fills sc.req from x. Access-Control-Request-Method is read only on
// an OPTIONS request, the one a preflight is; the other preflight headers
// only when the decision needs them (requestLines); the context only when
// c may run user code that sees it.
func (sc *scratch) read(x Exchange, c *compiled, method, path string, origin [][]byte) *Request {
	r := &sc.req
	r.Method, r.Path, r.borrowed = method, path, true
	// origin is the server's answer to the last read, which the next read
	// may overwrite: it is copied first.
	r.Origin = views(origin, sc.origin[:])
	if method == "OPTIONS" {
		r.AccessControlRequestMethod = views(x.RequestHeader(hRequestMethod), sc.method[:])
		sc.x, r.later = x, sc
	}
	if c.callsUser() {
		r.Context = x.Context()
	}
	return r
}

// requestLines reads a preflight header late, into sc's array for it.
func (sc *scratch) requestLines(name string) []string {
	dst := sc.private[:]
	if name == hRequestHeaders {
		dst = sc.headers[:]
	}
	return views(sc.x.RequestHeader(name), dst)
}

// reset drops sc's references to the request before sc is pooled, only as
// far as they were filled.
func (sc *scratch) reset() {
	clear(sc.origin[:len(sc.req.Origin)])
	clear(sc.method[:len(sc.req.AccessControlRequestMethod)])
	clear(sc.headers[:len(sc.req.AccessControlRequestHeaders)])
	clear(sc.private[:len(sc.req.AccessControlRequestPrivateNetwork)])
	sc.req = Request{}
	sc.x = nil
}

// callsUser reports whether deciding a CORS request under c may run user
// code that sees the request's context.
func (c *compiled) callsUser() bool {
	return c.originReq != nil || c.logger != nil
}

// views fills dst with the lines as strings that share their bytes, and
// returns the filled part: at most len(dst) lines, nil when there are none.
func views(lines [][]byte, dst []string) []string {
	if len(lines) == 0 {
		return nil
	}
	n := 0
	for ; n < len(dst) && n < len(lines); n++ {
		dst[n] = view(lines[n])
	}
	return dst[:n]
}

// view returns b as a string without copying. The string is valid only
// while the server keeps b; Request.own copies it for user code.
func view(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// bytesOf returns s as a read-only byte slice without copying, for an
// Exchange's writes.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// maxVaryViews is the most response Vary lines merged without allocating.
const maxVaryViews = 4

// writeExchange writes d's headers through x. A name d sets replaces
// every line of it already in the response; Vary is merged into one line.
func (d *Decision) writeExchange(x Exchange) {
	if d.n > 0 {
		names := x.ResponseHeaderNames()
		prev := ""
		for _, f := range d.Headers() {
			switch {
			case f.Name == prev:
				x.AddResponseHeader(bytesOf(f.Name), bytesOf(f.Value))
			default:
				if hasName(names, f.Name) {
					x.DelResponseHeader(f.Name)
				}
				x.SetResponseHeader(bytesOf(f.Name), bytesOf(f.Value))
			}
			prev = f.Name
		}
	}
	if d.Vary == "" {
		return
	}
	lines := x.ResponseHeader(hVary)
	var buf [maxVaryViews]string
	var existing []string
	if len(lines) <= maxVaryViews {
		existing = views(lines, buf[:])
	} else {
		existing = make([]string, len(lines))
		views(lines, existing)
	}
	merged, changed := mergeVary(existing, d.Vary)
	if !changed {
		return
	}
	if len(lines) > 1 {
		x.DelResponseHeader(hVary)
	}
	x.SetResponseHeader(bytesOf(hVary), bytesOf(merged))
}

// hasName reports whether name is among names. Each name is set once with
// its first line, and deleting one name leaves the others' bytes alone, so
// names read before the first change stay right for the names not yet set.
func hasName(names [][]byte, name string) bool {
	for _, n := range names {
		if string(n) == name {
			return true
		}
	}
	return false
}
