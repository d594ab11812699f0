package corstest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/corskit/corskit/core"
)

// The origin-bypass corpus: every known way of slipping a hostile page's
// origin past an allow-list, sent to three policies (exact origins, a
// subdomain pattern, an AllowOriginFunc), each as an actual request and
// as a preflight. Every row says why it must be refused, or, for the few
// origins the policy truly allows, why it must be allowed.

// The policies the corpus attacks, by the name a Bypass gives. All three
// allow credentials, where a bypass costs most: the attacker's page reads
// a signed-in user's answers.
const (
	// BypassExact lists exact origins: an https site, an http site on the
	// default port, IPv4 and IPv6 loopback addresses, and a punycode host.
	BypassExact = "exact"
	// BypassPattern allows https://*.example.com, every subdomain of
	// example.com over https on the default port.
	BypassPattern = "pattern"
	// BypassFunc allows what a careless AllowOriginFunc allows: anything
	// that starts with "https://" and ends with ".example.com". That is
	// right for every well-formed origin and wrong for many malformed
	// ones, so the corpus shows the core never hands it what no browser
	// sends.
	BypassFunc = "func"
)

// BypassPolicy returns the named policy of the corpus.
func BypassPolicy(name string) core.Policy {
	p := core.Policy{
		AllowedHeaders:   []string{"Content-Type"},
		ExposedHeaders:   []string{"X-Total-Count"},
		AllowCredentials: true,
		MaxAge:           600,
	}
	switch name {
	case BypassExact:
		p.AllowedOrigins = []string{
			"https://example.com",
			"http://example.org",
			"http://127.0.0.1:8080",
			"http://[0:0:0:0:0:0:0:1]", // normalised to http://[::1], as browsers send it
			"https://xn--bcher-kva.example",
		}
	case BypassPattern:
		p.AllowedOrigins = []string{"https://*.example.com"}
	case BypassFunc:
		p.AllowOriginFunc = func(o string) bool {
			return strings.HasPrefix(o, "https://") && strings.HasSuffix(o, ".example.com")
		}
	default:
		panic("corstest: no bypass policy " + strconv.Quote(name))
	}
	return p
}

// Bypass is one origin sent to one policy of the corpus.
type Bypass struct {
	Policy string   // BypassExact, BypassPattern or BypassFunc
	Origin []string // the Origin header lines as sent, usually one
	// Allowed is true for the few origins the policy truly allows.
	Allowed bool
	// Why says why the answer must be what Allowed says.
	Why string
}

// Name identifies b in test output: its policy and its Origin lines,
// quoted, with long values clipped.
func (b Bypass) Name() string {
	quoted := make([]string, len(b.Origin))
	for i, o := range b.Origin {
		if len(o) > 60 {
			quoted[i] = strconv.Quote(o[:40]) + fmt.Sprintf("...(%d bytes)", len(o))
			continue
		}
		quoted[i] = strconv.Quote(o)
	}
	return b.Policy + " " + strings.Join(quoted, " + ")
}

// Bypass requests: an actual GET, and a preflight for a PUT with a
// Content-Type header, which each policy allows from an allowed origin.
const (
	bypassMethod        = "PUT"
	bypassHeaders       = "content-type"
	bypassAllowMethods  = defaultMethods
	bypassAllowHeaders  = "content-type"
	bypassMaxAge        = "600"
	bypassExposeHeaders = "X-Total-Count"
)

