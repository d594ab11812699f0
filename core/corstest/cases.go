package corstest

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/corskit/corskit/core"
)

// Policies the cases share.
var (
	// PlainStar is a public API: any origin, no credentials.
	PlainStar = core.Policy{
		AllowedOrigins: []string{"*"},
		ExposedHeaders: []string{"X-Total-Count"},
	}
	// App is a credentialed single-page application on two origins and
	// their subdomains.
	App = core.Policy{
		AllowedOrigins:   []string{"https://app.example.com", "http://localhost:3000", "https://*.example.org"},
		AllowedMethods:   []string{"GET", "POST", "PUT", "PATCH", "DELETE"},
		AllowedHeaders:   []string{"Content-Type", "Authorization", "X-Request-Id"},
		ExposedHeaders:   []string{"X-Total-Count", "X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           600,
	}
	// Defaults lists one origin and leaves every other field at its default.
	Defaults = core.Policy{AllowedOrigins: []string{"https://app.example.com"}}
)

// More policies, each isolating one rule.
var (
	// onlyPut lists PUT alone, to show GET, HEAD and POST pass unlisted.
	onlyPut = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"PUT"}}
	// customMethods lists an extension method and a lower-case one.
	customMethods = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"PURGE", "patch"}}
	// starMethodsHeaders allows any method and any header, without credentials.
	starMethodsHeaders = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}}
	// starCredentials allows any method and any header with credentials,
	// where browsers read "*" literally and the request is reflected.
	starCredentials = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}, AllowCredentials: true}
	// starHeadersAuth allows any header and names Authorization.
	starHeadersAuth = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedHeaders: []string{"*", "Authorization"}}
	// status200 answers accepted preflights with 200 for old clients.
	status200 = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, OptionsSuccessStatus: 200}
	// noCache sends Access-Control-Max-Age: 0.
	noCache = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, MaxAge: -1}
	// exposeAll exposes every response header, without credentials.
	exposeAll = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, ExposedHeaders: []string{"*"}}
	// privateNet answers Private Network Access preflights.
	privateNet = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowPrivateNetwork: true}
	// passthrough calls the handler after a preflight, accepted or refused.
	passthrough = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, OptionsPassthrough: true}
	// special lists IPv6, IPv4, non-default ports and the non-http schemes
	// that desktop and mobile shells use.
	special = core.Policy{AllowedOrigins: []string{
		"http://[::1]:8080", "http://127.0.0.1:5173", "https://api.example.com:8443",
		"https://*.example.net:8443", "tauri://localhost", "capacitor://localhost",
		"chrome-extension://abcdefghijklmnopabcdefghijklmnop",
	}}
	// funcAny has an AllowOriginFunc that says yes to everything: whatever
	// it still refuses shows the function was not consulted.
	funcAny = core.Policy{AllowOriginFunc: func(string) bool { return true }}
	// funcNone lists one origin and has an AllowOriginFunc that says no.
	funcNone = core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowOriginFunc: func(string) bool { return false }}
	// database keeps its tenants' origins in a table, "null" included to
	// show it is never looked up, and allows them on ItemsPath only.
	database = core.Policy{
		AllowCredentials: true,
		AllowOriginRequestFunc: func(req *core.Request, origin string) bool {
			return req.Path == ItemsPath && tenants[origin]
		},
	}
	tenants = map[string]bool{"https://tenant-a.test": true, "null": true, "https://Tenant-A.test": true}
)

const (
	acao = "Access-Control-Allow-Origin"
	acac = "Access-Control-Allow-Credentials"
	acam = "Access-Control-Allow-Methods"
	acah = "Access-Control-Allow-Headers"
	aceh = "Access-Control-Expose-Headers"
	acma = "Access-Control-Max-Age"
	acpn = "Access-Control-Allow-Private-Network"

	varyOrigin    = "Origin"
	varyPreflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	varyStarPre   = "Access-Control-Request-Method, Access-Control-Request-Headers"
	varyPrivate   = varyPreflight + ", Access-Control-Request-Private-Network"

	defaultMethods = "GET, HEAD, PUT, PATCH, POST, DELETE"
	defaultHeaders = "accept, content-type, x-requested-with"
)

