package check

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// A Finding is one thing wrong with a response: what a browser sees, and
// what to change on the server (or in the script) to fix it.
type Finding struct {
	Reason string
	Fix    string
}

// String returns the finding as one line, "Reason Fix: fix".
func (f Finding) String() string {
	if f.Fix == "" {
		return f.Reason
	}
	return f.Reason + " Fix: " + f.Fix
}

// A Verdict is a browser's judgement of one response.
type Verdict struct {
	// Allowed reports whether a browser would let the exchange through.
	Allowed bool
	// Blocks lists every reason a browser blocks the exchange; a browser
	// reports only the first it meets, so all of them are listed here.
	Blocks []Finding
	// Warnings are problems that do not block this call but matter: cache
	// poisoning, settings browsers ignore, calls that break with small changes.
	Warnings []Finding
	// Notes are plain facts worth knowing, not problems.
	Notes []string

	// CacheSeconds is, for an allowed preflight, how long Chromium caches
	// its result (Access-Control-Max-Age, 5 when absent, at most 7200).
	CacheSeconds int

	// Readable and Hidden list, for an allowed actual response, the response
	// header names a script can read and those it cannot, in canonical form.
	// Both leave out Access-Control-*, Date, Vary and Set-Cookie (which
	// scripts can never read).
	Readable []string
	Hidden   []string
}

func (v *Verdict) block(reason, fix string) {
	v.Blocks = append(v.Blocks, Finding{Reason: reason, Fix: fix})
}

func (v *Verdict) warn(reason, fix string) {
	v.Warnings = append(v.Warnings, Finding{Reason: reason, Fix: fix})
}

// f is fmt.Sprintf, short because every finding is built with it.
func f(format string, args ...any) string {
	return fmt.Sprintf(format, args...)
}

// Header names, in canonical form as net/http keeps them.
const (
	allowOrigin      = "Access-Control-Allow-Origin"
	allowCredentials = "Access-Control-Allow-Credentials"
	allowMethods     = "Access-Control-Allow-Methods"
	allowHeaders     = "Access-Control-Allow-Headers"
	exposeHeaders    = "Access-Control-Expose-Headers"
	maxAge           = "Access-Control-Max-Age"
)

// NullOriginFix is the advice for a page whose origin is null: never to
// have the server allow null, which any site can produce, but to give the
// page a real origin.
const NullOriginFix = "never allow null: sandboxed iframes, file: pages and data: URLs all send Origin: null, so any site can produce it; serve the page from a real origin (https://app.example.com, not a sandboxed iframe or a file) and allow that origin."

// MaxAgeCap is the longest time, in seconds, that Chromium caches a
// preflight result; Firefox caps at 86400.
const MaxAgeCap = 7200

// DefaultMaxAge is how long browsers cache a preflight result, in seconds,
// when the response has no valid Access-Control-Max-Age.
const DefaultMaxAge = 5

// get returns the values of the header name combined as Fetch's "get" does
// (joined by ", "), and whether the header is present at all.
func get(h http.Header, name string) (string, bool) {
	vs := h.Values(name)
	return strings.Join(vs, ", "), len(vs) > 0
}

// CORSCheck applies Fetch's CORS check to a response's headers: the
// response must carry exactly one Access-Control-Allow-Origin equal to the
// request's origin (or *, without credentials), and a credentialed request
// needs Access-Control-Allow-Credentials: true. It returns nil when the check
// passes, and otherwise one finding per problem.
func CORSCheck(r Request, h http.Header) []Finding {
	var v Verdict
	corsCheck(&v, r, h)
	return v.Blocks
}

