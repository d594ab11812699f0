package origin

import (
	"net/url"
	"strings"
	"testing"
)

var originSeeds = []string{
	"https://example.com", "http://localhost:3000", "http://[::1]:8080", "tauri://localhost",
	"chrome-extension://abcdefghijklmnopabcdefghijklmnop", "https://example.com.evil.com",
	"https://example.com@evil.com", "https://example.com%60.evil.com", "https://a.example.com.",
	"HTTPS://A.EXAMPLE.COM", "https://example.com:443", "null", "", "https://*.example.com",
	"https://*.example.com:8443", "http://[::ffff:127.0.0.1]", "https://example.com/", "https://h*",
	"*.example.com", "https://xn--bcher-kva.example", "http://[fe80::1%25eth0]", "https://a:08080",
	"http://2130706433", "http://0x7f.0.0.1", "http://127.1", "javascript://x", "tauri://123",
}

// FuzzParse checks that a request origin Parse accepts is exactly what a
// browser could send: it serializes back to itself, net/url reads it as
// scheme and host with nothing else, and it is lower case and bounded.
func FuzzParse(f *testing.F) {
	for _, s := range originSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, ok := Parse(s)
		if !ok {
			if o != (Origin{}) {
				t.Fatalf("Parse(%q) refused but returned %+v", s, o)
			}
			return
		}
		if o.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, o.String())
		}
		if len(s) > MaxLen || strings.ToLower(s) != s || strings.ContainsAny(s, " \t\r\n\\") {
			t.Fatalf("Parse(%q) accepted something a browser never sends", s)
		}
		if strings.Count(s, "/") != 2 || strings.ContainsAny(s, "?#@% \t") {
			t.Fatalf("Parse(%q) accepted a path, query, fragment, userinfo or escape", s)
		}
		u, err := url.Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) accepted what net/url refuses: %v", s, err)
		}
		if u.Scheme != o.Scheme || u.Hostname() != strings.Trim(o.Host, "[]") || u.Port() != o.Port ||
			u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
			t.Fatalf("Parse(%q) = %+v but net/url reads %#v", s, o, u)
		}
		// A configured origin written the same way normalises to it,
		// unless it carries the default port or a non-canonical IPv6 form,
		// or no browser would send it though it has the shape.
		spec, err := ParseSpec(s)
		if why := neverSent(o); why != nil {
			if err == nil {
				t.Fatalf("ParseSpec(%q) accepted an origin no browser sends (%v)", s, why)
			}
			return
		}
		if err != nil {
			t.Fatalf("ParseSpec(%q) refused a well-formed origin: %v", s, err)
		}
		if spec.Pattern {
			t.Fatalf("ParseSpec(%q) made a pattern of a well-formed origin", s)
		}
		if o.Port != DefaultPort(o.Scheme) && !strings.HasPrefix(o.Host, "[") && spec.Exact != s {
			t.Fatalf("ParseSpec(%q).Exact = %q", s, spec.Exact)
		}
	})
}

// FuzzParseSpec checks that normalisation is idempotent, that an exact
// spec's normal form is what a browser sends, and that a pattern is a
// leading "*" label over a host of at least two labels.
func FuzzParseSpec(f *testing.F) {
	for _, s := range originSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseSpec(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseSpec(%q): empty error", s)
			}
			return
		}
		norm := spec.String()
		again, err := ParseSpec(norm)
		if err != nil || again != spec {
			t.Fatalf("ParseSpec(%q) = %q, which parses again to %+v, %v", s, norm, again, err)
		}
		if strings.EqualFold(s, "null") {
			t.Fatalf("ParseSpec accepted %q", s)
		}
		if !spec.Pattern {
			o, ok := Parse(spec.Exact)
			if !ok || o.String() != spec.Exact {
				t.Fatalf("ParseSpec(%q).Exact = %q, which a browser never sends", s, spec.Exact)
			}
			if o.Port != "" && o.Port == DefaultPort(o.Scheme) {
				t.Fatalf("ParseSpec(%q) kept the default port", s)
			}
			return
		}
		if spec.Exact != "" || !strings.HasPrefix(spec.Suffix, ".") || !IsHost(spec.Suffix[1:]) ||
			!isScheme(spec.Scheme) || spec.Port != "" && !isPort(spec.Port) || spec.Port == DefaultPort(spec.Scheme) && spec.Port != "" {
			t.Fatalf("ParseSpec(%q) = %+v, not a valid pattern", s, spec)
		}
		if !strings.Contains(spec.Suffix[1:], ".") && spec.Suffix != ".localhost" {
			t.Fatalf("ParseSpec(%q) = %+v covers a whole top-level domain", s, spec)
		}
		// The pattern never matches its apex, and matches one label under it.
		apex := Origin{Scheme: spec.Scheme, Host: spec.Suffix[1:], Port: spec.Port}
		if spec.Matches(apex) {
			t.Fatalf("%q matches its apex %q", norm, apex)
		}
		if sub, ok := Parse(Origin{Scheme: spec.Scheme, Host: "a" + spec.Suffix, Port: spec.Port}.String()); ok && !spec.Matches(sub) {
			t.Fatalf("%q does not match %q", norm, sub)
		}
	})
}