func vary(s string) *string { return &s }

// hdr builds request headers from name, value pairs; a name may repeat.
func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		k := http.CanonicalHeaderKey(kv[i])
		h[k] = append(h[k], kv[i+1])
	}
	return h
}

// preflight builds the headers of a preflight from origin, the requested
// method and the requested headers ("" for none).
func preflight(origin, method, headers string) http.Header {
	h := hdr("Origin", origin, "Access-Control-Request-Method", method)
	if headers != "" {
		h.Set("Access-Control-Request-Headers", headers)
	}
	return h
}

// preflightLines is preflight with Access-Control-Request-Headers sent as
// one header line per item of lines.
func preflightLines(origin, method string, lines ...string) http.Header {
	h := hdr("Origin", origin, "Access-Control-Request-Method", method)
	h["Access-Control-Request-Headers"] = append([]string(nil), lines...)
	return h
}

// names returns n distinct header names of the form x-h<i> padded with
// pad characters, joined by commas.
func names(n, pad int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf("x-h%d%s", i, strings.Repeat("a", pad))
	}
	return strings.Join(items, ",")
}

// appPreflightOK is the answer App gives an accepted preflight from origin
// that asked for headers.
func appPreflightOK(origin string) map[string]string {
	return map[string]string{
		acao: origin, acac: "true", acam: "GET, POST, PUT, PATCH, DELETE",
		acah: "content-type, authorization, x-request-id", acma: "600",
	}
}