func corsCheck(v *Verdict, r Request, h http.Header) {
	acao, ok := get(h, allowOrigin)
	switch {
	case !ok && r.Origin == "null":
		v.block("The response has no Access-Control-Allow-Origin header, so the browser hides it from the script.",
			NullOriginFix)
	case !ok:
		v.block("The response has no Access-Control-Allow-Origin header, so the browser hides it from the script.",
			f("make the server answer origin %s with Access-Control-Allow-Origin: %[1]s (and Vary: Origin). If it should already, %[1]s is missing from its allowed origins, or the CORS middleware does not run for this route.", r.Origin))
	case acao == "*" && r.Credentials:
		v.block("Access-Control-Allow-Origin is * but the request carries credentials: browsers block this.",
			f("echo the request's origin (Access-Control-Allow-Origin: %s) and add Vary: Origin.", r.Origin))
	case acao == "*" || acao == r.Origin:
		// The origin passes.
	case len(h.Values(allowOrigin)) > 1:
		vs := h.Values(allowOrigin)
		v.block(f("Access-Control-Allow-Origin is sent %d times (%s); browsers accept exactly one value.", len(vs), quoteAll(vs)),
			"send it once. Two copies usually mean that both a proxy and the application add CORS headers: keep one of them.")
	case strings.Contains(acao, ","):
		v.block(f("Access-Control-Allow-Origin holds a list (%q); browsers accept exactly one origin.", acao),
			f("send only the request's origin when it is in your allowed list (Access-Control-Allow-Origin: %s) and add Vary: Origin.", r.Origin))
	case strings.TrimRight(acao, "/") == r.Origin:
		v.block(f("Access-Control-Allow-Origin is %q, with a trailing slash; an origin never has one, and browsers compare it with %s byte for byte.", acao, r.Origin),
			f("send %s without the slash (look for the slash in the allowed-origins configuration).", r.Origin))
	case strings.EqualFold(acao, r.Origin):
		v.block(f("Access-Control-Allow-Origin is %q, which differs from the origin %s in letter case; browsers compare byte for byte.", acao, r.Origin),
			f("send the origin exactly as the request's Origin header has it: %s.", r.Origin))
	case sameOriginModuloPort(acao, r.Origin):
		v.block(f("Access-Control-Allow-Origin is %q, which names the default port; browsers send %s and compare byte for byte.", acao, r.Origin),
			f("send %s, without the port.", r.Origin))
	case r.Origin == "null":
		v.block(f("Access-Control-Allow-Origin is %q, but the request's origin is null: the page is sandboxed, or the call was redirected from one foreign origin to another.", acao),
			"call the final URL directly, so that the browser keeps the page's origin. Allowing null instead would let every sandboxed page in.")
	case acao == "null":
		v.block(f("Access-Control-Allow-Origin is null, which matches only opaque origins (sandboxed iframes, file: pages), not %s.", r.Origin),
			f("echo %s instead, and never allow null: any sandboxed page can send it.", r.Origin))
	default:
		v.block(f("Access-Control-Allow-Origin is %q, but the request's origin is %s.", acao, r.Origin),
			f("add %s to the server's allowed origins; with several allowed origins the server must echo the one that matches, not a fixed one.", r.Origin))
	}
	if !r.Credentials {
		return
	}
	switch acac, ok := get(h, allowCredentials); {
	case !ok:
		v.block("The request carries credentials, but the response has no Access-Control-Allow-Credentials: true.",
			"send Access-Control-Allow-Credentials: true (and an echoed origin, never *), or make the request without credentials.")
	case acac != "true":
		v.block(f("Access-Control-Allow-Credentials is %q; browsers accept only the exact value true.", acac),
			"send Access-Control-Allow-Credentials: true, once, in lower case.")
	}
}

// sameOriginModuloPort reports whether a and b differ only by an explicit
// default port in a (https://h:443 against https://h).
func sameOriginModuloPort(a, b string) bool {
	return a == b+":443" && strings.HasPrefix(b, "https://") ||
		a == b+":80" && strings.HasPrefix(b, "http://")
}

func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// commonWarnings adds the warnings that apply to any CORS response.
func commonWarnings(v *Verdict, r Request, h http.Header) {
	acao, _ := get(h, allowOrigin)
	acac, hasACAC := get(h, allowCredentials)
	if !r.Credentials && hasACAC && acac != "true" {
		v.warn(f("Access-Control-Allow-Credentials is %q; browsers recognise only the exact value true, so credentialed requests will fail.", acac),
			"send Access-Control-Allow-Credentials: true, or leave the header out.")
	}
	if !r.Credentials && acao == "*" && acac == "true" {
		v.warn("Access-Control-Allow-Origin is * together with Access-Control-Allow-Credentials: true; the same call with credentials would be blocked.",
			"echo the request's origin instead of * (and add Vary: Origin), or drop Access-Control-Allow-Credentials.")
	}
	if acao == "null" && r.Origin == "null" {
		v.warn("Access-Control-Allow-Origin is null: every sandboxed iframe and file: page sends Origin: null, so any site can pass this check.",
			"allow real origins only.")
	}
}

