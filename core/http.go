package core

import "net/http"

// ApplyHTTP is the entry for net/http servers and routers (chi, gin, echo,
// http.ServeMux): it reads the request facts CORS needs from r, decides,
// writes the decision's headers into h, merges Vary into any Vary already
// there without duplicates, and logs a refusal when the policy has a
// Logger. The caller then writes status and stops when next is false, or
// calls the next handler.
//
// All the header values of one response share one freshly allocated,
// capacity-clipped backing array: nothing is shared between responses, so
// a handler that edits h in place cannot change the next response.
//
// net/http routers match paths case-sensitively and tell "/a/" from "/a",
// and so does the choice of a per-path policy here.
func (e *Engine) ApplyHTTP(r *http.Request, h http.Header) (status int, next bool) {
	s := e.load()
	req := fromHTTP(r)
	var d Decision
	s.policyFor(req.Path, Routing{}).evaluate(&req, &d)
	d.writeHTTP(h)
	d.log(&req)
	return d.Status, d.Next
}

// fromHTTP reads the request facts CORS needs from a net/http request,
// without copying: the header fields share r.Header's slices.
// Access-Control-Request-Method is looked up only for OPTIONS with an
// Origin, the one request a preflight is; the other preflight headers only
// when the decision needs them (Request.later).
func fromHTTP(r *http.Request) Request {
	req := Request{
		Method:  r.Method,
		Path:    r.URL.Path,
		Origin:  r.Header[hOrigin],
		Context: r.Context(),
	}
	if r.Method == http.MethodOptions && req.Origin != nil {
		req.AccessControlRequestMethod = r.Header[hRequestMethod]
		req.later = httpLines(r.Header)
	}
	return req
}

// httpLines reads request header lines from an http.Header, whose keys are
// canonical.
type httpLines http.Header

func (h httpLines) requestLines(name string) []string { return h[name] }

// writeHTTP writes d's headers into h, all values in one fresh array.
func (d *Decision) writeHTTP(h http.Header) {
	existing := h[hVary]
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
			h[hVary] = vals[n-1 : n : n]
		}
	}
	if d.Vary != "" && !freshVary {
		h[hVary] = mergeVaryLines(existing, d.Vary)
	}
}
