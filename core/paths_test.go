package core

import (
	"errors"
	"strings"
	"testing"
)

func TestNewPathsRefusesBadPrefixes(t *testing.T) {
	ok := Policy{AllowedOrigins: []string{"https://app.example.com"}}
	_, err := NewPaths(ok,
		PathPolicy{Prefix: "", Policy: ok},
		PathPolicy{Prefix: "api/", Policy: ok},
		PathPolicy{Prefix: "/api/", Policy: ok},
		PathPolicy{Prefix: "/api/", Policy: ok},
		PathPolicy{Prefix: "/public/", Policy: Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true, MaxAge: 90000}},
	)
	if err == nil {
		t.Fatal("NewPaths accepted bad prefixes")
	}
	for _, want := range []string{
		`paths[0] "": an empty prefix`,
		`paths[1] "api/": a prefix starts with "/"; write "/api/"`,
		`paths[3] "/api/": this prefix is listed twice`,
		`paths[4] "/public/": allowedOrigins[0] "*": "*" cannot go with allowCredentials`,
		`paths[4] "/public/": maxAge "90000"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// TestNewPathsErrorsAreTyped checks that a per-path policy's problems keep
// their type behind the path that names them.
func TestNewPathsErrorsAreTyped(t *testing.T) {
	_, err := NewPaths(Policy{AllowedOrigins: []string{"https://app.example.com"}},
		PathPolicy{Prefix: "/public/", Policy: Policy{AllowedOrigins: []string{"https://example.com/"}}},
		PathPolicy{Prefix: "admin"})
	var oe *OriginError
	if !errors.As(err, &oe) || oe.Field != "allowedOrigins" || oe.Index != 0 || oe.Value != "https://example.com/" {
		t.Errorf("errors.As found %+v in %v, want the per-path policy's origin problem", oe, err)
	}
	var pe *PathError
	if !errors.As(err, &pe) || pe.Index != 0 || pe.Prefix != "/public/" {
		t.Errorf("errors.As found %+v, want the PathError of paths[0]", pe)
	}
	if !strings.Contains(err.Error(), `paths[1] "admin": a prefix starts with "/"; write "/admin"`) {
		t.Errorf("error lacks the prefix problem:\n%v", err)
	}
}

func TestPolicyForLongestPrefixWins(t *testing.T) {
	mk := func(o string) Policy { return Policy{AllowedOrigins: []string{o}} }
	e, err := NewPaths(mk("https://default.test"),
		PathPolicy{Prefix: "/api", Policy: mk("https://api.test")},
		PathPolicy{Prefix: "/api/public/", Policy: mk("https://public.test")},
	)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/":                  "https://default.test",
		"/apis":              "https://default.test",
		"/api":               "https://api.test",
		"/api/items":         "https://api.test",
		"/api/public":        "https://api.test",
		"/api/public/":       "https://public.test",
		"/api/public/things": "https://public.test",
	} {
		d := e.Evaluate(Request{Method: "GET", Path: path, Origin: []string{want}})
		if !d.Allowed {
			t.Errorf("%s: origin %s refused; the wrong policy served it", path, want)
		}
	}
}

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                 "/",
		"":                  "/",
		"/api/items":        "/api/items",
		"/api/items/":       "/api/items/",
		"//api/items":       "/api/items",
		"/api//items":       "/api/items",
		"/./api/items":      "/api/items",
		"/x/../api/items":   "/api/items",
		"/../api/items":     "/api/items",
		"/api/items/.":      "/api/items",
		"/api/items/..":     "/api",
		"/api/items//":      "/api/items/",
		"api/items":         "/api/items",
		"/a.b/..c/.d":       "/a.b/..c/.d",
		"/api/%2e%2e/admin": "/api/%2e%2e/admin",
	} {
		if got := cleanPath(in); got != want {
			t.Errorf("cleanPath(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(10, func() { _ = cleanPath("/api/items/") }); n != 0 {
		t.Errorf("a clean path costs %v allocations, want 0", n)
	}
}

// TestPolicyForRouting checks that the policy chosen for a path follows
// the router's way of matching it.
func TestPolicyForRouting(t *testing.T) {
	mk := func(o string) Policy { return Policy{AllowedOrigins: []string{o}} }
	e, err := NewPaths(mk("https://default.test"),
		PathPolicy{Prefix: "/Admin/", Policy: mk("https://admin.test")})
	if err != nil {
		t.Fatal(err)
	}
	s := e.load()
	strict, fiber := Routing{}, Routing{CaseInsensitive: true, IgnoreTrailingSlash: true}
	for _, tt := range []struct {
		path string
		rt   Routing
		want *compiled
	}{
		{"/Admin/x", strict, s.routes[0].policy},
		{"/admin/x", strict, s.def},
		{"/Admin", strict, s.def},
		{"//Admin/x", strict, s.routes[0].policy},
		{"/admin/x", fiber, s.routes[0].policy},
		{"/ADMIN", fiber, s.routes[0].policy},
		{"/ADMIN///", fiber, s.routes[0].policy},
		{"/admins", fiber, s.def},
	} {
		if got := s.policyFor(tt.path, tt.rt); got != tt.want {
			t.Errorf("policyFor(%q, %+v) chose %s", tt.path, tt.rt, got.policy.AllowedOrigins)
		}
	}
}
