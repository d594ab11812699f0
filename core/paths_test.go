package core

import (
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
