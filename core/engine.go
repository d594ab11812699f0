package core

import (
	"strings"
	"sync/atomic"

	"github.com/corskit/corskit/core/internal/header"
	"github.com/corskit/corskit/core/internal/origin"
)

// Engine decides CORS questions for one compiled policy. It is safe for
// concurrent use, and Reconfigure swaps its policy atomically.
type Engine struct {
	state atomic.Pointer[state]
}

// New validates p and compiles it. The error lists every problem at once,
// each naming the field, the bad value and how to fix it.
func New(p Policy) (*Engine, error) {
	return NewPaths(p)
}

// Reconfigure replaces the engine's policy with p, atomically: a request
// is decided wholly under the old policy or wholly under the new one. A bad
// policy is refused with New's error and the old one keeps serving.
func (e *Engine) Reconfigure(p Policy) error {
	return e.ReconfigurePaths(p)
}

// Kind classifies a request.
type Kind uint8

const (
	// NotCORS is a request without an Origin header.
	NotCORS Kind = iota
	// Actual is a request with an Origin header that is not a preflight.
	Actual
	// Preflight is an OPTIONS request with Origin and
	// Access-Control-Request-Method.
	Preflight
)

// String names the kind for logs: "not CORS", "actual" or "preflight".
func (k Kind) String() string {
	switch k {
	case NotCORS:
		return "not CORS"
	case Actual:
		return "actual"
	case Preflight:
		return "preflight"
	}
	return "unknown"
}

// Field is one response header to set.
type Field struct {
	Name, Value string
}

// maxFields is the most headers a decision sets besides Vary: a preflight's
// Allow-Origin, Allow-Credentials, Allow-Methods, Max-Age,
// Allow-Private-Network, and Allow-Headers once per reflected request line.
const maxFields = 4 + MaxRequestHeaderLines + 1

// Decision is the answer to one request. Its header values are precomputed
// or taken from the request, so producing it allocates nothing.
type Decision struct {
	Kind Kind
	// Allowed is false when the request was refused: its origin, or for a
	// preflight its method or headers, is not allowed. A request that is
	// not CORS is allowed.
	Allowed bool
	// Next is true when the next handler should run.
	Next bool
	// Status is the status to answer with when Next is false (a preflight).
	Status int
	// Reason says why the request was refused; see Detail.
	Reason Reason
	// Detail is the part of the request the Reason is about: the origin,
	// method or header name, as sent.
	Detail string
	// Vary lists the request headers the answer depends on, to be merged
	// into the response's Vary header; "" for none.
	Vary string

	fields   [maxFields]Field
	n        int
	repeated bool // some name has more than one line, in a row (reflected Allow-Headers lines)
	policy   *compiled
}

// Headers returns the response headers to set, Vary aside. A name can
// repeat (Access-Control-Allow-Headers reflecting several request lines):
// each is one more header line.
func (d *Decision) Headers() []Field { return d.fields[:d.n] }

func (d *Decision) set(name, value string) {
	d.fields[d.n] = Field{name, value}
	d.n++
}

// Evaluate decides req under the engine's policy. It does no I/O and does
// not allocate; only AllowOriginFunc and AllowOriginRequestFunc, when set,
// run user code.
func (e *Engine) Evaluate(req Request) Decision {
	var d Decision
	e.decide(&req, &d)
	return d
}

// decide is Evaluate writing into d.
func (e *Engine) decide(req *Request, d *Decision) {
	e.load().policyFor(req.Path, Routing{}).evaluate(req, d)
}

// load returns the state the Engine serves now.
func (e *Engine) load() *state {
	s := e.state.Load()
	if s == nil {
		panic("cors: Engine used without New or NewPaths; build it with core.New(policy)")
	}
	return s
}

// evaluate decides req into d, which must be the zero Decision.
func (c *compiled) evaluate(req *Request, d *Decision) {
	d.policy, d.Allowed, d.Next = c, true, true
	if len(req.Origin) == 0 {
		d.Kind = NotCORS
		d.Vary = c.varyActual
		if c.plainStar {
			c.setActualHeaders(d, "*")
		}
		return
	}
	if req.Method == "OPTIONS" && len(req.AccessControlRequestMethod) > 0 {
		c.preflight(req, d)
		return
	}
	d.Kind = Actual
	d.Vary = c.varyActual
	allowOrigin, ok := c.checkOrigin(req, d)
	if !ok {
		d.Allowed = false
		return
	}
	c.setActualHeaders(d, allowOrigin)
}

