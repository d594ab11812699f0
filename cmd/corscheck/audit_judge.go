package main

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/corskit/corskit/cmd/corscheck/internal/check"
)

// A finding is one misconfiguration, with the request that showed it, the
// answer as evidence, and the fix.
type finding struct {
	Class          string            `json:"class"`
	Severity       string            `json:"severity"`
	Summary        string            `json:"summary"`
	Origin         string            `json:"origin"`
	Method         string            `json:"method"`
	URL            string            `json:"url"`
	RequestHeaders map[string]string `json:"requestHeaders"`
	Status         int               `json:"status"`
	Evidence       map[string]string `json:"evidence"`
	Fix            string            `json:"fix"`
	// Also lists the other requests that showed the same problem.
	Also []seen `json:"also,omitempty"`
}

// seen is a request that showed a finding, in short.
type seen struct {
	Method string `json:"method"`
	Origin string `json:"origin"`
	Status int    `json:"status"`
}

// Severities, most severe first.
var severities = []string{"high", "medium", "low", "info"}

// originClasses are the classes of untrusted origins a server allows, in
// the order the report lists them.
var originClasses = []string{
	classReflectAny, classNull, classPrefix, classSuffix, classUnescapedDot,
	classSpecialChars, classSharedHost, classHTTPDowngrade,
}

// classOrder is the order of all classes in the report, within a severity.
var classOrder = append(append([]string(nil), originClasses...),
	classWildcardCreds, classACAOOnError, classMissingVary, classHeadersCreds,
	classMethodsCreds, classRefusedCORS, classMaxAge)

func isOriginClass(kind string) bool { return indexOf(originClasses, kind) >= 0 }

// Response headers shown as evidence, in this order.
var evidenceHeaders = []string{
	"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
	"Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
	"Access-Control-Max-Age", "Access-Control-Expose-Headers",
	"Access-Control-Allow-Private-Network", "Vary", "Location",
}

// Request headers shown with a finding, in this order.
var requestHeaders = []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Cookie"}

// reflected reports whether the answer lets the probe's origin read it by
// name (not through *): Access-Control-Allow-Origin equals the origin, and
// for a preflight the status is 2xx.
func reflected(x *exchange) bool {
	if x.err != nil || x.origin == "" || (x.preflight() && !x.ok()) {
		return false
	}
	return x.header.Get("Access-Control-Allow-Origin") != "*" && check.Passes(x.origin, false, x.header)
}

// withCredentials reports whether the answer also lets the origin read it
// with the visitor's cookies.
func withCredentials(x *exchange) bool {
	return reflected(x) && check.Passes(x.origin, true, x.header)
}

// judge turns the exchanges of an audit into findings and notes.
func judge(p *plan, xs []*exchange) ([]finding, []string) {
	notes := append([]string(nil), p.notes...)
	base := xs[0]

	// Which untrusted origins the server allows, by class.
	allowed := map[string][]*exchange{}
	var errorReads []*exchange
	for _, x := range xs {
		if x.err != nil || (!isOriginClass(x.kind) && x.kind != kindSibling) {
			continue
		}
		if !x.preflight() && x.status >= 300 && base.ok() {
			// Refused with an error status, where a request without
			// Origin succeeds: not allowed, but a problem if the browser
			// still lets the origin read the refusal.
			if check.Passes(x.origin, false, x.header) {
				errorReads = append(errorReads, x)
			}
			continue
		}
		if reflected(x) {
			allowed[x.kind] = append(allowed[x.kind], x)
		}
	}

	// One finding per cause: the probes that a broader finding explains
	// are listed with it. An echo of any origin explains them all; a
	// suffix check explains the unescaped dot (its probe ends with the same
	// domain), plain http and the sibling; a prefix check explains the
	// special characters (their probes start with the trusted host).
	kinds := append(append([]string(nil), originClasses...), kindSibling)
	into := map[string]string{}
	switch {
	case len(allowed[classReflectAny]) > 0:
		for _, c := range kinds[1:] {
			into[c] = classReflectAny
		}
	default:
		if len(allowed[classSuffix]) > 0 {
			into[classUnescapedDot], into[classHTTPDowngrade], into[kindSibling] = classSuffix, classSuffix, classSuffix
		}
		if len(allowed[classPrefix]) > 0 {
			into[classSpecialChars] = classPrefix
		}
	}
	var fs []finding
	for _, c := range originClasses {
		if len(allowed[c]) == 0 || into[c] != "" {
			continue
		}
		var more []*exchange
		for _, k := range kinds {
			if into[k] == c {
				more = append(more, allowed[k]...)
			}
		}
		fs = append(fs, originFinding(p, c, allowed[c], more))
	}
	if sib := allowed[kindSibling]; len(sib) > 0 && into[kindSibling] == "" {
		notes = append(notes, fmt.Sprintf("%s, another subdomain of %s, is allowed: the server matches a subdomain pattern such as %s://*.%s. "+
			"That is the policy working as configured, not a finding. The pattern trusts every subdomain of %[2]s: "+
			"keep user content and dangling DNS records (subdomain takeover) off them.", sib[0].origin, p.rd, schemeOf(sib[0].origin), p.rd))
	}

	fs = append(fs, otherFindings(xs, errorReads)...)
	sort.SliceStable(fs, func(i, j int) bool {
		si, sj := indexOf(severities, fs[i].Severity), indexOf(severities, fs[j].Severity)
		if si != sj {
			return si < sj
		}
		return indexOf(classOrder, fs[i].Class) < indexOf(classOrder, fs[j].Class)
	})
	return fs, append(notes, otherNotes(p, xs)...)
}

