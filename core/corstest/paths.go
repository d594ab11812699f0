package corstest

import "github.com/corskit/corskit/core"

// pathCases checks per-path policies (core.NewPaths) through the same
// application-wide middleware, on a router that matches paths as rt says:
// the default App policy and a plain "*" policy for PassthroughPath; then
// a lax default with a strict policy under "/api/", which no spelling of
// a path under it may escape.
func pathCases(rt core.Routing) []Case {
	public := []core.PathPolicy{{Prefix: PassthroughPath, Policy: PlainStar}}
	cases := []Case{
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
	return append(cases, spellingCases(rt)...)
}

// spellingCases send a preflight from an origin only the lax default
// allows to paths that the router routes under "/api/", however they are
// spelled: the strict policy must refuse each. Paths the router routes
// elsewhere get the default.
func spellingCases(rt core.Routing) []Case {
	strict := []core.PathPolicy{{Prefix: "/api/", Policy: App}}
	refused := func(name, path string) Case {
		return Case{Name: "paths: " + name + " is under the strict policy", Policy: PlainStar, Paths: strict,
			Method: "OPTIONS", Path: path, Header: preflight("https://anyone.test", "PUT", "content-type"),
			Status: 403, Next: false, Want: map[string]string{}, WantVary: vary(varyPreflight)}
	}
	lax := func(name, path string) Case {
		return Case{Name: "paths: " + name + " is not routed under /api/", Policy: PlainStar, Paths: strict,
			Method: "OPTIONS", Path: path, Header: preflight("https://anyone.test", "PUT", "content-type"),
			Status: 204, Next: false, Want: map[string]string{acao: "*", acam: defaultMethods, acah: defaultHeaders}, WantVary: vary(varyStarPre)}
	}
	cases := []Case{
		refused("the prefix itself", "/api/items"),
		refused("a repeated slash", "//api/items"),
		refused("a repeated inner slash", "/api//items"),
		refused("a dot segment", "/./api/items"),
		refused("a dot-dot segment", "/x/../api/items"),
		lax("a sibling path", "/apis/items"),
	}
	if rt.CaseInsensitive {
		capital := refused("a lower-case path under a capitalised prefix", "/api/items")
		capital.Paths = []core.PathPolicy{{Prefix: "/API/", Policy: App}}
		cases = append(cases, refused("another case", "/API/items"), capital)
	} else {
		cases = append(cases, lax("another case on a case-sensitive router", "/API/items"))
	}
	if rt.IgnoreTrailingSlash {
		cases = append(cases, refused("the prefix without its slash", "/api"))
	} else {
		cases = append(cases, lax("the prefix without its slash on a strict router", "/api"))
	}
	return cases
}
