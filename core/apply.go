package core

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/corskit/corskit/core/internal/header"
)

// Apply is what a net/http-based adapter calls for each request: it
// evaluates req, writes the decision's headers into h, merges Vary into any
// Vary already there without duplicates, and logs a refusal when the policy
// has a Logger. The caller then writes d.Status and stops, or calls the next
// handler, as d.Next says.
//
// All the header values of one response share one freshly allocated,
// capacity-clipped backing array: nothing is shared between responses, so a
// handler that edits h in place cannot change the next response.
func (e *Engine) Apply(req *Request, h http.Header) Decision {
	var d Decision
	e.decide(req, &d)
	d.writeHTTP(h)
	d.log(req)
	return d
}

// ApplyFunc is Apply for servers that do not use http.Header, such as
// fasthttp. It calls set for every header line to write: add is false for
// the first line of a name, which must replace every line of that name
// already in the response (fasthttp's Set replaces only the first: delete
// the name first), and true for further lines of the same name.
// existingVary is the response's current Vary value; when Vary must change,
// set receives the merged value. The caller then writes status and stops,
// or calls the next handler, as next says.
func (e *Engine) ApplyFunc(req *Request, existingVary string, set func(name, value string, add bool)) (status int, next bool) {
	var d Decision
	e.decide(req, &d)
	prev := ""
	for _, f := range d.Headers() {
		set(f.Name, f.Value, f.Name == prev)
		prev = f.Name
	}
	if v, changed := MergeVary(existingVary, d.Vary); changed {
		set("Vary", v, false)
	}
	d.log(req)
	return d.Status, d.Next
}

func (d *Decision) writeHTTP(h http.Header) {
	existing := h["Vary"]
	freshVary := d.Vary != "" && blank(existing)
	n := d.n
	if freshVary {
		n++
	}
	if n > 0 {
		vals := make([]string, n)
		for i := 0; i < d.n && !d.repeated; i++ {
			vals[i] = d.fields[i].Value
			h[d.fields[i].Name] = vals[i : i+1 : i+1]
		}
		for i := 0; i < d.n && d.repeated; {
			start := i
			for i < d.n && d.fields[i].Name == d.fields[start].Name {
				vals[i] = d.fields[i].Value
				i++
			}
			h[d.fields[start].Name] = vals[start:i:i]
		}
		if freshVary {
			vals[n-1] = d.Vary
			h["Vary"] = vals[n-1 : n : n]
		}
	}
	if d.Vary != "" && !freshVary {
		h["Vary"] = mergeVaryLines(existing, d.Vary)
	}
}

// blank reports whether header lines hold nothing but white space.
func blank(lines []string) bool {
	for _, l := range lines {
		if header.TrimOWS(l) != "" {
			return false
		}
	}
	return true
}

// mergeVaryLines returns lines plus the tokens of add that they lack, as
// new lines, never writing into lines' backing array.
func mergeVaryLines(lines []string, add string) []string {
	missing := 0
	for rest := add; ; {
		tok, r, done := header.Next(rest)
		if done {
			break
		}
		rest = r
		if !varyHas(lines, tok) {
			missing++
		}
	}
	if missing == 0 {
		return lines
	}
	out := lines[:len(lines):len(lines)]
	if missing == strings.Count(add, ",")+1 {
		return append(out, add)
	}
	for rest := add; ; {
		tok, r, done := header.Next(rest)
		if done {
			break
		}
		rest = r
		if !varyHas(lines, tok) {
			out = append(out, tok)
		}
	}
	return out
}

// varyHas reports whether the Vary lines already name tok, or "*".
func varyHas(lines []string, tok string) bool {
	for _, l := range lines {
		for rest := l; ; {
			item, r, done := header.Next(rest)
			if done {
				break
			}
			rest = r
			if item == "*" || header.EqualFoldASCII(item, tok) {
				return true
			}
		}
	}
	return false
}

// MergeVary merges the comma-separated tokens of add into the Vary value
// existing, without duplicates, and reports whether the value changed.
func MergeVary(existing, add string) (string, bool) {
	if add == "" {
		return existing, false
	}
	if header.TrimOWS(existing) == "" {
		return add, true
	}
	lines := [1]string{existing}
	merged := mergeVaryLines(lines[:], add)
	if len(merged) == 1 {
		return existing, false
	}
	return strings.Join(merged, ", "), true
}

// log records a refusal at debug level when the policy has a Logger.
func (d *Decision) log(req *Request) {
	if d.Reason == ReasonNone || d.policy == nil || d.policy.logger == nil {
		return
	}
	ctx := req.Ctx()
	l := d.policy.logger
	if !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	origin := ""
	if len(req.Origin) > 0 {
		origin = clip(req.Origin[0])
	}
	l.LogAttrs(ctx, slog.LevelDebug, d.Explain(),
		slog.String("reason", d.Why()),
		slog.String("kind", d.Kind.String()),
		slog.String("origin", origin),
		slog.String("method", req.Method),
		slog.String("path", req.Path),
	)
}

// FromHTTP reads the request facts CORS needs from a net/http request,
// without copying: the header fields share r.Header's slices. The preflight
// headers are looked up only for OPTIONS, the one method a preflight uses,
// which spares every other request three map lookups.
func FromHTTP(r *http.Request) Request {
	return fromHTTP(r, true)
}

// fromHTTP is FromHTTP that skips Access-Control-Request-Private-Network
// unless privateNet: no policy of the engine answers it otherwise.
func fromHTTP(r *http.Request, privateNet bool) Request {
	req := Request{
		Method:  r.Method,
		Path:    r.URL.Path,
		Origin:  r.Header["Origin"],
		Context: r.Context(),
	}
	if r.Method == http.MethodOptions {
		req.AccessControlRequestMethod = r.Header["Access-Control-Request-Method"]
		req.AccessControlRequestHeaders = r.Header["Access-Control-Request-Headers"]
		if privateNet {
			req.AccessControlRequestPrivateNetwork = r.Header["Access-Control-Request-Private-Network"]
		}
	}
	return req
}

// AllowsPrivateNetwork reports whether some policy the engine serves now
// has AllowPrivateNetwork set. When it is false an adapter may leave
// Request.AccessControlRequestPrivateNetwork empty, sparing a header
// lookup on every preflight: no policy would answer it. (A Reconfigure
// that turns it on while a preflight is being read can cost that one
// preflight its Access-Control-Allow-Private-Network; the browser asks
// again.)
func (e *Engine) AllowsPrivateNetwork() bool {
	return e.load().privateNet
}

// ApplyHTTP is FromHTTP and Apply in one call, for net/http adapters that
// need only the status and whether to go on: it writes the decision's
// headers into h and returns the status to write when next is false.
// Keeping the Request and the Decision in this frame spares the caller
// copying either, which is most of an adapter's cost on a request that is
// not CORS.
func (e *Engine) ApplyHTTP(r *http.Request, h http.Header) (status int, next bool) {
	s := e.load()
	req := fromHTTP(r, s.privateNet)
	var d Decision
	s.policyFor(req.Path).evaluate(&req, &d)
	d.writeHTTP(h)
	d.log(&req)
	return d.Status, d.Next
}