// originFinding reports that the server allows untrusted origins of class
// c: group shows it, more are the probes it explains besides.
func originFinding(p *plan, c string, group, more []*exchange) finding {
	creds := false
	for _, x := range append(append([]*exchange(nil), group...), more...) {
		creds = creds || withCredentials(x)
	}
	sev := "medium"
	switch {
	case c == classHTTPDowngrade && creds:
		sev = "medium"
	case c == classHTTPDowngrade:
		sev = "low"
	case creds:
		sev = "high"
	}
	group = byEvidence(group)
	x := group[0]
	f := newFinding(c, sev, x, append(group[1:], more...))

	reads := "Without Access-Control-Allow-Credentials, that site's scripts can read whatever the visitor's browser fetches " +
		"without cookies (intranet and IP-restricted APIs included)."
	if creds {
		reads = "The answer carries Access-Control-Allow-Credentials: true, so that site's scripts can read the API's answers " +
			"as the signed-in visitor."
	}
	list := fmt.Sprintf("List the front ends that may call the API and compare the whole Origin header with that list, byte for byte "+
		"(corskit: allowedOrigins, e.g. [%q]); for subdomains, use a pattern that matches whole labels "+
		"(corskit: %q), never a prefix, suffix or regular expression.", p.guess, "https://*."+p.rd)
	host := hostOf(x.origin)
	switch c {
	case classReflectAny:
		f.Summary = fmt.Sprintf("The server allows %s, an origin no policy means to trust: it echoes whatever Origin arrives. %s", x.origin, reads)
		f.Fix = "Stop echoing the Origin header. " + list
	case classNull:
		f.Summary = "The server allows Origin: null, which any site can send from a sandboxed iframe or a data: URL. " + reads
		f.Fix = "Remove null from the allowed origins (corskit refuses \"null\" in allowedOrigins; check AllowOriginFunc too). " +
			"A page that sends null needs a real origin: serve it over https instead of from a file or a sandboxed iframe."
	case classPrefix:
		f.Summary = fmt.Sprintf("The server allows %s: it checks that the origin begins with the trusted one, and anyone can register %s. %s",
			x.origin, registrableDomain(host), reads)
		f.Fix = "Compare the whole origin, not its beginning. " + list
	case classSuffix:
		f.Summary = fmt.Sprintf("The server allows %s: it checks that the origin ends with %s, and anyone can register %s. %s",
			x.origin, p.rd, registrableDomain(host), reads)
		f.Fix = "Compare whole labels and the scheme, not the end of the string. " + list
	case classUnescapedDot:
		f.Summary = fmt.Sprintf("The server allows %s: it matches origins with a regular expression whose dots are not escaped, "+
			"so a dot matches any character, and anyone can register %s. %s", x.origin, registrableDomain(host), reads)
		f.Fix = "Escape every dot and anchor the expression (^https://app\\.example\\.com$), or better, drop the regular expression. " + list
	case classSpecialChars:
		f.Summary = fmt.Sprintf("The server allows %s, a host under %s: its origin check stops at a character that browsers accept "+
			"in a host name (_ in Chrome and Firefox; ` ! } and others in Safari). %s", x.origin, registrableDomain(host), reads)
		f.Fix = "Do not parse the Origin header to pick out a host; compare it whole. " + list
	case classSharedHost:
		shared := sharedSuffix(host)
		f.Summary = fmt.Sprintf("The server allows %s, a site on %s, where anyone can publish one: it trusts every tenant of a shared host. %s",
			x.origin, shared, reads)
		f.Fix = fmt.Sprintf("Allow your own site on %s by its exact origin, never the whole domain (corskit: allowedOrigins; "+
			"corskit refuses a pattern such as https://*.%[1]s together with allowCredentials).", shared)
	case classHTTPDowngrade:
		f.Summary = fmt.Sprintf("The server allows %s, the trusted origin over plain http: anyone on the visitor's network "+
			"(public Wi-Fi, a hostile router) can inject a script into that origin. %s", x.origin, reads)
		f.Fix = "Allow the https origin only (corskit: allowedOrigins; a pattern names its scheme, so https://*." + p.rd +
			" never matches http), and serve the front end over https only, with HSTS."
	}
	return f
}