func (c *compiled) setActualHeaders(d *Decision, allowOrigin string) {
	d.set(hAllowOrigin, allowOrigin)
	if c.credentials {
		d.set(hAllowCredentials, "true")
	}
	if c.exposeHeaders != "" {
		d.set(hExposeHeaders, c.exposeHeaders)
	}
}

// checkOrigin returns the Access-Control-Allow-Origin value for req, or
// false with d's Reason set.
func (c *compiled) checkOrigin(req *Request, d *Decision) (string, bool) {
	if c.plainStar {
		return "*", true
	}
	if len(req.Origin) > 1 {
		d.Reason, d.Detail = ReasonOriginRepeated, req.Origin[0]
		return "", false
	}
	o := header.TrimOWS(req.Origin[0])
	if c.isExact(o) {
		return o, true
	}
	parsed, ok := origin.Parse(o)
	if !ok {
		d.Reason, d.Detail = ReasonOriginMalformed, clip(o)
		return "", false
	}
	for i := range c.patterns {
		if c.patterns[i].Matches(parsed) {
			return o, true
		}
	}
	if c.originFunc != nil && c.originFunc(req.own(o)) {
		return o, true
	}
	if c.originReq != nil && c.askRequestFunc(req, o) {
		return o, true
	}
	d.Reason, d.Detail = ReasonOriginNotAllowed, o
	return "", false
}

// isExact reports whether o is one of the policy's exact origins.
func (c *compiled) isExact(o string) bool {
	if c.exactList == nil {
		_, ok := c.exact[o]
		return ok
	}
	for _, e := range c.exactList {
		if e == o {
			return true
		}
	}
	return false
}

// askRequestFunc calls AllowOriginRequestFunc with a copy of the request
// from a pool: handing the function req itself would move req, and the
// adapter's arrays behind its header slices, to the heap on every call, so
// that every request allocated even when the function is never consulted.
// On a borrowed request the copy's strings are the function's own.
func (c *compiled) askRequestFunc(req *Request, o string) bool {
	u := scratchPool.Get().(*scratch)
	ok := c.originReq(u.fill(req), req.own(o))
	u.reset()
	scratchPool.Put(u)
	return ok
}

// clip bounds a detail taken from a hostile request, for logs.
func clip(s string) string {
	const maxDetail = 256
	if len(s) > maxDetail {
		return s[:maxDetail]
	}
	return s
}

func (c *compiled) preflight(req *Request, d *Decision) {
	d.Kind = Preflight
	d.Vary = c.varyPreflight
	d.Next = c.passthrough
	d.Status = c.successStatus

	allowOrigin, ok := c.checkOrigin(req, d)
	if !ok {
		d.refuse(d.Reason, d.Detail)
		return
	}

	if len(req.AccessControlRequestMethod) > 1 {
		d.refuse(ReasonMethodRepeated, req.AccessControlRequestMethod[0])
		return
	}
	method := header.TrimOWS(req.AccessControlRequestMethod[0])
	switch {
	case c.listedMethod(method):
		// A listed method was validated at New: a token, not forbidden.
	case !header.IsToken(method):
		d.refuse(ReasonMethodMalformed, method)
		return
	case isForbiddenMethod(method):
		d.refuse(ReasonMethodForbidden, method)
		return
	case !c.methodAllowed(method):
		d.refuse(ReasonMethodNotAllowed, method)
		return
	}

	lines := req.requestHeaders()
	known := len(lines) == 1 && c.isBrowserLine(lines[0])
	if !known {
		if r, detail := c.checkRequestHeaders(lines); r != ReasonNone {
			d.refuse(r, detail)
			return
		}
	}

	d.set(hAllowOrigin, allowOrigin)
	if c.credentials {
		d.set(hAllowCredentials, "true")
	}
	if c.reflectMethod {
		d.set(hAllowMethods, method)
	} else {
		d.set(hAllowMethods, c.allowMethods)
	}
	if known || hasNames(lines) {
		if c.reflectHeaders {
			first := d.n
			for _, l := range lines {
				if l, ok := reflectable(l); ok {
					d.set(hAllowHeaders, l)
				}
			}
			d.repeated = d.n-first > 1
		} else {
			d.set(hAllowHeaders, c.allowHeaders)
		}
	}
	if c.maxAge != "" {
		d.set(hMaxAge, c.maxAge)
	}
	if c.privateNet && asksPrivateNetwork(req.privateNetwork()) {
		d.set(hAllowPrivateNetwork, "true")
	}
}