// parseList parses a comma-separated list of tokens (the #token rule of
// RFC 9110, empty elements allowed) from every line of the header name.
// present reports whether the header exists; bad holds the first element
// that is not a token, in which case browsers reject the whole header.
func parseList(h http.Header, name string) (items []string, present bool, bad string) {
	for _, line := range h.Values(name) {
		present = true
		for _, item := range strings.Split(line, ",") {
			item = strings.Trim(item, " \t")
			if item == "" {
				continue
			}
			if !isToken(item) {
				return nil, true, item
			}
			items = append(items, item)
		}
	}
	return items, present, ""
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && strings.IndexByte("!#$%&'*+-.^_`|~", c) < 0 {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) (string, bool) {
	for _, item := range list {
		if strings.EqualFold(item, s) {
			return item, true
		}
	}
	return "", false
}

// Preflight judges the response to a CORS-preflight request made for r, as
// the CORS-preflight fetch does: an ok (2xx) status, the CORS check, and
// Access-Control-Allow-Methods and Access-Control-Allow-Headers that cover
// r's method and every CORS-unsafe header r sets.
func Preflight(r Request, status int, h http.Header) Verdict {
	var v Verdict
	ok := 200 <= status && status <= 299
	if !ok {
		v.Blocks = append(v.Blocks, preflightStatus(status, h.Get("Location")))
	}
	corsCheck(&v, r, h)
	if !ok {
		// The method and header lists of a refused answer say nothing more.
		return v
	}

	methods, hasMethods, badMethod := parseList(h, allowMethods)
	if badMethod != "" {
		line, _ := get(h, allowMethods)
		v.block(f("Access-Control-Allow-Methods %q is not a comma-separated list of methods (%q is not a method name), so browsers reject the whole preflight.", line, badMethod),
			f("separate the methods with commas, e.g. Access-Control-Allow-Methods: GET, POST, %s.", r.Method))
	} else {
		checkMethod(&v, r, methods, hasMethods)
	}

	names, hasNames, badName := parseList(h, allowHeaders)
	if badName != "" {
		line, _ := get(h, allowHeaders)
		v.block(f("Access-Control-Allow-Headers %q is not a comma-separated list of header names (%q is not a header name), so browsers reject the whole preflight.", line, badName),
			"separate the names with commas, e.g. Access-Control-Allow-Headers: Content-Type, Authorization.")
	} else {
		checkHeaders(&v, r, names, hasNames)
	}

	v.CacheSeconds = DefaultMaxAge
	switch s, ok := get(h, maxAge); {
	case !ok:
		v.Notes = append(v.Notes, fmt.Sprintf("No Access-Control-Max-Age: browsers cache this preflight for %d seconds, so most calls pay for an extra round trip.", DefaultMaxAge))
	case !isDigits(s):
		v.warn(f("Access-Control-Max-Age %q is not a whole number of seconds; browsers ignore it and cache the preflight for %d seconds.", s, DefaultMaxAge),
			"send one whole number of seconds, e.g. Access-Control-Max-Age: 600.")
	default:
		n, err := strconv.Atoi(s)
		if err != nil || n > MaxAgeCap {
			v.warn(f("Access-Control-Max-Age is %s, but Chromium caches a preflight for at most %d seconds (2 hours) and Firefox for at most 86400; the rest is ignored.", s, MaxAgeCap),
				f("send %d or less, so that every browser behaves the same.", MaxAgeCap))
			n = MaxAgeCap
		}
		v.CacheSeconds = n
	}

	commonWarnings(&v, r, h)
	v.Allowed = len(v.Blocks) == 0
	if !v.Allowed {
		v.CacheSeconds = 0
		v.Notes = nil // about caching, which a refused preflight never reaches
	}
	return v
}

// preflightStatus explains a preflight status outside 200-299.
func preflightStatus(status int, location string) Finding {
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	reason := fmt.Sprintf("The preflight was answered %s; browsers need a 2xx status.", strings.TrimSpace(text))
	switch {
	case status >= 300 && status <= 399:
		reason = fmt.Sprintf("The preflight was answered %s; browsers never follow a redirect on a preflight.", text)
		fix := "call the final URL directly (a redirect to https or to a path with or without a trailing slash is the usual cause)."
		if location != "" {
			fix = fmt.Sprintf("call the final URL directly (the server points to %s); a redirect to https or to a path with or without a trailing slash is the usual cause.", location)
		}
		return Finding{reason, fix}
	case status == 401:
		return Finding{reason, "let OPTIONS requests through authentication: a preflight never carries cookies or Authorization, so put the CORS middleware before the authentication middleware."}
	case status == 403:
		return Finding{reason, "CORS middlewares answer 403 to a preflight they refuse: check that the server's allowed origins, methods and headers cover this request. Otherwise a firewall or an authorization layer refuses OPTIONS."}
	case status == 404:
		return Finding{reason, "nothing answers OPTIONS on this path: the CORS middleware does not run for it. Attach CORS to the whole application (not to a route group), before routing."}
	case status == 405:
		return Finding{reason, "the router refused the OPTIONS method before the CORS middleware saw it. Attach CORS to the whole application, before routing, so that it answers preflights itself."}
	case status >= 500:
		return Finding{reason, "the server failed while answering OPTIONS; look at its logs. The CORS middleware should answer a preflight before any handler runs."}
	}
	return Finding{reason, "answer the preflight with 204 No Content (or 200) and the CORS headers."}
}

func checkMethod(v *Verdict, r Request, methods []string, present bool) {
	m := r.Method
	if IsSafelistedMethod(m) || contains(methods, m) || (!r.Credentials && contains(methods, "*")) {
		return
	}
	if !present {
		v.block(f("The preflight response has no Access-Control-Allow-Methods, so only GET, HEAD and POST are allowed, not %s.", m),
			f("send Access-Control-Allow-Methods with %[1]s in it, e.g. Access-Control-Allow-Methods: GET, POST, %[1]s.", m))
		return
	}
	list := strings.Join(methods, ", ")
	if contains(methods, "*") {
		v.block(f("Access-Control-Allow-Methods is *, but with credentials browsers read * as a method literally named \"*\", so %s is not allowed.", m),
			f("list %s by name, or echo the preflight's Access-Control-Request-Method.", m))
		return
	}
	if other, ok := containsFold(methods, m); ok {
		if strings.ToUpper(m) == m {
			v.block(f("Access-Control-Allow-Methods lists %q, but methods are compared case-sensitively and the browser asks for %s.", other, m),
				f("list %s, in capital letters.", m))
		} else {
			v.block(f("The script's method %q goes out as written (browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT), and Access-Control-Allow-Methods lists %q; methods are compared case-sensitively.", m, other),
				f("write method: %q in the script.", strings.ToUpper(m)))
		}
		return
	}
	v.block(f("Access-Control-Allow-Methods (%s) does not include %s.", list, m),
		f("add %s to it (corskit: the allowedMethods option).", m))
}

func checkHeaders(v *Verdict, r Request, names []string, present bool) {
	star := contains(names, "*")
	var missing, literal []string
	auth := false
	for _, name := range UnsafeHeaderNames(r.Header) {
		if _, ok := containsFold(names, name); ok {
			continue
		}
		switch {
		case star && !r.Credentials && name == "authorization":
			auth = true
		case star && !r.Credentials:
			// Covered by the wildcard.
		case star:
			literal = append(literal, name)
		default:
			missing = append(missing, name)
		}
	}
	if auth {
		v.block("Access-Control-Allow-Headers is *, but * never covers Authorization: browsers require it by name.",
			"list it by name: Access-Control-Allow-Headers: Authorization, *.")
	}
	if len(literal) > 0 {
		v.block(f("Access-Control-Allow-Headers is *, but with credentials browsers read * as a header literally named \"*\", so %s %s not allowed.", strings.Join(literal, ", "), isAre(len(literal))),
			f("list %s by name, or echo the preflight's Access-Control-Request-Headers.", canonicalList(literal)))
	}
	if len(missing) == 0 {
		return
	}
	if !present {
		v.block(f("The preflight response has no Access-Control-Allow-Headers, but the request sets %s.", strings.Join(missing, ", ")),
			f("send Access-Control-Allow-Headers: %s (corskit: the allowedHeaders option).", canonicalList(missing)))
		return
	}
	v.block(f("Access-Control-Allow-Headers (%s) does not include %s.", strings.Join(names, ", "), strings.Join(missing, ", ")),
		f("add %s to it (corskit: the allowedHeaders option); names are case-insensitive.", canonicalList(missing)))
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func canonicalList(names []string) string {
	c := make([]string, len(names))
	for i, n := range names {
		c[i] = http.CanonicalHeaderKey(n)
	}
	return strings.Join(c, ", ")
}

// safelistedResponse holds the CORS-safelisted response-header names, which
// scripts can always read.
var safelistedResponse = map[string]bool{
	"Cache-Control":    true,
	"Content-Language": true,
	"Content-Length":   true,
	"Content-Type":     true,
	"Expires":          true,
	"Last-Modified":    true,
	"Pragma":           true,
}

// Actual judges the response to the actual request r: the CORS check, which
// response headers the script can read, and the warnings that matter, such
// as an echoed origin without Vary: Origin.
func Actual(r Request, status int, h http.Header) Verdict {
	var v Verdict
	corsCheck(&v, r, h)
	commonWarnings(&v, r, h)

	acao, _ := get(h, allowOrigin)
	if acao != "*" && acao == r.Origin && !varies(h, "Origin") {
		v.warn("Access-Control-Allow-Origin echoes the origin, but Vary does not name Origin: a shared cache (CDN, proxy, browser cache) may hand this answer to another origin, or another origin's answer to this one.",
			"add Vary: Origin to every response whose CORS headers depend on the Origin header, including those to refused origins and to requests without Origin.")
	}

	exposed, _, bad := parseList(h, exposeHeaders)
	if bad != "" {
		line, _ := get(h, exposeHeaders)
		v.warn(f("Access-Control-Expose-Headers %q is not a comma-separated list of header names (%q is not one), so browsers expose nothing from it.", line, bad),
			"separate the names with commas.")
		exposed = nil
	}
	all := !r.Credentials && contains(exposed, "*")
	if r.Credentials && contains(exposed, "*") {
		v.warn("Access-Control-Expose-Headers is *, but with credentials browsers read * as a header literally named \"*\", so it exposes nothing.",
			"list the headers scripts need by name.")
	}
	if name, ok := containsFold(exposed, "Set-Cookie"); ok {
		v.warn(f("Access-Control-Expose-Headers lists %s, but browsers never let scripts read Set-Cookie.", name),
			"remove it; cookies reach the browser's cookie jar anyway.")
	}
	for name := range h {
		name = http.CanonicalHeaderKey(name)
		switch {
		case name == "Set-Cookie" || name == "Set-Cookie2":
			// Never readable, and not for lack of exposing.
		case strings.HasPrefix(name, "Access-Control-") || name == "Date" || name == "Vary":
			// Plumbing, left out to keep the lists short.
		case all || safelistedResponse[name]:
			v.Readable = append(v.Readable, name)
		default:
			if _, ok := containsFold(exposed, name); ok {
				v.Readable = append(v.Readable, name)
			} else {
				v.Hidden = append(v.Hidden, name)
			}
		}
	}
	sort.Strings(v.Readable)
	sort.Strings(v.Hidden)

	v.Allowed = len(v.Blocks) == 0
	if v.Allowed && (status < 200 || status > 299) {
		v.Notes = append(v.Notes, fmt.Sprintf("The server answered %d %s: CORS lets the script read it, so the error is the application's, not CORS's.", status, http.StatusText(status)))
	}
	if !v.Allowed {
		v.Readable, v.Hidden = nil, nil
	}
	return v
}

// Redirect judges a redirect response to the actual request: browsers apply
// the CORS check to it before they follow its Location.
func Redirect(r Request, status int, h http.Header) Verdict {
	var v Verdict
	corsCheck(&v, r, h)
	for i := range v.Blocks {
		reason := v.Blocks[i].Reason
		v.Blocks[i].Reason = fmt.Sprintf("The %d redirect itself fails the CORS check: ", status) +
			strings.ToLower(reason[:1]) + reason[1:]
	}
	v.Allowed = len(v.Blocks) == 0
	return v
}

// varies reports whether the Vary header names name (or is *).
func varies(h http.Header, name string) bool {
	for _, line := range h.Values("Vary") {
		for _, item := range strings.Split(line, ",") {
			item = strings.TrimSpace(item)
			if item == "*" || strings.EqualFold(item, name) {
				return true
			}
		}
	}
	return false
}

// Varies reports whether the Vary header of h names name (or is *), as a
// cache reads it.
func Varies(h http.Header, name string) bool {
	return varies(h, name)
}

// List returns the items of the comma-separated header name in every line
// of h, as browsers parse Access-Control-Allow-Methods and -Headers. ok is
// false when an item is not a token, which makes browsers reject the whole
// header.
func List(h http.Header, name string) (items []string, ok bool) {
	items, _, bad := parseList(h, name)
	return items, bad == ""
}

// Passes reports whether a response with headers h passes the CORS check
// for a request from origin, with or without credentials: whether a
// browser lets that origin's script read it.
func Passes(origin string, credentials bool, h http.Header) bool {
	var v Verdict
	corsCheck(&v, Request{Origin: origin, Method: http.MethodGet, Credentials: credentials}, h)
	return len(v.Blocks) == 0
}

// MaxAgeLimit is the longest time, in seconds, that any browser caches a
// preflight result (Firefox's cap; Chromium's is MaxAgeCap), and the most
// that corskit accepts for maxAge.
const MaxAgeLimit = 86400