// cases returns b as an actual request and as a preflight, with the
// answers the README's Behaviour on the wire requires: from a refused origin no
// Access-Control-* header at all and Vary: Origin, the handler running
// for the actual request and a 403 for the preflight; from an allowed
// origin the origin echoed with the policy's headers.
func (b Bypass) cases() []Case {
	p := BypassPolicy(b.Policy)
	h := http.Header{"Origin": append([]string(nil), b.Origin...)}
	actual := Case{Name: "actual " + b.Name(), Policy: p, Method: "GET", Header: h,
		Status: HandlerStatus, Next: true, Want: map[string]string{}, WantVary: vary(varyOrigin)}
	pre := Case{Name: "preflight " + b.Name(), Policy: p, Method: "OPTIONS", Header: h.Clone(),
		Status: 403, Next: false, Want: map[string]string{}, WantVary: vary(varyPreflight)}
	pre.Header.Set("Access-Control-Request-Method", bypassMethod)
	pre.Header.Set("Access-Control-Request-Headers", bypassHeaders)
	if b.Allowed {
		o := strings.Trim(b.Origin[0], " \t")
		actual.Want = map[string]string{acao: o, acac: "true", aceh: bypassExposeHeaders}
		pre.Status = 204
		pre.Want = map[string]string{acao: o, acac: "true", acam: bypassAllowMethods,
			acah: bypassAllowHeaders, acma: bypassMaxAge}
	}
	return []Case{actual, pre}
}

// bypassCases returns every row of bypassRows as its two cases.
func bypassCases() []Case {
	var cases []Case
	for _, b := range bypassRows() {
		cases = append(cases, b.cases()...)
	}
	return cases
}

// runBypass sends every row of the corpus through target, as an actual
// request and as a preflight, each a subtest, and reports a wrong answer
// with the row's reason.
func runBypass(t *testing.T, target Target) {
	t.Helper()
	for _, b := range bypassRows() {
		b := b
		for _, c := range b.cases() {
			c := c
			t.Run(c.Name, func(t *testing.T) {
				e, err := core.New(c.Policy)
				if err != nil {
					t.Fatalf("policy refused: %v", err)
				}
				resp := target(t, e)(c.Request())
				defer resp.Body.Close()
				if err := c.Check(resp); err != nil {
					verdict := "refused"
					if b.Allowed {
						verdict = "allowed"
					}
					t.Errorf("%v\nmust be %s: %s", err, verdict, b.Why)
				}
			})
		}
	}
}

// afterHost are characters that are not part of a host name, put right
// after an allowed host: a prefix check, a regex anchored at the start
// only, or a parser that stops at the first odd byte reads the allowed
// host, while the browser (Safari once accepted some of them in host
// names) talks to the attacker's domain that follows.
var afterHost = []string{
	"`", "%60", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=",
	"{", "}", "|", "~", "\"", "<", ">", "^", "\\", "/", "?", "#", "@", ":", "%",
	"%0d%0a", "\r\n", "%00", "\x00", "%2e", "%2f", " ", "\t",
}