// tableCases returns the conformance table. It is a function so that every
// caller gets its own copy to run.
//
// Requests go only to ItemsPath (GET, POST, PUT, PATCH, DELETE routes, no
// OPTIONS route: preflights there are answered by the middleware alone) and
// to PassthroughPath (GET and OPTIONS routes), so that every case runs
// unchanged through a real router. One case sends an
// Access-Control-Request-Headers of over 16 KiB: a server whose header
// buffer is smaller (fasthttp's default is 4 KiB) must be configured larger.
func tableCases() []Case {
	none := map[string]string{}
	appActual := func(origin string) map[string]string {
		return map[string]string{acao: origin, acac: "true", aceh: "X-Total-Count, X-Request-Id"}
	}
	echo := func(origin string) map[string]string { return map[string]string{acao: origin} }
	star := map[string]string{acao: "*", aceh: "X-Total-Count"}
	starPreflight := map[string]string{acao: "*", acam: defaultMethods, acah: defaultHeaders}
	defaultsPreflight := func(withHeaders bool) map[string]string {
		m := map[string]string{acao: "https://app.example.com", acam: defaultMethods}
		if withHeaders {
			m[acah] = defaultHeaders
		}
		return m
	}
	// refusedActual is a refused actual request: the handler runs, no
	// Access-Control-* header, Vary: Origin.
	refusedActual := func(name string, p core.Policy, method, origin string) Case {
		return Case{Name: name, Policy: p, Method: method, Header: hdr("Origin", origin),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)}
	}
	// refusedPreflight is a refused preflight: 403, no Access-Control-*
	// header, the handler does not run, the preflight's Vary.
	refusedPreflight := func(name string, p core.Policy, h http.Header) Case {
		return Case{Name: name, Policy: p, Method: "OPTIONS", Header: h,
			Status: 403, Next: false, Want: none, WantVary: vary(varyPreflight)}
	}

	cases := []Case{
		// Not CORS: no Origin header.
		{Name: "no origin, plain star answers star without Vary", Policy: PlainStar, Method: "GET",
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "no origin, plain star answers star to a POST too", Policy: PlainStar, Method: "POST",
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "no origin, listed origins add Vary", Policy: App, Method: "GET",
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},
		{Name: "no origin, default policy adds Vary and no CORS header", Policy: Defaults, Method: "DELETE",
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},
		{Name: "OPTIONS with request method but no origin is not a preflight", Policy: App, Method: "OPTIONS", Path: PassthroughPath,
			Header: hdr("Access-Control-Request-Method", "PUT"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},

		// OPTIONS without Access-Control-Request-Method: an ordinary request.
		{Name: "OPTIONS with origin but no request method is an actual request", Policy: App, Method: "OPTIONS", Path: PassthroughPath,
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: appActual("https://app.example.com"), WantVary: vary(varyOrigin)},
		{Name: "OPTIONS without request method from a refused origin runs the handler bare", Policy: App, Method: "OPTIONS", Path: PassthroughPath,
			Header: hdr("Origin", "https://evil.example.com", "Access-Control-Request-Headers", "x-foo"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},
		{Name: "OPTIONS without request method under plain star answers star", Policy: PlainStar, Method: "OPTIONS", Path: PassthroughPath,
			Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: star, WantVary: vary("")},

		// Actual requests from allowed origins.
		{Name: "actual from allowed origin echoes it with credentials", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: appActual("https://app.example.com"), WantVary: vary(varyOrigin)},
		{Name: "actual from a second listed origin with a port", Policy: App, Method: "POST",
			Header: hdr("Origin", "http://localhost:3000"),
			Status: 200, Next: true, Want: appActual("http://localhost:3000"), WantVary: vary(varyOrigin)},
		{Name: "actual without credentials or exposed headers echoes the origin only", Policy: Defaults, Method: "DELETE",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: echo("https://app.example.com"), WantVary: vary(varyOrigin)},
		{Name: "actual is never refused for its method", Policy: onlyPut, Method: "PATCH",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: echo("https://app.example.com"), WantVary: vary(varyOrigin)},
		{Name: "actual: spaces and tabs around Origin are trimmed before matching", Policy: Defaults, Method: "GET",
			Header: hdr("Origin", " \thttps://app.example.com\t "),
			Status: 200, Next: true, Want: echo("https://app.example.com"), WantVary: vary(varyOrigin)},
		{Name: "subdomain pattern matches a subdomain", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://a.example.org"),
			Status: 200, Next: true, Want: appActual("https://a.example.org"), WantVary: vary(varyOrigin)},
		{Name: "subdomain pattern matches a deeper subdomain", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://a.b.example.org"),
			Status: 200, Next: true, Want: appActual("https://a.b.example.org"), WantVary: vary(varyOrigin)},

		// Exposed headers.
		{Name: "exposed star without credentials is sent as star", Policy: exposeAll, Method: "GET",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: map[string]string{acao: "https://app.example.com", aceh: "*"}, WantVary: vary(varyOrigin)},

		// Actual requests from refused origins: handler runs, Vary: Origin.
		refusedActual("actual from refused origin: no CORS headers, handler runs", App, "POST", "https://evil.example.com"),
		refusedActual("look-alike: allowed origin as prefix of another host is refused", App, "GET", "https://app.example.com.evil.com"),
		refusedActual("look-alike: allowed origin with a longer label is refused", App, "PUT", "https://evilapp.example.com"),
		refusedActual("look-alike: truncated allowed origin is refused", App, "GET", "https://app.example.co"),
		refusedActual("look-alike: http downgrade of an https origin is refused", App, "GET", "http://app.example.com"),
		refusedActual("look-alike: https upgrade of an http origin is refused", App, "GET", "https://localhost:3000"),
		refusedActual("look-alike: upper-case origin is refused", App, "GET", "HTTPS://APP.EXAMPLE.COM"),
		refusedActual("look-alike: mixed-case host is refused", App, "GET", "https://App.example.com"),
		refusedActual("look-alike: explicit :443 on https is refused", App, "GET", "https://app.example.com:443"),
		refusedActual("look-alike: trailing dot is refused", App, "GET", "https://app.example.com."),
		refusedActual("look-alike: trailing slash is refused", App, "GET", "https://app.example.com/"),
		refusedActual("look-alike: userinfo before another host is refused", App, "GET", "https://app.example.com@evil.com"),
		refusedActual("look-alike: userinfo before the allowed host is refused", App, "GET", "https://user@app.example.com"),
		refusedActual("look-alike: percent-encoded backtick is refused", App, "GET", "https://app.example.com%60.evil.com"),
		refusedActual("look-alike: another port of an allowed origin is refused", App, "GET", "http://localhost:3001"),
		refusedActual("look-alike: allowed origin without its port is refused", App, "GET", "http://localhost"),
		refusedActual("pattern: apex is refused", App, "GET", "https://example.org"),
		refusedActual("pattern: host ending in the apex without a dot is refused", App, "GET", "https://evilexample.org"),
		refusedActual("pattern: apex as prefix of another host is refused", App, "GET", "https://example.org.evil.com"),
		refusedActual("pattern: subdomain as prefix of another host is refused", App, "GET", "https://a.example.org.evil.com"),
		refusedActual("pattern: http downgrade of an https pattern is refused", App, "GET", "http://a.example.org"),
		refusedActual("pattern: non-default port on a default-port pattern is refused", App, "GET", "https://a.example.org:8443"),
		refusedActual("pattern: trailing dot is refused", App, "GET", "https://a.example.org."),
		refusedActual("pattern: upper-case subdomain is refused", App, "GET", "https://A.example.org"),
		refusedActual("origin null is refused", App, "GET", "null"),
		refusedActual("empty Origin is a malformed origin and refused", App, "GET", ""),
		refusedActual("origin without a scheme is refused", App, "GET", "app.example.com"),
		refusedActual("origin with a path is refused", App, "GET", "https://app.example.com/path"),
		{Name: "several Origin headers are refused even when each is allowed", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://app.example.com", "Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},

		// Plain star answers "*" to any Origin value and never echoes.
		{Name: "plain star answers star to any origin", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "plain star answers star to null", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", "null"),
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "plain star answers star to a malformed origin", Policy: PlainStar, Method: "POST",
			Header: hdr("Origin", "https://anyone.test/path?q"),
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "plain star answers star to an upper-case origin", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", "HTTPS://ANYONE.TEST"),
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "plain star answers star to an empty origin", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", ""),
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "plain star answers star to several Origin headers", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", "https://a.test", "Origin", "https://b.test"),
			Status: 200, Next: true, Want: star, WantVary: vary("")},
		{Name: "preflight under plain star", Policy: PlainStar, Method: "OPTIONS",
			Header: preflight("https://anyone.test", "PUT", "content-type"),
			Status: 204, Next: false, Want: starPreflight, WantVary: vary(varyStarPre)},
		{Name: "preflight under plain star from null answers star", Policy: PlainStar, Method: "OPTIONS",
			Header: preflight("null", "DELETE", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "*", acam: defaultMethods}, WantVary: vary(varyStarPre)},

		// IPv6, IPv4, ports and non-http schemes.
		{Name: "IPv6 origin with a port is echoed", Policy: special, Method: "GET",
			Header: hdr("Origin", "http://[::1]:8080"),
			Status: 200, Next: true, Want: echo("http://[::1]:8080"), WantVary: vary(varyOrigin)},
		refusedActual("IPv6 origin on another port is refused", special, "GET", "http://[::1]:8081"),
		refusedActual("IPv6 origin in a non-canonical form is refused", special, "GET", "http://[0:0:0:0:0:0:0:1]:8080"),
		{Name: "IPv4 origin with a port is echoed", Policy: special, Method: "POST",
			Header: hdr("Origin", "http://127.0.0.1:5173"),
			Status: 200, Next: true, Want: echo("http://127.0.0.1:5173"), WantVary: vary(varyOrigin)},
		{Name: "non-default port on an exact origin is echoed", Policy: special, Method: "GET",
			Header: hdr("Origin", "https://api.example.com:8443"),
			Status: 200, Next: true, Want: echo("https://api.example.com:8443"), WantVary: vary(varyOrigin)},
		refusedActual("exact origin with a port refuses the default port", special, "GET", "https://api.example.com"),
		{Name: "pattern with a port matches a subdomain on that port", Policy: special, Method: "GET",
			Header: hdr("Origin", "https://a.example.net:8443"),
			Status: 200, Next: true, Want: echo("https://a.example.net:8443"), WantVary: vary(varyOrigin)},
		refusedActual("pattern with a port refuses the default port", special, "GET", "https://a.example.net"),
		{Name: "tauri://localhost is a valid exact origin", Policy: special, Method: "GET",
			Header: hdr("Origin", "tauri://localhost"),
			Status: 200, Next: true, Want: echo("tauri://localhost"), WantVary: vary(varyOrigin)},
		refusedActual("tauri look-alike host is refused", special, "GET", "tauri://localhost.evil.com"),
		{Name: "chrome-extension origin is a valid exact origin", Policy: special, Method: "GET",
			Header: hdr("Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop"),
			Status: 200, Next: true, Want: echo("chrome-extension://abcdefghijklmnopabcdefghijklmnop"), WantVary: vary(varyOrigin)},
		refusedActual("another chrome-extension id is refused", special, "GET", "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"),
		{Name: "capacitor://localhost preflight is accepted", Policy: special, Method: "OPTIONS",
			Header: preflight("capacitor://localhost", "PUT", "content-type"),
			Status: 204, Next: false,
			Want:     map[string]string{acao: "capacitor://localhost", acam: defaultMethods, acah: defaultHeaders},
			WantVary: vary(varyPreflight)},

		// Accepted preflights.
		{Name: "preflight accepted", Policy: App, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "content-type,authorization"),
			Status: 204, Next: false, Want: appPreflightOK("https://app.example.com"), WantVary: vary(varyPreflight)},
		{Name: "preflight accepted for a pattern origin", Policy: App, Method: "OPTIONS",
			Header: preflight("https://a.example.org", "DELETE", "x-request-id"),
			Status: 204, Next: false, Want: appPreflightOK("https://a.example.org"), WantVary: vary(varyPreflight)},
		{Name: "preflight with default policy lists default methods and headers", Policy: Defaults, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PATCH", "content-type"),
			Status: 204, Next: false, Want: defaultsPreflight(true), WantVary: vary(varyPreflight)},
		{Name: "preflight without request headers gets no Allow-Headers", Policy: Defaults, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", ""),
			Status: 204, Next: false, Want: defaultsPreflight(false), WantVary: vary(varyPreflight)},
		{Name: "preflight with an empty request-headers line gets no Allow-Headers", Policy: Defaults, Method: "OPTIONS",
			Header: preflightLines("https://app.example.com", "PUT", ""),
			Status: 204, Next: false, Want: defaultsPreflight(false), WantVary: vary(varyPreflight)},
		{Name: "preflight status is OptionsSuccessStatus 200", Policy: status200, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", ""),
			Status: 200, Next: false, Want: defaultsPreflight(false), WantVary: vary(varyPreflight)},
		refusedPreflight("refused preflight is 403 even with OptionsSuccessStatus 200", status200,
			preflight("https://evil.example.com", "PUT", "")),
		{Name: "preflight: spaces around the request method are trimmed", Policy: Defaults, Method: "OPTIONS",
			Header: preflight("https://app.example.com", " PUT\t", ""),
			Status: 204, Next: false, Want: defaultsPreflight(false), WantVary: vary(varyPreflight)},

		// Refused preflights: 403, no Access-Control-Allow-*, same Vary.
		refusedPreflight("preflight from refused origin gets 403 and no CORS headers", App,
			preflight("https://evil.example.com", "PUT", "")),
		refusedPreflight("preflight from a look-alike origin is refused", App,
			preflight("https://app.example.com.evil.com", "GET", "")),
		refusedPreflight("preflight from null is refused", App, preflight("null", "GET", "")),
		refusedPreflight("preflight with an empty Origin is refused", App, preflight("", "GET", "")),
		refusedPreflight("preflight with several Origin headers is refused", App,
			hdr("Origin", "https://app.example.com", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT")),
		refusedPreflight("preflight with an empty request method is refused", App, preflight("https://app.example.com", "", "")),
		refusedPreflight("preflight with several request methods is refused", App,
			hdr("Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Method", "PUT")),
		refusedPreflight("preflight with a request method that is not a token is refused", App,
			preflight("https://app.example.com", "PU T", "")),

		// Methods.
		refusedPreflight("method: lower-case patch is refused when PATCH is listed", App,
			preflight("https://app.example.com", "patch", "")),
		refusedPreflight("method: unlisted extension method is refused", Defaults,
			preflight("https://app.example.com", "PURGE", "")),
		refusedPreflight("method: unlisted PUT is refused", customMethods,
			preflight("https://app.example.com", "PUT", "")),
		{Name: "method: listed extension method is allowed", Policy: customMethods, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PURGE", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "PURGE, patch"}, WantVary: vary(varyPreflight)},
		{Name: "method: listed lower-case patch is allowed as written", Policy: customMethods, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "patch", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "PURGE, patch"}, WantVary: vary(varyPreflight)},
		refusedPreflight("method: upper-case PURGE listed does not allow purge", customMethods,
			preflight("https://app.example.com", "purge", "")),
		{Name: "method: GET passes a preflight unlisted", Policy: onlyPut, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "GET", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "PUT"}, WantVary: vary(varyPreflight)},
		{Name: "method: HEAD passes a preflight unlisted", Policy: onlyPut, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "HEAD", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "PUT"}, WantVary: vary(varyPreflight)},
		{Name: "method: POST passes a preflight unlisted", Policy: onlyPut, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "POST", "content-type"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "PUT", acah: defaultHeaders}, WantVary: vary(varyPreflight)},
		refusedPreflight("method: DELETE is refused when only PUT is listed", onlyPut,
			preflight("https://app.example.com", "DELETE", "")),
		{Name: "method: star without credentials answers star", Policy: starMethodsHeaders, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PURGE", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "*"}, WantVary: vary(varyPreflight)},
		{Name: "method: star with credentials reflects the method", Policy: starCredentials, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PURGE", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acac: "true", acam: "PURGE"}, WantVary: vary(varyPreflight)},
		refusedPreflight("method: CONNECT is refused even under star", starMethodsHeaders, preflight("https://app.example.com", "CONNECT", "")),
		refusedPreflight("method: TRACE is refused even under star", starMethodsHeaders, preflight("https://app.example.com", "TRACE", "")),
		refusedPreflight("method: TRACK is refused even under star", starMethodsHeaders, preflight("https://app.example.com", "TRACK", "")),
		refusedPreflight("method: lower-case track is refused even under star with credentials", starCredentials, preflight("https://app.example.com", "track", "")),
		{Name: "method: forbidden method refused under plain star too", Policy: PlainStar, Method: "OPTIONS",
			Header: preflight("https://anyone.test", "CONNECT", ""),
			Status: 403, Next: false, Want: none, WantVary: vary(varyStarPre)},

		// Request headers.
		{Name: "headers compare case-insensitively", Policy: App, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "Content-Type, X-REQUEST-ID"),
			Status: 204, Next: false, Want: appPreflightOK("https://app.example.com"), WantVary: vary(varyPreflight)},
		{Name: "headers: spaces, tabs and empty items are tolerated", Policy: App, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", " content-type ,, \tx-request-id\t ,"),
			Status: 204, Next: false, Want: appPreflightOK("https://app.example.com"), WantVary: vary(varyPreflight)},
		{Name: "headers: several request-headers lines are all read", Policy: App, Method: "OPTIONS",
			Header: preflightLines("https://app.example.com", "PUT", "content-type", "authorization, x-request-id"),
			Status: 204, Next: false, Want: appPreflightOK("https://app.example.com"), WantVary: vary(varyPreflight)},
		refusedPreflight("headers: unlisted header is refused", App, preflight("https://app.example.com", "PUT", "x-api-key")),
		refusedPreflight("headers: unlisted header on a second line is refused", App,
			preflightLines("https://app.example.com", "PUT", "content-type", "x-api-key")),
		refusedPreflight("headers: a name that is not a token is refused", App,
			preflight("https://app.example.com", "PUT", "content-type, x/foo")),
		{Name: "headers: star allows any header", Policy: starMethodsHeaders, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "x-anything, x-other"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "*", acah: "*"}, WantVary: vary(varyPreflight)},
		refusedPreflight("headers: star does not cover authorization", starMethodsHeaders,
			preflight("https://app.example.com", "PUT", "x-anything, authorization")),
		refusedPreflight("headers: star does not cover Authorization in any case", starMethodsHeaders,
			preflight("https://app.example.com", "GET", "AUTHORIZATION")),
		{Name: "headers: star with Authorization named allows authorization", Policy: starHeadersAuth, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "x-anything, authorization"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: defaultMethods, acah: "*, authorization"}, WantVary: vary(varyPreflight)},
		{Name: "headers: star with credentials reflects the request", Policy: starCredentials, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", " x-foo, X-Bar "),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acac: "true", acam: "PUT", acah: "x-foo, X-Bar"}, WantVary: vary(varyPreflight)},
		{Name: "headers: star with credentials never echoes a line of empty items", Policy: starCredentials, Method: "OPTIONS",
			Header: preflightLines("https://app.example.com", "PUT", "x-b", ","),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acac: "true", acam: "PUT", acah: "x-b"}, WantVary: vary(varyPreflight)},
		{Name: "headers: star with credentials echoes a list without its empty items", Policy: starCredentials, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "x-a,, x-c,"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acac: "true", acam: "PUT", acah: "x-a, x-c"}, WantVary: vary(varyPreflight)},
		refusedPreflight("headers: star with credentials still refuses authorization", starCredentials,
			preflight("https://app.example.com", "PUT", "x-foo, authorization")),
		{Name: "headers: 100 names are within the bound", Policy: starMethodsHeaders, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", names(100, 0)),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: "*", acah: "*"}, WantVary: vary(varyPreflight)},
		refusedPreflight("headers: over 100 names are refused", starMethodsHeaders,
			preflight("https://app.example.com", "PUT", names(101, 0))),
		refusedPreflight("headers: over 16 KiB are refused", starMethodsHeaders,
			preflight("https://app.example.com", "PUT", names(80, 210))),
		{Name: "headers: 4 lines are within the bound", Policy: starCredentials, Method: "OPTIONS",
			Header: preflightLines("https://app.example.com", "PUT", "x-a", "x-b", "x-c", "x-d"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acac: "true", acam: "PUT", acah: "x-a, x-b, x-c, x-d"}, WantVary: vary(varyPreflight)},
		refusedPreflight("headers: over 4 lines are refused", starMethodsHeaders,
			preflightLines("https://app.example.com", "PUT", "x-a", "x-b", "x-c", "x-d", "x-e")),

		// Max-Age.
		{Name: "max-age 0 omits the header", Policy: Defaults, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "DELETE", ""),
			Status: 204, Next: false, Want: defaultsPreflight(false), WantVary: vary(varyPreflight)},
		{Name: "max-age negative sends 0", Policy: noCache, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: defaultMethods, acma: "0"}, WantVary: vary(varyPreflight)},
		{Name: "max-age is not sent on actual requests", Policy: App, Method: "PUT",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: appActual("https://app.example.com"), WantVary: vary(varyOrigin)},

		// Private Network Access.
		{Name: "private network: enabled and asked answers true", Policy: privateNet, Method: "OPTIONS",
			Header: hdr("Origin", "https://app.example.com", "Access-Control-Request-Method", "GET", "Access-Control-Request-Private-Network", "true"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: defaultMethods, acpn: "true"}, WantVary: vary(varyPrivate)},
		{Name: "private network: enabled and not asked still varies on it", Policy: privateNet, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "GET", ""),
			Status: 204, Next: false, Want: map[string]string{acao: "https://app.example.com", acam: defaultMethods}, WantVary: vary(varyPrivate)},
		{Name: "private network: enabled, refused origin gets 403 and the same Vary", Policy: privateNet, Method: "OPTIONS",
			Header: hdr("Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET", "Access-Control-Request-Private-Network", "true"),
			Status: 403, Next: false, Want: none, WantVary: vary(varyPrivate)},
		{Name: "private network: disabled and asked is answered without it", Policy: Defaults, Method: "OPTIONS",
			Header: hdr("Origin", "https://app.example.com", "Access-Control-Request-Method", "GET", "Access-Control-Request-Private-Network", "true"),
			Status: 204, Next: false, Want: defaultsPreflight(false), WantVary: vary(varyPreflight)},

		// OptionsPassthrough.
		{Name: "preflight with passthrough runs the handler", Policy: passthrough,
			Method: "OPTIONS", Path: PassthroughPath,
			Header: preflight("https://app.example.com", "PUT", ""),
			Status: 200, Next: true, Want: defaultsPreflight(false),
			WantVary: vary(varyPreflight)},
		{Name: "refused preflight with passthrough runs the handler without CORS headers", Policy: passthrough,
			Method: "OPTIONS", Path: PassthroughPath,
			Header: preflight("https://evil.example.com", "PUT", ""),
			Status: 200, Next: true, Want: none, WantVary: vary(varyPreflight)},

		// AllowOriginFunc: consulted only for well-formed unmatched origins.
		{Name: "origin func allows a well-formed origin", Policy: funcAny, Method: "GET",
			Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: echo("https://anyone.test"), WantVary: vary(varyOrigin)},
		{Name: "origin func allows a preflight", Policy: funcAny, Method: "OPTIONS",
			Header: preflight("https://anyone.test:8443", "PUT", "content-type"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://anyone.test:8443", acam: defaultMethods, acah: defaultHeaders}, WantVary: vary(varyPreflight)},
		refusedActual("origin func is never consulted for null", funcAny, "GET", "null"),
		refusedActual("origin func is never consulted for a malformed origin", funcAny, "GET", "https://Anyone.test"),
		refusedActual("origin func is never consulted for an empty origin", funcAny, "GET", ""),
		refusedPreflight("origin func is never consulted for a preflight from null", funcAny, preflight("null", "GET", "")),
		{Name: "origin func: listed origin matches without the func", Policy: funcNone, Method: "GET",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: echo("https://app.example.com"), WantVary: vary(varyOrigin)},
		refusedActual("origin func saying no refuses an unlisted origin", funcNone, "GET", "https://other.example.com"),

		// AllowOriginRequestFunc: origins from a database, per request.
		{Name: "origin request func allows a tenant origin with credentials", Policy: database, Method: "GET",
			Header: hdr("Origin", "https://tenant-a.test"),
			Status: 200, Next: true, Want: map[string]string{acao: "https://tenant-a.test", acac: "true"}, WantVary: vary(varyOrigin)},
		{Name: "origin request func allows a tenant preflight", Policy: database, Method: "OPTIONS",
			Header: preflight("https://tenant-a.test", "PATCH", "x-requested-with"),
			Status: 204, Next: false, Want: map[string]string{acao: "https://tenant-a.test", acac: "true", acam: defaultMethods, acah: defaultHeaders}, WantVary: vary(varyPreflight)},
		refusedActual("origin request func refuses an unknown origin", database, "POST", "https://tenant-b.test"),
		{Name: "origin request func sees the request path", Policy: database, Method: "GET", Path: PassthroughPath,
			Header: hdr("Origin", "https://tenant-a.test"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},
		// A preflight to a path that has an OPTIONS route: the middleware must
		// stop, not fall through to the route, when passthrough is off.
		{Name: "preflight to a path with an OPTIONS route is answered by the middleware alone", Policy: App,
			Method: "OPTIONS", Path: PassthroughPath,
			Header: preflight("https://app.example.com", "PUT", "content-type"),
			Status: 204, Next: false, Want: appPreflightOK("https://app.example.com"), WantVary: vary(varyPreflight)},
		{Name: "refused preflight to a path with an OPTIONS route never reaches the route", Policy: App,
			Method: "OPTIONS", Path: PassthroughPath,
			Header: preflight("https://evil.example.com", "PUT", ""),
			Status: 403, Next: false, Want: map[string]string{}, WantVary: vary(varyPreflight)},
		refusedActual("origin request func is never consulted for null", database, "GET", "null"),
		refusedActual("origin request func is never consulted for a malformed origin", database, "GET", "https://Tenant-A.test"),
	}
	return cases
}
