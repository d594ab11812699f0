package bench

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// Verdict is the correctness pass's judgement of one answer.
type Verdict struct {
	// Right is false when a browser would act wrongly on the answer: a
	// refused origin allowed, an allowed request failing, the route
	// handler run for a preflight instead of the middleware answering.
	Right bool
	// Problems say what is wrong (Right is false).
	Problems []string
	// Notes are departures from the contract (the README's Behaviour on the wire) that a browser
	// does not see but a cache or an operator might: a missing Vary, the
	// status of a refused preflight, a missing Max-Age.
	Notes []string
	// Shared names the CORS headers whose value slices the implementation
	// shares between responses (Result.Shared).
	Shared []string
	// Status and Handler summarise the answer for the report.
	Status  int
	Handler bool
}

func (v *Verdict) wrong(format string, a ...any) {
	v.Right = false
	v.Problems = append(v.Problems, fmt.Sprintf(format, a...))
}

func (v *Verdict) note(format string, a ...any) {
	v.Notes = append(v.Notes, fmt.Sprintf(format, a...))
}

// Summary is the verdict in a few words, for a table cell.
func (v Verdict) Summary() string {
	var parts []string
	if v.Right {
		parts = append(parts, "right")
	} else {
		parts = append(parts, "WRONG: "+strings.Join(v.Problems, "; "))
	}
	if len(v.Notes) > 0 {
		parts = append(parts, "("+strings.Join(v.Notes, "; ")+")")
	}
	return strings.Join(parts, " ")
}

// Judge checks the answer r to scenario s under the policy, as a browser
// following the Fetch standard would, plus the contract's cache rules.
func Judge(s Scenario, r Result) Verdict {
	v := Verdict{Right: true, Status: r.Status, Handler: r.HandlerRan, Shared: r.Shared}
	if len(r.Shared) > 0 {
		v.note("shares the %s header slices between responses", strings.Join(r.Shared, ", "))
	}
	h := r.Header
	acao := h.Values("Access-Control-Allow-Origin")
	origin, _ := s.Get("Origin")
	switch s.Name {
	case "actual-allowed":
		checkAllowOrigin(&v, h, origin)
		if !listHas(h.Values("Access-Control-Expose-Headers"), "X-Total-Count", false) {
			v.wrong("X-Total-Count not exposed")
		}
		if !r.HandlerRan {
			v.wrong("the route handler did not run")
		}
		checkActualVary(&v, h)
	case "actual-refused":
		if len(acao) > 0 {
			v.wrong("Access-Control-Allow-Origin: %s for a refused origin", strings.Join(acao, ", "))
		}
		if n := corsHeaders(h); len(n) > 0 && len(acao) == 0 {
			v.note("sets %s", strings.Join(n, ", "))
		}
		if !r.HandlerRan {
			v.wrong("answers %d itself and skips the route handler, so a same-origin POST, which carries Origin too, fails", r.Status)
		}
		checkActualVary(&v, h)
	case "no-origin":
		if len(acao) > 0 {
			v.wrong("Access-Control-Allow-Origin: %s without an Origin", strings.Join(acao, ", "))
		}
		if !r.HandlerRan {
			v.wrong("the route handler did not run")
		}
		checkActualVary(&v, h)
	case "preflight-allowed":
		if problem := preflightFails(s, r); problem != "" {
			v.wrong("%s", problem)
		}
		if r.HandlerRan {
			v.wrong("the route handler ran")
		}
		if got := h.Get("Access-Control-Max-Age"); got != fmt.Sprint(MaxAge) {
			v.note("Max-Age %q", got)
		}
		checkPreflightVary(&v, h)
	case "preflight-refused", "preflight-1000-headers":
		if preflightFails(s, r) == "" {
			if s.Name == "preflight-1000-headers" {
				v.wrong("allowed 997 request headers the policy does not list")
			} else {
				v.wrong("the preflight passes a browser's CORS check")
			}
		} else if len(acao) > 0 {
			v.note("refused by Allow-Headers only, Allow-Origin sent")
		}
		if r.HandlerRan {
			v.wrong("the route handler ran")
		}
		if r.Status != http.StatusForbidden {
			v.note("status %d", r.Status)
		}
		checkPreflightVary(&v, h)
	default:
		panic("no judgement for scenario " + s.Name)
	}
	return v
}

