package main

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/corskit/corskit/cmd/corscheck/internal/check"
)

// Kinds of origin probes. The untrusted ones are named after the finding
// class that a server allowing them shows.
const (
	kindBaseline  = "baseline" // no Origin at all
	kindTrusted   = "trusted"  // the front end that should be allowed (-origin)
	kindSibling   = "sibling"  // another subdomain of the trusted registrable domain
	kindPolicyHdr = "policy-headers"
	kindPolicyMth = "policy-methods"

	classReflectAny    = "reflect-any-origin"
	classNull          = "null-allowed"
	classPrefix        = "prefix-match"
	classSuffix        = "suffix-match"
	classUnescapedDot  = "unescaped-dot"
	classHTTPDowngrade = "http-downgrade"
	classSpecialChars  = "special-chars"
	classSharedHost    = "shared-host"
	classWildcardCreds = "wildcard-with-credentials"
	classMissingVary   = "missing-vary"
	classHeadersCreds  = "headers-wildcard-credentials"
	classMethodsCreds  = "methods-wildcard-credentials"
	classMaxAge        = "max-age-too-long"
	classRefusedCORS   = "cors-on-refused-preflight"
	classACAOOnError   = "acao-on-error"
)

// arbitraryOrigin is an origin no policy means to allow, on a name reserved
// for examples (RFC 2606), so that it can never belong to anyone.
const arbitraryOrigin = "https://evil.example"

// attackerDomain is where the prefix and special-character probes put the
// trusted host, as a label of a domain an attacker would own.
const attackerDomain = "evil.example"

// specialChars are the characters that some browsers accept in a host name
// but that lax origin parsers take for the end of the host (PortSwigger,
// "Exploiting CORS misconfigurations"; Corsy's "broken parser" test): _ in
// Chrome and Firefox, the others in Safari.
var specialChars = []string{"_", "`", "!", "}"}

// sharedHosts are domains where anyone can publish a site of their own; a
// policy that trusts one of them trusts every tenant. The first three are
// always probed.
var sharedHosts = []string{
	"github.io", "vercel.app", "netlify.app",
	"gitlab.io", "pages.dev", "workers.dev", "herokuapp.com", "web.app",
	"firebaseapp.com", "appspot.com", "azurewebsites.net", "cloudfront.net",
	"onrender.com", "fly.dev", "glitch.me", "surge.sh", "ngrok.io",
	"ngrok-free.app", "blogspot.com", "netlify.com", "now.sh",
}

// probedSharedHosts is how many of sharedHosts are always probed.
const probedSharedHosts = 3

// publicSuffixes2 are common public suffixes of two labels. corscheck uses
// the standard library only, so this short list stands in for the public
// suffix list: enough to find the registrable domain of most hosts.
var publicSuffixes2 = map[string]bool{
	"co.uk": true, "org.uk": true, "ac.uk": true, "gov.uk": true, "me.uk": true,
	"com.au": true, "net.au": true, "org.au": true, "edu.au": true, "gov.au": true,
	"co.nz": true, "org.nz": true, "co.jp": true, "ne.jp": true, "or.jp": true,
	"ac.jp": true, "com.br": true, "net.br": true, "org.br": true, "com.cn": true,
	"net.cn": true, "org.cn": true, "com.mx": true, "co.in": true, "net.in": true,
	"org.in": true, "co.za": true, "com.tr": true, "com.sg": true, "com.hk": true,
	"co.kr": true, "or.kr": true, "com.tw": true, "co.il": true, "com.ar": true,
	"com.co": true, "com.pl": true, "com.es": true, "co.id": true, "com.my": true,
	"com.ph": true, "com.vn": true, "com.ua": true, "co.th": true, "com.pk": true,
}

// registrableDomain returns the part of host that one owner registers:
// example.com for app.example.com, example.co.uk for www.example.co.uk,
// you.github.io for api.you.github.io. It returns host itself for an IP
// address or a single label.
func registrableDomain(host string) string {
	if net.ParseIP(host) != nil {
		return host
	}
	labels := strings.Split(host, ".")
	n := len(labels)
	if n < 2 {
		return host
	}
	last2 := labels[n-2] + "." + labels[n-1]
	if n >= 3 && (publicSuffixes2[last2] || isSharedHost(last2)) {
		return strings.Join(labels[n-3:], ".")
	}
	return last2
}

// isSharedHost reports whether domain is one of sharedHosts.
func isSharedHost(domain string) bool {
	for _, s := range sharedHosts {
		if s == domain {
			return true
		}
	}
	return false
}

// sharedSuffix returns the shared host that host is a tenant of
// (github.io for you.github.io), or "".
func sharedSuffix(host string) string {
	for _, s := range sharedHosts {
		if strings.HasSuffix(host, "."+s) {
			return s
		}
	}
	return ""
}

// originProbe is one Origin value the audit sends, and why.
type originProbe struct {
	kind   string // kindTrusted, kindSibling or an origin class
	origin string
	what   string // what the value tests, for the report
}