// otherFindings finds the classes that are not about which origin is
// allowed.
func otherFindings(xs []*exchange, errorReads []*exchange) []finding {
	var wildcard, noVary, hdrs, mths, maxAge, refused []*exchange
	for _, x := range xs {
		if x.err != nil {
			continue
		}
		h := x.header
		acac := h.Get("Access-Control-Allow-Credentials") == "true"
		if acao := h.Values("Access-Control-Allow-Origin"); len(acao) == 1 && acao[0] == "*" && acac && (!x.preflight() || x.ok()) {
			wildcard = append(wildcard, x)
		}
		if !x.preflight() && reflected(x) && !check.Varies(h, "Origin") {
			noVary = append(noVary, x)
		}
		if !x.preflight() {
			continue
		}
		if x.ok() && acac {
			if items, _ := check.List(h, "Access-Control-Allow-Headers"); hasAny(items, "*", probeHeader) {
				hdrs = append(hdrs, x)
			}
			if items, _ := check.List(h, "Access-Control-Allow-Methods"); hasAny(items, "*", probeMethod) {
				mths = append(mths, x)
			}
		}
		if s := strings.TrimSpace(h.Get("Access-Control-Max-Age")); s != "" {
			if n, err := strconv.Atoi(s); err == nil && n > check.MaxAgeLimit {
				maxAge = append(maxAge, x)
			}
		}
		if !x.ok() && len(allowHeaderNames(h)) > 0 {
			refused = append(refused, x)
		}
	}

	var fs []finding
	if len(wildcard) > 0 {
		w := byEvidence(wildcard)
		f := newFinding(classWildcardCreds, "low", w[0], w[1:])
		f.Summary = "Access-Control-Allow-Origin: * comes with Access-Control-Allow-Credentials: true. Browsers refuse this pair " +
			"on calls with credentials, so nothing leaks today, but the front end's credentialed calls fail, and the usual quick " +
			"fix, echoing the Origin, would let every site read the answers as the signed-in visitor."
		f.Fix = "For a public API, drop Access-Control-Allow-Credentials (corskit: allowedOrigins [\"*\"] with allowCredentials false). " +
			"For a front end that sends cookies, list its origin (corskit: allowedOrigins) and keep allowCredentials true; " +
			"corskit refuses * together with credentials."
		fs = append(fs, f)
	}
	if len(errorReads) > 0 {
		e := byEvidence(errorReads)
		x := e[0]
		f := newFinding(classACAOOnError, "low", x, e[1:])
		f.Summary = fmt.Sprintf("The server refused %s with %s, yet the answer carries Access-Control-Allow-Origin: %s, so the browser "+
			"lets that origin's scripts read it. The CORS headers are added apart from the decision: by a proxy, an error handler, "+
			"or a CORS layer that runs before the check.", x.origin, statusText(x.status), x.header.Get("Access-Control-Allow-Origin"))
		f.Fix = "Add CORS headers only for allowed origins, after the decision, and keep proxies and error pages from adding their " +
			"own (corskit sends no Access-Control-* header to a refused origin)."
		fs = append(fs, f)
	}
	if len(noVary) > 0 {
		n := byEvidence(noVary)
		for i, x := range n { // the trusted origin's answer is the plainest evidence
			if x.kind == kindTrusted {
				n[0], n[i] = n[i], n[0]
				break
			}
		}
		x := n[0]
		f := newFinding(classMissingVary, "low", x, n[1:])
		f.Summary = fmt.Sprintf("Access-Control-Allow-Origin echoes %s, but Vary does not name Origin: a shared cache (CDN, proxy, "+
			"the browser's own cache) may store this answer and hand it to a request from another origin, or another "+
			"origin's answer to this one.", x.origin)
		f.Fix = "Add Vary: Origin to every response whose CORS headers depend on the Origin header, including the answers to " +
			"refused origins and to requests without Origin (corskit adds it to every response unless the policy is a plain *)."
		fs = append(fs, f)
	}
	if len(hdrs) > 0 {
		x := preferKind(hdrs, kindPolicyHdr)
		f := newFinding(classHeadersCreds, "low", x[0], x[1:])
		f.Summary = wildcardSummary(x[0], "Access-Control-Allow-Headers", "header", strings.ToLower(probeHeader))
		f.Fix = "List the request headers the front end sends (corskit: allowedHeaders, e.g. [\"Content-Type\", \"Authorization\"]); " +
			"with allowCredentials, corskit's \"*\" echoes whatever a preflight asks for, so name them instead."
		fs = append(fs, f)
	}
	if len(mths) > 0 {
		x := preferKind(mths, kindPolicyMth)
		f := newFinding(classMethodsCreds, "low", x[0], x[1:])
		f.Summary = wildcardSummary(x[0], "Access-Control-Allow-Methods", "method", probeMethod)
		f.Fix = "List the methods the front end uses (corskit: allowedMethods, e.g. [\"GET\", \"POST\", \"PUT\", \"DELETE\"]); " +
			"with allowCredentials, corskit's \"*\" echoes whatever a preflight asks for, so name them instead."
		fs = append(fs, f)
	}
	if len(refused) > 0 {
		r := byEvidence(refused)
		x := r[0]
		f := newFinding(classRefusedCORS, "low", x, r[1:])
		f.Summary = fmt.Sprintf("A preflight was refused with %s, yet the answer carries %s. Browsers fail a preflight that is not "+
			"2xx whatever its headers, so this allows nothing today, but the CORS headers are set apart from the decision "+
			"(often by a proxy or a second CORS layer): a change of status would turn the refusal into a permission.",
			statusText(x.status), strings.Join(allowHeaderNames(x.header), ", "))
		f.Fix = "Send no Access-Control-Allow-* header on a refused preflight, and let one layer own CORS " +
			"(corskit answers a refused preflight 403 with Vary only)."
		fs = append(fs, f)
	}
	if len(maxAge) > 0 {
		m := byEvidence(maxAge)
		x := m[0]
		f := newFinding(classMaxAge, "info", x, m[1:])
		f.Summary = fmt.Sprintf("Access-Control-Max-Age is %s seconds, more than %d (a day). Firefox caches a preflight for at most a "+
			"day and Chromium for two hours, so the value does not do what it says; a long cache also keeps a withdrawn "+
			"permission alive in browsers.", x.header.Get("Access-Control-Max-Age"), check.MaxAgeLimit)
		f.Fix = fmt.Sprintf("Send %d or less (corskit: maxAge; corskit refuses more than %d).", check.MaxAgeCap, check.MaxAgeLimit)
		fs = append(fs, f)
	}
	return fs
}

