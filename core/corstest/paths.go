package corstest

import "github.com/corskit/corskit/core"

// PathCases checks per-path policies (core.NewPaths) through the same
// application-wide middleware: the default App policy, and a plain "*"
// policy for PassthroughPath.
func PathCases() []Case {
	public := []core.PathPolicy{{Prefix: PassthroughPath, Policy: PlainStar}}
	return []Case{
		{Name: "paths: the default policy serves an unlisted path", Policy: App, Paths: public, Method: "GET",
			Header: hdr("Origin", "https://app.example.com"),
			Status: 200, Next: true,
			Want:     map[string]string{acao: "https://app.example.com", acac: "true", aceh: "X-Total-Count, X-Request-Id"},
			WantVary: vary(varyOrigin)},
		{Name: "paths: the default policy refuses an origin the path policy would allow", Policy: App, Paths: public, Method: "GET",
			Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: map[string]string{}, WantVary: vary(varyOrigin)},
		{Name: "paths: the prefix policy answers star under its path", Policy: App, Paths: public, Method: "GET", Path: PassthroughPath,
			Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: map[string]string{acao: "*", aceh: "X-Total-Count"}, WantVary: vary("")},
		{Name: "paths: a preflight under the default policy is answered without an OPTIONS route", Policy: App, Paths: public, Method: "OPTIONS",
			Header: preflight("https://app.example.com", "DELETE", "authorization"),
			Status: 204, Next: false,
			Want:     map[string]string{acao: "https://app.example.com", acac: "true", acam: "GET, POST, PUT, PATCH, DELETE", acah: "content-type, authorization, x-request-id", acma: "600"},
			WantVary: vary(varyPreflight)},
		{Name: "paths: a preflight is refused by the policy of its path", Policy: PlainStar,
			Paths:  []core.PathPolicy{{Prefix: "/api", Policy: App}},
			Method: "OPTIONS", Header: preflight("https://anyone.test", "PUT", ""),
			Status: 403, Next: false, Want: map[string]string{}, WantVary: vary(varyPreflight)},
		{Name: "paths: a prefix covers whole segments only", Policy: App,
			Paths:  []core.PathPolicy{{Prefix: "/api/item", Policy: PlainStar}},
			Method: "GET", Header: hdr("Origin", "https://anyone.test"),
			Status: 200, Next: true, Want: map[string]string{}, WantVary: vary(varyOrigin)},
	}
}