// plan is what the audit sends, fixed before the first request.
type plan struct {
	target   string // the URL's origin
	trusted  string // -origin, or "" when not given
	base     string // the host the probes are built from
	rd       string // its registrable domain
	derived  bool   // base comes from the URL, not from -origin
	guess    string // the likely front end: trusted, or built from base
	origins  []originProbe
	requests int // the number of probes: one request each, plus same-origin redirects
	notes    []string
}

// policyProbes is how many preflights test the allowed methods and headers
// after the origin probes.
const policyProbes = 2

// buildPlan lists the origins to probe u with, built from trusted (the
// front end's origin) or, when trusted is "", from the registrable domain
// of u's host, with u's scheme and explicit port.
func buildPlan(u *url.URL, trusted string) *plan {
	p := &plan{target: serializeOrigin(u), trusted: trusted}
	var scheme, port string
	if trusted != "" {
		t, _ := url.Parse(trusted) // checked by checkOrigin
		scheme, p.base, port = t.Scheme, t.Hostname(), t.Port()
	} else {
		p.derived = true
		scheme, p.base, port = u.Scheme, registrableDomain(strings.ToLower(u.Hostname())), u.Port()
	}
	if port != "" {
		port = ":" + port
	}
	p.rd = registrableDomain(p.base)
	ip := net.ParseIP(p.base)
	p.guess = trusted
	if p.guess == "" {
		p.guess = scheme + "://" + p.base + port
	}
	// An attacker's page is on http or https, whatever the trusted scheme
	// (tauri://, chrome-extension://...).
	as := scheme
	if as != "http" && as != "https" {
		as = "https"
	}
	add := func(kind, origin, what string) {
		p.origins = append(p.origins, originProbe{kind, origin, what})
	}

	if trusted != "" {
		add(kindTrusted, trusted, "the trusted front end")
	} else {
		from := fmt.Sprintf("%s, the registrable domain of the URL's host (found with a short built-in list of public suffixes)", p.base)
		if ip != nil || p.base == u.Hostname() {
			from = fmt.Sprintf("%s, the URL's host", p.base)
		}
		p.notes = append(p.notes, fmt.Sprintf("No -origin: the probes are built from %s. "+
			"Pass -origin with the front end's origin for probes aimed at its host.", from))
	}
	add(classReflectAny, arbitraryOrigin, "an arbitrary origin")
	add(classNull, "null", "the origin of sandboxed iframes and file: pages")
	switch {
	case ip != nil && ip.To4() == nil:
		p.notes = append(p.notes, fmt.Sprintf("The trusted host %s is an IPv6 address: the probes that put it into a longer host name were skipped, since no browser can send those origins.", p.base))
	default:
		add(classPrefix, as+"://"+p.base+"."+attackerDomain+port, "the trusted host followed by ."+attackerDomain)
		add(classPrefix, as+"://"+p.base+attackerDomain+port, "the trusted host followed by "+attackerDomain)
	}
	if ip == nil {
		add(classSuffix, as+"://evil"+p.rd+port, "evil before the registrable domain "+p.rd)
		add(classSuffix, as+"://evil-"+p.rd+port, "evil- before the registrable domain "+p.rd)
		if p.base != p.rd {
			head := strings.TrimSuffix(p.base, "."+p.rd)
			add(classUnescapedDot, as+"://"+head+"x"+p.rd+port, "the trusted host with the dot before "+p.rd+" replaced by x")
		}
		add(kindSibling, as+"://sibling-corscheck."+p.rd+port, "another subdomain of "+p.rd)
	} else {
		p.notes = append(p.notes, fmt.Sprintf("The trusted host %s is an IP address: the suffix, unescaped-dot and sibling-subdomain probes were skipped, since no browser can send those origins.", p.base))
	}
	if scheme == "https" {
		add(classHTTPDowngrade, "http://"+p.base+port, "the trusted origin over plain http")
	}
	if ip == nil || ip.To4() != nil {
		for _, c := range specialChars {
			add(classSpecialChars, as+"://"+p.base+c+"."+attackerDomain+port, "the trusted host followed by "+c+"."+attackerDomain)
		}
	}
	shared := sharedHosts[:probedSharedHosts]
	if s := sharedSuffix(p.base); s != "" && indexOf(shared, s) < 0 {
		shared = append(shared[:len(shared):len(shared)], s)
	}
	for _, s := range shared {
		add(classSharedHost, "https://corscheck-evil."+s, "a site anyone can publish on "+s)
	}
	// The baseline without Origin, then an actual request and a preflight
	// per origin, then the policy preflights.
	p.requests = 1 + 2*len(p.origins) + policyProbes
	return p
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// preflightFor returns the request a preflight asks permission for: a PUT
// with a JSON body, the usual call that needs one.
func preflightFor(origin string) check.Request {
	return check.Request{Origin: origin, Method: "PUT", Header: httpHeader("Content-Type", "application/json")}
}