// wildcardSummary explains an Allow-Methods or Allow-Headers answer that
// allows anything on a credentialed call.
func wildcardSummary(x *exchange, header, what, probe string) string {
	v := strings.Join(x.header.Values(header), ", ")
	items, _ := check.List(x.header, header)
	if hasAny(items, "*") {
		return fmt.Sprintf("%s is %q together with Access-Control-Allow-Credentials: true. On credentialed calls browsers read * "+
			"as a %s literally named \"*\", so those calls fail, and the usual repair, echoing whatever the preflight asks for, "+
			"allows any %[3]s on calls made with the visitor's cookies.", header, v, what)
	}
	return fmt.Sprintf("The preflight asked for %s, a %s no policy lists, and the answer allows it (%s: %s) with "+
		"Access-Control-Allow-Credentials: true: the server echoes whatever %[2]s is asked for on credentialed calls.", probe, what, header, v)
}

// otherNotes are plain facts worth knowing, not findings.
func otherNotes(p *plan, xs []*exchange) []string {
	var notes []string
	base := xs[0]
	if !base.ok() {
		notes = append(notes, fmt.Sprintf("Without an Origin header the URL answers %s: audit a URL that answers 2xx, "+
			"so that the probes reach real data.", statusText(base.status)))
	}
	public := false
	offOrigin := map[string]bool{}
	for _, x := range xs {
		if x.err != nil {
			continue
		}
		if x.kind == kindTrusted && !x.preflight() && !reflected(x) && x.header.Get("Access-Control-Allow-Origin") != "*" {
			notes = append(notes, fmt.Sprintf("The trusted origin %s was not allowed on GET (%s, no matching Access-Control-Allow-Origin): "+
				"check -origin, and that CORS runs for this path. The findings stand either way.", x.origin, statusText(x.status)))
		}
		if !x.preflight() && x.header.Get("Access-Control-Allow-Origin") == "*" && x.header.Get("Access-Control-Allow-Credentials") != "true" {
			public = true
		}
		if x.offOrigin != "" && !offOrigin[x.offOrigin] {
			offOrigin[x.offOrigin] = true
			notes = append(notes, fmt.Sprintf("GET was redirected to %s, on another origin, and the redirect was not followed: "+
				"audit that URL directly.", x.offOrigin))
		}
	}
	if public {
		notes = append(notes, "The server answers Access-Control-Allow-Origin: * without credentials: any site can read those answers, "+
			"as a public API intends. Keep private and intranet-only data off such endpoints.")
	}
	return notes
}