// bypassRows returns the corpus, a fresh copy on each call.
func bypassRows() []Bypass {
	var rows []Bypass
	add := func(policy string, allowed bool, why string, origins ...string) {
		for _, o := range origins {
			rows = append(rows, Bypass{Policy: policy, Origin: []string{o}, Allowed: allowed, Why: why})
		}
	}
	lines := func(policy, why string, origin ...string) {
		rows = append(rows, Bypass{Policy: policy, Origin: origin, Why: why})
	}
	const (
		exact   = BypassExact
		pattern = BypassPattern
		fn      = BypassFunc
		allow   = true
		refuse  = false
	)
	label63 := strings.Repeat("a", 63)
	label64 := strings.Repeat("a", 64)
	// host253 and host254 end in .example.com and are one octet on
	// either side of the 253-octet limit of a DNS name.
	host253 := label63 + "." + label63 + "." + label63 + "." + strings.Repeat("b", 49) + ".example.com"
	host254 := "c" + host253

	// What each policy truly allows.
	add(exact, allow, "listed exactly, as a browser serialises it", "https://example.com", "http://127.0.0.1:8080")
	add(exact, allow, "listed as http://example.org; a browser leaves the default port out too", "http://example.org")
	add(exact, allow, "listed as http://[0:0:0:0:0:0:0:1]: configured origins are normalised to the compressed form browsers send", "http://[::1]")
	add(exact, allow, "the punycode host is listed exactly, and it is the form browsers send for bücher.example", "https://xn--bcher-kva.example")
	add(exact, allow, "spaces and tabs around a header value are not part of it (RFC 9110 5.5), and servers strip them: what remains is the listed origin", " \thttps://example.com\t ")
	add(pattern, allow, "a subdomain on the pattern's scheme and default port", "https://a.example.com")
	add(pattern, allow, "a subdomain at any depth: only example.com's DNS can name it", "https://a.b.c.example.com")
	add(pattern, allow, "'_' is a host character browsers accept, and a_b is still a label under example.com", "https://a_b.example.com")
	add(pattern, allow, "a punycode label under example.com is a subdomain like any other: the pattern lists it", "https://xn--80ak6aa92e.example.com")
	add(pattern, allow, "a 63-octet label is the longest a DNS name may have (RFC 1035)", "https://"+label63+".example.com")
	add(pattern, allow, "a 253-octet host is the longest a DNS name may be (RFC 1035)", "https://"+host253)
	add(fn, allow, "well-formed, and the function allows it", "https://a.example.com")
	add(fn, allow, "well-formed: evil.com_ is just a label under example.com, which only example.com's DNS can name, so the function rightly allows it", "https://evil.com_.example.com")

	// Suffix and prefix look-alikes.
	add(exact, refuse, "the attacker's domain starting with the allowed host: a prefix check (strings.HasPrefix, an unanchored regex) accepts it", "https://example.com.evil.com")
	add(exact, refuse, "another domain ending with the allowed host: a suffix check without the leading dot accepts it", "https://evilexample.com", "https://notexample.com")
	add(exact, refuse, "a prefix of the allowed origin: a check that the entry starts with the request accepts it", "https://example.co")
	add(exact, refuse, "another registrable domain that extends the allowed host", "https://example.com.br", "https://example.comevil.com")
	add(exact, refuse, "a subdomain, which the policy does not list: subdomains can belong to others (user pages, a forgotten CNAME)", "https://www.example.com")
	add(pattern, refuse, "the apex is not a subdomain: a pattern never matches it, list it on its own if it is meant", "https://example.com")
	add(pattern, refuse, "another domain ending with the apex: the pattern needs a whole label before .example.com", "https://evilexample.com", "https://notexample.com", "https://a.notexample.com")
	add(pattern, refuse, "the attacker's domain starting with the apex or a subdomain", "https://example.com.evil.com", "https://a.example.com.evil.com")
	add(pattern, refuse, "a truncated suffix: another top-level domain", "https://a.example.co")

	// Regexes with an unescaped dot, such as ^https://example.com$ or
	// ^https://.*.example.com$, where "." matches any character.
	add(exact, refuse, "what an unescaped dot in a regex matches: not a listed origin (and upper case, which browsers never send)", "https://exampleXcom")
	add(exact, refuse, "what an unescaped dot in a regex matches: a single-label host, not the listed one", "https://examplexcom", "https://example-com")
	add(pattern, refuse, "what .*.example.com matches when its dots are unescaped: no label boundary before example.com", "https://evil-example.com", "https://evilxexample.com", "https://a.examplexcom")

	// Schemes.
	add(exact, refuse, "scheme downgrade: anyone on the network path can inject script into an http page, so it must not read answers meant for the https origin", "http://example.com")
	add(exact, refuse, "WebSocket schemes are not the page's origin: browsers send the page's origin, never ws or wss", "ws://example.com", "wss://example.com")
	add(exact, refuse, "another scheme is another origin: the policy lists http://example.org only", "https://example.org", "https://127.0.0.1:8080", "ftp://example.com")
	add(exact, refuse, "browsers send null for file: pages, never a file: origin; this has no host", "file://", "file:///etc/passwd")
	add(exact, refuse, "browsers send the inner origin of a blob: URL, never the blob: form", "blob:https://example.com")
	add(exact, refuse, "browsers lower-case the scheme: upper case comes from a hand-made request", "HTTPS://example.com", "Https://example.com")
	add(exact, refuse, "not scheme://host: a lenient URL parser fills in the rest, a browser never sends it", "https:example.com", "https:/example.com", "https:///example.com", "//example.com", "example.com", "https//example.com")
	add(pattern, refuse, "scheme downgrade of the https pattern: a network attacker owns every http page", "http://a.example.com")
	add(pattern, refuse, "WebSocket schemes are not the page's origin", "ws://a.example.com", "wss://a.example.com")

	// null.
	add(exact, refuse, "null is the origin of sandboxed iframes, file: pages, data: URLs and cross-origin redirects: any attacker can produce it", "null")
	add(exact, refuse, "null in another case: browsers send it lower-case, and it must not be mistaken for a host", "NULL", "Null")
	add(pattern, refuse, "null is anyone's origin", "null")
	add(fn, refuse, "null is anyone's origin, and never reaches the function", "null")

	// User info.
	add(exact, refuse, "URL parsers read example.com as the user name and evil.com as the host; a prefix check reads example.com", "https://example.com@evil.com", "https://example.com:443@evil.com")
	add(exact, refuse, "browsers never send user info in an Origin: only a hand-made request carries it", "https://user:pass@example.com", "https://evil.com@example.com")
	add(exact, refuse, "a percent-encoded @ is not a host character", "https://example.com%40evil.com")
	add(pattern, refuse, "the host is evil.com; a.example.com is the user name", "https://a.example.com@evil.com")
	add(pattern, refuse, "browsers never send user info, though a.example.com is the host here: only a hand-made request carries it", "https://evil.com@a.example.com")
	add(fn, refuse, "the host is a.example.com, but browsers never send user info: the function must not be asked", "https://evil.com@a.example.com")

	// Characters after the host.
	for _, c := range afterHost {
		what := strconv.Quote(c) + " after the host"
		add(exact, refuse, what+": a prefix check reads example.com, but the host a URL parser finds is not the listed one", "https://example.com"+c+".evil.com")
		add(pattern, refuse, what+": a contains or prefix check sees a.example.com, while the name ends in the attacker's evil.com", "https://a.example.com"+c+".evil.com")
		add(fn, refuse, what+": the careless function sees .example.com at the end and would say yes, so the core must refuse before asking it", "https://evil.com"+c+".example.com")
	}
	add(exact, refuse, "'_' is a host character, so example.com_.evil.com is a well-formed name under evil.com: not listed", "https://example.com_.evil.com")
	add(pattern, refuse, "'_' is a host character, so this is a well-formed name under evil.com", "https://a.example.com_.evil.com")
	add(exact, refuse, "a character at the very end is still part of the value: no browser sends it", "https://example.com`", "https://example.com%60", "https://example.com!", "https://example.com$", "https://example.com;", "https://example.com\x00")
	add(exact, refuse, "a tab or space inside the value is not white space around it", "https://exam\tple.com", "https://exam ple.com")

	// Trailing dot.
	add(exact, refuse, "a trailing dot names the same DNS host but another origin, which browsers keep as given: the page at example.com. is not the listed one", "https://example.com.", "https://example.com..", "http://example.org.")
	add(pattern, refuse, "a trailing dot is another origin, never sent for the subdomain itself", "https://a.example.com.")

	// Case.
	add(exact, refuse, "browsers lower-case the host: upper case comes from a hand-made request, and folding it would mean normalising what the attacker controls", "https://EXAMPLE.COM", "https://Example.com", "https://example.COM", "HTTPS://EXAMPLE.COM")
	add(exact, refuse, "the punycode prefix in upper case: browsers send xn-- in lower case", "https://XN--BCHER-KVA.example")
	add(pattern, refuse, "upper case in a subdomain or the suffix: browsers never send it", "https://A.example.com", "https://a.EXAMPLE.com", "HTTPS://A.EXAMPLE.COM")

	// Ports.
	add(exact, refuse, "an explicit default port: browsers leave it out, so this is a hand-made request", "https://example.com:443", "http://example.org:80", "http://[::1]:80")
	add(exact, refuse, "a port with leading zeros: browsers write ports without them", "https://example.com:0443", "https://example.com:00443", "http://127.0.0.1:08080")
	add(exact, refuse, "another port is another origin: another server on the same host", "https://example.com:8443", "http://127.0.0.1:8081", "http://127.0.0.1", "http://[::1]:8080")
	add(exact, refuse, "not a port from 1 to 65535", "https://example.com:", "https://example.com:0", "https://example.com:65536", "https://example.com:99999",
		"https://example.com:-443", "https://example.com:+443", "https://example.com:0x1bb", "https://example.com: 443", "https://example.com:44 3",
		"http://127.0.0.1:80800", "http://127.0.0.1:8080:8080")
	add(pattern, refuse, "an explicit default port on a subdomain: never sent by a browser", "https://a.example.com:443")
	add(pattern, refuse, "another port is another origin; the pattern names the default port", "https://a.example.com:8443", "https://a.example.com:0443")

	// IPv4 literals in other forms. Resolvers and URL parsers read most of
	// them as 127.0.0.1, but an Origin is compared as the browser
	// serialised it (dotted decimal), and none of these is that.
	add(exact, refuse, "127.0.0.1 in another notation (decimal, hex, octal, short or zero-padded): a browser would have sent 127.0.0.1", "http://2130706433:8080", "http://0x7f000001:8080",
		"http://0x7f.0.0.1:8080", "http://0177.0.0.1:8080", "http://017700000001:8080", "http://127.1:8080", "http://127.0.1:8080", "http://127.000.000.001:8080")
	add(exact, refuse, "a trailing dot after an IPv4 address", "http://127.0.0.1.:8080")
	add(exact, refuse, "the same machine under another name is another origin", "http://localhost:8080")
	add(exact, refuse, "IPv4-mapped IPv6 literals are other origins than 127.0.0.1, whether dotted (never sent) or as browsers write them", "http://[::ffff:127.0.0.1]:8080", "http://[::ffff:7f00:1]:8080")

	// IPv6 literals.
	add(exact, refuse, "::1 uncompressed or padded: browsers send the compressed form only", "http://[0:0:0:0:0:0:0:1]", "http://[::0:1]", "http://[0::1]", "http://[::0001]")
	add(exact, refuse, "a zone identifier never appears in an origin", "http://[::1%25lo]", "http://[::1%lo]")
	add(exact, refuse, "brackets missing, unbalanced or doubled", "http://::1", "http://[::1", "http://[::1]]", "http://[[::1]]", "http://::1]")
	add(exact, refuse, "something after the bracket other than a port", "http://[::1].evil.com", "http://[::1]@evil.com", "http://[::1]evil.com")
	add(exact, refuse, "another address: the unspecified address, an IPv4-compatible one", "http://[::]", "http://[::127.0.0.1]", "http://[::7f00:1]")
	add(exact, refuse, "not an IPv6 address", "http://[0:0:0:0:0:0:0:0:1]", "http://[::1::]", "http://[::g]")
	add(exact, refuse, "upper case in the scheme or the address", "HTTP://[::1]", "http://[::A]")

	// Overlong hosts: the suffix matches, but no DNS name has such a
	// label or length (RFC 1035), so no page can be served from it.
	add(exact, refuse, "a 64-octet label, over the 63 a DNS name allows", "https://"+label64+".example.com", "https://"+label64)
	add(pattern, refuse, "a 64-octet label, over the 63 a DNS name allows", "https://"+label64+".example.com")
	add(pattern, refuse, "a 254-octet host, over the 253 a DNS name allows", "https://"+host254)
	add(fn, refuse, "a 64-octet label: the function would say yes, but no browser can send it", "https://"+label64+".example.com")
	add(fn, refuse, "a 254-octet host: the function would say yes, but no browser can send it", "https://"+host254)

	// Unicode and punycode.
	add(exact, refuse, "a Unicode host: browsers send the punycode form (xn--bcher-kva), never raw UTF-8", "https://bücher.example")
	add(exact, refuse, "another punycode label is another domain: xn-- names match only when listed exactly", "https://xn--bcher-kvb.example", "https://xn--bcher-kva.example.evil.com")
	add(exact, refuse, "the punycode of a homograph of example.com (exämple.com, еxample.com with a Cyrillic е): its own registrable domain", "https://xn--exmple-cua.com", "https://xn--xample-2of.com")
	add(exact, refuse, "the homographs themselves in UTF-8, which no browser sends", "https://exämple.com", "https://еxample.com")
	add(exact, refuse, "characters IDNA maps away or to ASCII (zero-width space, soft hyphen, ideographic full stop, full-width letters): a browser sends the mapped ASCII form", "https://example.com\u200b", "https://exam\u00adple.com", "https://example\u3002com", "https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com")
	add(pattern, refuse, "a Unicode subdomain: browsers send punycode", "https://bücher.example.com")
	add(pattern, refuse, "a homograph of example.com as the suffix, raw or in punycode (exаmple.com with a Cyrillic а)", "https://a.exаmple.com", "https://a.xn--exmple-4nf.com")
	add(pattern, refuse, "an ideographic full stop, which IDNA maps to a dot: not sent by browsers", "https://a.example\u3002com", "https://evil\u3002example.com")
	add(fn, refuse, "a Unicode subdomain: the function would say yes, but browsers send punycode", "https://bücher.example.com")

	// Several Origin headers, one with a list, an empty one.
	lines(exact, "several Origin headers: a browser sends one, and which of them a cache or proxy forwards is anyone's guess", "https://example.com", "https://example.com")
	lines(exact, "several Origin headers, the allowed one last: a server that reads the last would be fooled", "https://evil.com", "https://example.com")
	lines(exact, "several Origin headers, the allowed one first: a server that reads the first would be fooled", "https://example.com", "https://evil.com")
	lines(exact, "several Origin headers, one empty", "https://example.com", "")
	lines(exact, "several Origin headers, the first empty", "", "https://example.com")
	add(exact, refuse, "two origins on one line, as a proxy joins repeated headers: not one origin", "https://example.com, https://evil.com", "https://evil.com,https://example.com")
	add(exact, refuse, "the RFC 6454 origin-list form: browsers never send a list, and taking any member of it is a guess", "https://evil.com https://example.com", "https://example.com https://example.com")
	lines(pattern, "several Origin headers, each a subdomain: still not one origin", "https://a.example.com", "https://b.example.com")
	lines(fn, "several Origin headers, each one the function would allow: refused before it is asked", "https://a.example.com", "https://b.example.com")
	add(fn, refuse, "two origins on one line, each ending in .example.com: the function would say yes", "https://evil.com, https://a.example.com")
	add(fn, refuse, "an origin list: the function would see the prefix and the suffix it wants", "https://evil.com https://a.example.com")
	add(exact, refuse, "an empty Origin is a malformed origin, not a missing one", "", " ", "\t")
	add(pattern, refuse, "an empty Origin is malformed", "")
	add(fn, refuse, "an empty Origin is malformed and never reaches the function", "")

	// Paths, queries and fragments.
	add(exact, refuse, "an origin has no path, query or fragment: browsers never send one, and a check that parses a URL ignores it", "https://example.com/", "https://example.com/path",
		"https://example.com/.", "https://example.com?", "https://example.com?x=1", "https://example.com#", "https://example.com#x")
	add(pattern, refuse, "an origin has no path", "https://a.example.com/")

	// Malformed hosts under the function.
	add(fn, refuse, "an empty label: the function would say yes", "https://.example.com", "https://a..example.com")
	add(fn, refuse, "a literal * is not a host: the function would say yes", "https://*.example.com")
	add(fn, refuse, "a bracketed address before the suffix is not a host: the function would say yes", "https://[::1].example.com")
	add(fn, refuse, "upper case: browsers never send it, and the function would say yes", "https://A.example.com", "https://EVIL.COM.example.com")
	add(pattern, refuse, "a literal * or an escaped one is not a host", "https://*.example.com", "https://%2a.example.com")
	add(pattern, refuse, "an empty label", "https://.example.com", "https://a..example.com")

	// White space that HTTP does not trim.
	add(exact, refuse, "a no-break space or a vertical tab is not HTTP white space: strings.TrimSpace would strip it and turn a value no browser sends into the listed origin", "\u00a0https://example.com", "https://example.com\u00a0", "\vhttps://example.com")

	return rows
}