// asksPrivateNetwork reports whether the preflight asks for Private
// Network Access: one Access-Control-Request-Private-Network line, "true".
func asksPrivateNetwork(lines []string) bool {
	return len(lines) == 1 && header.TrimOWS(lines[0]) == "true"
}

// refuse turns d into the answer to a refused preflight.
func (d *Decision) refuse(r Reason, detail string) {
	d.Allowed, d.Reason, d.Detail = false, r, clip(detail)
	d.Status = 403
	d.n = 0
}

func (c *compiled) methodAllowed(m string) bool {
	if c.anyMethod || m == "GET" || m == "HEAD" || m == "POST" {
		return true
	}
	for _, a := range c.methods {
		if a == m {
			return true
		}
	}
	return false
}

// reflectable returns a request header line as Access-Control-Allow-Headers
// may echo it: the line itself when it is a clean list of names, the names
// alone when it holds empty items (rebuilt, so this rare line allocates),
// and false when it names nothing.
func reflectable(l string) (string, bool) {
	l = header.TrimOWS(l)
	names, empty := 0, false
	for item := range header.Items(l) {
		if item == "" {
			empty = true
		} else {
			names++
		}
	}
	switch {
	case names == 0:
		return "", false
	case !empty:
		return l, true
	}
	clean := make([]string, 0, names)
	for item := range header.Items(l) {
		if item != "" {
			clean = append(clean, item)
		}
	}
	return strings.Join(clean, ", "), true
}

// hasNames reports whether the request header lines name any header.
func hasNames(lines []string) bool {
	for _, l := range lines {
		for item := range header.Items(l) {
			if item != "" {
				return true
			}
		}
	}
	return false
}

// checkRequestHeaders walks Access-Control-Request-Headers within the
// documented bounds and reports the first name the policy does not allow.
func (c *compiled) checkRequestHeaders(lines []string) (Reason, string) {
	if len(lines) > MaxRequestHeaderLines {
		return ReasonHeadersTooMany, ""
	}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if total > MaxRequestHeadersLen {
		return ReasonHeadersTooLong, ""
	}
	// Count the items before reading any: a long list is refused at the
	// cost of a byte count, not of a walk and a lookup per name.
	items := len(lines)
	for _, l := range lines {
		items += strings.Count(l, ",")
	}
	if items > MaxRequestHeaderNames {
		return ReasonHeadersTooMany, ""
	}
	for _, l := range lines {
		for item := range header.Items(l) {
			if item == "" {
				continue
			}
			if !header.IsToken(item) {
				return ReasonHeaderMalformed, item
			}
			if !c.headerAllowed(item) {
				return ReasonHeaderNotAllowed, item
			}
		}
	}
	return ReasonNone, ""
}

func (c *compiled) headerAllowed(name string) bool {
	isAuth := header.EqualFoldASCII(name, "authorization")
	if c.anyHeader && !isAuth {
		return true
	}
	if isAuth {
		return c.authorization
	}
	if c.headerList != nil {
		for _, h := range c.headerList {
			if header.EqualFoldASCII(h, name) {
				return true
			}
		}
		return false
	}
	// Browsers send lower-case names, so the common lookup needs no copy.
	if _, ok := c.headers[name]; ok {
		return true
	}
	var buf [64]byte
	if len(name) > len(buf) {
		for h := range c.headers {
			if header.EqualFoldASCII(h, name) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[i] = b
	}
	_, ok := c.headers[string(buf[:len(name)])] // no allocation: the compiler looks up without converting
	return ok
}

// isBrowserLine reports whether l is one of the allowed lines a browser
// sends, so that its names need no walk.
func (c *compiled) isBrowserLine(l string) bool {
	for _, b := range c.browserLines {
		if b == l {
			return true
		}
	}
	return false
}

// listedMethod reports whether m is one of the policy's methods.
func (c *compiled) listedMethod(m string) bool {
	for _, a := range c.methods {
		if a == m {
			return true
		}
	}
	return false
}