// newFinding fills in the request and the evidence of x.
func newFinding(class, severity string, x *exchange, also []*exchange) finding {
	f := finding{
		Class:          class,
		Severity:       severity,
		Origin:         x.origin,
		Method:         x.method,
		URL:            x.finalURL,
		RequestHeaders: map[string]string{},
		Status:         x.status,
		Evidence:       map[string]string{},
	}
	for _, name := range requestHeaders {
		if v := x.reqHeader.Get(name); v != "" {
			f.RequestHeaders[name] = v
		}
	}
	for _, name := range evidenceHeaders {
		if vs := x.header.Values(name); len(vs) > 0 {
			f.Evidence[name] = strings.Join(vs, ", ")
		}
	}
	for _, a := range byEvidence(also) {
		f.Also = append(f.Also, seen{Method: a.method, Origin: a.origin, Status: a.status})
	}
	return f
}

// byEvidence orders exchanges so that the plainest evidence comes first:
// one with credentials, then an actual request before a preflight.
func byEvidence(xs []*exchange) []*exchange {
	out := append([]*exchange(nil), xs...)
	rank := func(x *exchange) int {
		r := 0
		if !withCredentials(x) {
			r += 2
		}
		if x.preflight() {
			r++
		}
		return r
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

// preferKind puts the first exchange of kind first.
func preferKind(xs []*exchange, kind string) []*exchange {
	out := append([]*exchange(nil), xs...)
	for i, x := range out {
		if x.kind == kind {
			copy(out[1:i+1], out[:i])
			out[0] = x
			break
		}
	}
	return out
}

// allowHeaderNames returns the Access-Control-Allow-* headers of h, sorted.
func allowHeaderNames(h http.Header) []string {
	var names []string
	for name := range h {
		if strings.HasPrefix(http.CanonicalHeaderKey(name), "Access-Control-Allow-") {
			names = append(names, http.CanonicalHeaderKey(name))
		}
	}
	sort.Strings(names)
	return names
}

func hasAny(items []string, want ...string) bool {
	for _, it := range items {
		for _, w := range want {
			if strings.EqualFold(it, w) {
				return true
			}
		}
	}
	return false
}

func statusText(status int) string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", status, http.StatusText(status)))
}

// hostOf returns the host of an origin, without port.
func hostOf(origin string) string {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		// Origins with special characters do not parse; take what lies
		// between :// and the port.
		_, rest, _ := strings.Cut(origin, "://")
		host, _, _ := strings.Cut(rest, ":")
		return host
	}
	return u.Hostname()
}

func schemeOf(origin string) string {
	scheme, _, _ := strings.Cut(origin, "://")
	return scheme
}