// checkAllowOrigin checks the headers an allowed credentialed request
// needs.
func checkAllowOrigin(v *Verdict, h http.Header, origin string) {
	acao := h.Values("Access-Control-Allow-Origin")
	switch {
	case len(acao) == 0:
		v.wrong("no Access-Control-Allow-Origin")
	case len(acao) > 1:
		v.wrong("%d Access-Control-Allow-Origin lines", len(acao))
	case acao[0] != origin:
		v.wrong("Access-Control-Allow-Origin: %s", acao[0])
	}
	if got := h.Values("Access-Control-Allow-Credentials"); len(got) != 1 || got[0] != "true" {
		v.wrong("Access-Control-Allow-Credentials %q", got)
	}
}

// preflightFails runs Fetch's CORS-preflight check on the answer to a
// credentialed preflight and returns why a browser would fail it, or "".
func preflightFails(s Scenario, r Result) string {
	h := r.Header
	if r.Status < 200 || r.Status > 299 {
		return fmt.Sprintf("status %d", r.Status)
	}
	origin, _ := s.Get("Origin")
	acao := h.Values("Access-Control-Allow-Origin")
	if len(acao) != 1 || acao[0] != origin {
		return fmt.Sprintf("Access-Control-Allow-Origin %q", acao)
	}
	if got := h.Values("Access-Control-Allow-Credentials"); len(got) != 1 || got[0] != "true" {
		return fmt.Sprintf("Access-Control-Allow-Credentials %q", got)
	}
	method, _ := s.Get("Access-Control-Request-Method")
	if !isSimpleMethod(method) && !listHas(h.Values("Access-Control-Allow-Methods"), method, true) {
		return fmt.Sprintf("Access-Control-Allow-Methods %q lacks %s", h.Values("Access-Control-Allow-Methods"), method)
	}
	acrh, _ := s.Get("Access-Control-Request-Headers")
	allowed := h.Values("Access-Control-Allow-Headers")
	for _, name := range strings.Split(acrh, ",") {
		if name = strings.TrimSpace(name); name != "" && !listHas(allowed, name, false) {
			return fmt.Sprintf("Access-Control-Allow-Headers lacks %s", name)
		}
	}
	return ""
}

// checkActualVary fails an answer to a GET whose CORS headers depend on
// the Origin but whose Vary does not say so. A cache, the browser's own
// included, may then serve it to a request from another origin, or to a
// CORS request after a request without Origin, and the browser blocks a
// response it should have allowed: the failure the Fetch standard's "CORS
// protocol and HTTP caches" section describes. (Preflight answers are not
// judged this way: responses to OPTIONS are not cached.)
func checkActualVary(v *Verdict, h http.Header) {
	if !varyHas(h, "Origin") {
		v.wrong("no Vary: Origin, so a cache, the browser's own included, can serve this answer to another origin's request (Fetch, CORS protocol and HTTP caches)")
	}
}

func checkPreflightVary(v *Verdict, h http.Header) {
	var missing []string
	for _, n := range []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"} {
		if !varyHas(h, n) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		v.note("Vary lacks %s", strings.Join(missing, ", "))
	}
}

func isSimpleMethod(m string) bool { return m == "GET" || m == "HEAD" || m == "POST" }

// listHas reports whether the comma-separated header lines name tok,
// case-sensitively or not. A "*" does not count: with credentials a
// browser reads it literally.
func listHas(lines []string, tok string, caseSensitive bool) bool {
	for _, l := range lines {
		for _, item := range strings.Split(l, ",") {
			item = strings.TrimSpace(item)
			if item == tok || (!caseSensitive && strings.EqualFold(item, tok)) {
				return true
			}
		}
	}
	return false
}

func varyHas(h http.Header, tok string) bool {
	return listHas(h.Values("Vary"), tok, false) || listHas(h.Values("Vary"), "*", true)
}

// corsHeaders lists the Access-Control-* response headers set.
func corsHeaders(h http.Header) []string {
	var names []string
	for n := range h {
		if strings.HasPrefix(n, "Access-Control-") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
