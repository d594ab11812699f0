package corstest

import (
	"net/http"

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

// appPreflightOK is the answer App gives an accepted preflight from origin
// that asked for headers.
func appPreflightOK(origin string) map[string]string {
	return map[string]string{
		acao: origin, acac: "true", acam: "GET, POST, PUT, PATCH, DELETE",
		acah: "content-type, authorization, x-request-id", acma: "600",
	}
}

// Cases returns the conformance table. It is a function so that every
// caller gets its own copy to run.
func Cases() []Case {
	none := map[string]string{}
	appActual := func(origin string) map[string]string {
		return map[string]string{acao: origin, acac: "true", aceh: "X-Total-Count, X-Request-Id"}
	}
	return []Case{
		// Not CORS.
		{Name: "no origin, plain star answers star without Vary", Policy: PlainStar, Method: "GET",
			Status: 200, Next: true, Want: map[string]string{acao: "*", aceh: "X-Total-Count"}, WantVary: vary("")},
		{Name: "no origin, listed origins add Vary", Policy: App, Method: "GET",
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},
		{Name: "OPTIONS with request method but no origin is not a preflight", Policy: App, Method: "OPTIONS", Path: PassthroughPath,
			Header: hdr("Access-Control-Request-Method", "PUT"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},

		// Actual requests.
		{Name: "actual from allowed origin echoes it with credentials", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: appActual("https://app.example.com"), WantVary: vary(varyOrigin)},
		{Name: "actual from refused origin: no CORS headers, handler runs", Policy: App, Method: "POST",
			Header: hdr("Origin", "https://evil.example.com"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},
		{Name: "actual under plain star answers star to any origin", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: map[string]string{acao: "*", aceh: "X-Total-Count"}, WantVary: vary("")},
		{Name: "actual under plain star answers star to null", Policy: PlainStar, Method: "GET",
			Header: hdr("Origin", "null"),
			Status: 200, Next: true, Want: map[string]string{acao: "*", aceh: "X-Total-Count"}, WantVary: vary("")},
		{Name: "actual is never refused for its method", Policy: Defaults, Method: "PATCH",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true, Want: map[string]string{acao: "https://app.example.com"}, WantVary: vary(varyOrigin)},
		{Name: "subdomain pattern matches a subdomain", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://a.b.example.org"),
			Status: 200, Next: true, Want: appActual("https://a.b.example.org"), WantVary: vary(varyOrigin)},
		{Name: "subdomain pattern never matches the apex", Policy: App, Method: "GET",
			Header: hdr("Origin", "https://example.org"),
			Status: 200, Next: true, Want: none, WantVary: vary(varyOrigin)},

		// Preflights.
		{Name: "preflight accepted", Policy: App, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "content-type,authorization"),
			Status: 204, Next: false, Want: appPreflightOK("https://app.example.com"), WantVary: vary(varyPreflight)},
		{Name: "preflight from refused origin gets 403 and no CORS headers", Policy: App, Method: "OPTIONS",
			Header: preflight("https://evil.example.com", "PUT", ""),
			Status: 403, Next: false, Want: none, WantVary: vary(varyPreflight)},
		{Name: "preflight for lower-case patch is refused when PATCH is listed", Policy: App, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "patch", ""),
			Status: 403, Next: false, Want: none, WantVary: vary(varyPreflight)},
		{Name: "preflight for an unlisted header is refused", Policy: App, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "PUT", "x-api-key"),
			Status: 403, Next: false, Want: none, WantVary: vary(varyPreflight)},
		{Name: "preflight under plain star", Policy: PlainStar, Method: "OPTIONS",
			Header: preflight("https://anyone.test", "PUT", "content-type"),
			Status: 204, Next: false, Want: map[string]string{acao: "*", acam: "GET, HEAD, PUT, PATCH, POST, DELETE", acah: "accept, content-type, x-requested-with"},
			WantVary: vary(varyStarPre)},
		{Name: "preflight with passthrough runs the handler", Policy: core.Policy{AllowedOrigins: []string{"https://app.example.com"}, OptionsPassthrough: true},
			Method: "OPTIONS", Path: PassthroughPath,
			Header: preflight("https://app.example.com", "PUT", ""),
			Status: 200, Next: true, Want: map[string]string{acao: "https://app.example.com", acam: "GET, HEAD, PUT, PATCH, POST, DELETE"},
			WantVary: vary(varyPreflight)},
	}
}
