package check

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestNormalizeMethod(t *testing.T) {
	for in, want := range map[string]string{
		"get": "GET", "Put": "PUT", "delete": "DELETE", "options": "OPTIONS",
		"patch": "patch", "PATCH": "PATCH", "Patch": "Patch", "PROPFIND": "PROPFIND",
	} {
		if got := NormalizeMethod(in); got != want {
			t.Errorf("NormalizeMethod(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsSafelistedHeader(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"Accept", "application/json", true},
		{"Accept", "text/html; q=0.9 (x)", false},
		{"Accept-Language", "en-US,en;q=0.9", true},
		{"Accept-Language", "en_US", false},
		{"Content-Language", "de", true},
		{"Content-Type", "text/plain", true},
		{"content-type", "text/plain;charset=UTF-8", true},
		{"Content-Type", "application/x-www-form-urlencoded", true},
		{"Content-Type", "multipart/form-data; boundary=x", true},
		{"Content-Type", "Text/Plain", true},
		{"Content-Type", "application/json", false},
		{"Content-Type", "text/plain; a=\"@\"", false},
		{"Content-Type", "text/xml", false},
		{"Range", "bytes=0-", true},
		{"Range", "bytes=10-20", true},
		{"Range", "bytes=20-10", false},
		{"Range", "bytes=-5", false},
		{"Range", "bytes=0-1,3-4", false},
		{"Authorization", "Bearer x", false},
		{"X-Requested-With", "XMLHttpRequest", false},
		{"Accept", strings.Repeat("a", 129), false},
	}
	for _, tt := range tests {
		if got := IsSafelistedHeader(tt.name, tt.value); got != tt.want {
			t.Errorf("IsSafelistedHeader(%q, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestUnsafeHeaderNames(t *testing.T) {
	h := http.Header{}
	h.Set("X-Trace", "1")
	h.Set("Authorization", "Bearer x")
	h.Set("Content-Type", "application/json")
	h.Set("Accept", "*/*")
	want := []string{"authorization", "content-type", "x-trace"}
	if got := UnsafeHeaderNames(h); !reflect.DeepEqual(got, want) {
		t.Errorf("UnsafeHeaderNames = %q, want %q", got, want)
	}

	// Safelisted values above 1024 bytes in all make them all unsafe.
	big := http.Header{}
	for _, name := range []string{"Accept", "Accept-Language", "Content-Language"} {
		for i := 0; i < 3; i++ {
			big.Add(name, strings.Repeat("a", 120))
		}
	}
	want = []string{"accept", "accept-language", "content-language"}
	if got := UnsafeHeaderNames(big); !reflect.DeepEqual(got, want) {
		t.Errorf("UnsafeHeaderNames(over 1024 bytes) = %q, want %q", got, want)
	}
}

func TestPreflightHeader(t *testing.T) {
	h := http.Header{}
	h.Set("X-B", "1")
	h.Set("Authorization", "x")
	h.Set("Accept", "*/*")
	got := PreflightHeader(Request{Origin: "https://a.example", Method: "PUT", Header: h})
	for name, want := range map[string]string{
		"Origin":                         "https://a.example",
		"Access-Control-Request-Method":  "PUT",
		"Access-Control-Request-Headers": "authorization,x-b",
	} {
		if got.Get(name) != want {
			t.Errorf("%s = %q, want %q", name, got.Get(name), want)
		}
	}
	got = PreflightHeader(Request{Origin: "https://a.example", Method: "DELETE", Header: http.Header{}})
	if _, ok := got["Access-Control-Request-Headers"]; ok {
		t.Errorf("Access-Control-Request-Headers sent without unsafe headers")
	}
}

func TestPreflightReasons(t *testing.T) {
	h := http.Header{}
	if got := PreflightReasons(Request{Method: "GET", Header: h}); got != nil {
		t.Errorf("simple GET: reasons %q, want none", got)
	}
	h.Set("Content-Type", "text/plain")
	if got := PreflightReasons(Request{Method: "POST", Header: h}); got != nil {
		t.Errorf("POST text/plain: reasons %q, want none", got)
	}
	h.Set("Content-Type", "application/json")
	h.Set("Authorization", "x")
	got := strings.Join(PreflightReasons(Request{Method: "patch", Header: h}), "\n")
	for _, want := range []string{"method patch", "authorization is never safelisted", "application/json is not one of"} {
		if !strings.Contains(got, want) {
			t.Errorf("reasons %q lack %q", got, want)
		}
	}
}

const origin = "https://app.example.com"

// hdr builds a header from name, value pairs; a name may repeat.
func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func req(method string, credentials bool, kv ...string) Request {
	return Request{Origin: origin, Method: method, Header: hdr(kv...), Credentials: credentials}
}

func TestCORSCheck(t *testing.T) {
	tests := []struct {
		name   string
		creds  bool
		h      http.Header
		reason string // "" when the check passes
	}{
		{"star", false, hdr("Access-Control-Allow-Origin", "*"), ""},
		{"echo", false, hdr("Access-Control-Allow-Origin", origin), ""},
		{"echo with credentials", true, hdr("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "true"), ""},
		{"missing", false, hdr(), "has no Access-Control-Allow-Origin"},
		{"star with credentials", true, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), "is * but the request carries credentials"},
		{"two values", false, hdr("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Origin", origin), "sent 2 times"},
		{"list", false, hdr("Access-Control-Allow-Origin", origin+", https://b.example"), "holds a list"},
		{"trailing slash", false, hdr("Access-Control-Allow-Origin", origin+"/"), "trailing slash"},
		{"case", false, hdr("Access-Control-Allow-Origin", "https://App.example.com"), "letter case"},
		{"default port", false, hdr("Access-Control-Allow-Origin", origin+":443"), "default port"},
		{"null", false, hdr("Access-Control-Allow-Origin", "null"), "matches only opaque origins"},
		{"other origin", false, hdr("Access-Control-Allow-Origin", "https://other.example"), `is "https://other.example", but the request's origin is`},
		{"no credentials header", true, hdr("Access-Control-Allow-Origin", origin), "no Access-Control-Allow-Credentials: true"},
		{"credentials True", true, hdr("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "True"), `Access-Control-Allow-Credentials is "True"`},
		{"credentials twice", true, hdr("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Credentials", "true"), `"true, true"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CORSCheck(Request{Origin: origin, Method: "GET", Credentials: tt.creds}, tt.h)
			if tt.reason == "" {
				if got != nil {
					t.Fatalf("CORSCheck = %v, want success", got)
				}
				return
			}
			if len(got) == 0 || !strings.Contains(got[0].Reason, tt.reason) {
				t.Fatalf("CORSCheck = %v, want a reason containing %q", got, tt.reason)
			}
			if got[0].Fix == "" {
				t.Errorf("finding %q has no fix", got[0].Reason)
			}
		})
	}
}

func TestCORSCheckNullOrigin(t *testing.T) {
	r := Request{Origin: "null", Method: "GET"}
	if got := CORSCheck(r, hdr("Access-Control-Allow-Origin", "null")); got != nil {
		t.Errorf("null against null: %v", got)
	}
	if got := CORSCheck(r, hdr()); len(got) != 1 || strings.Contains(got[0].Fix, "Access-Control-Allow-Origin: null") ||
		!strings.Contains(got[0].Fix, "never allow null") {
		t.Errorf("null refused: %v, want the advice never to allow null", got)
	}
	v := Actual(r, 200, hdr("Access-Control-Allow-Origin", "null", "Vary", "Origin"))
	if !v.Allowed || len(v.Warnings) != 1 || !strings.Contains(v.Warnings[0].Reason, "sandboxed") {
		t.Errorf("null origin allowed: %+v, want allowed with a warning", v)
	}
}

func TestPreflight(t *testing.T) {
	ok := []string{"Access-Control-Allow-Origin", origin}
	okCreds := append(ok[:2:2], "Access-Control-Allow-Credentials", "true")
	with := func(base []string, kv ...string) []string { return append(base[:len(base):len(base)], kv...) }
	tests := []struct {
		name   string
		r      Request
		status int
		h      []string
		block  string // "" when allowed
		warn   string
	}{
		{"PUT allowed", req("PUT", false), 204, with(ok, "Access-Control-Allow-Methods", "GET, PUT"), "", ""},
		{"GET needs no listing", req("GET", false, "X-A", "1"), 200, with(ok, "Access-Control-Allow-Headers", "x-a"), "", ""},
		{"method star", req("DELETE", false), 204, with(ok, "Access-Control-Allow-Methods", "*"), "", ""},
		{"method star with credentials", req("DELETE", true), 204, with(okCreds, "Access-Control-Allow-Methods", "*"), `read * as a method literally named "*"`, ""},
		{"method missing header", req("PUT", false), 204, ok, "no Access-Control-Allow-Methods", ""},
		{"method not listed", req("PUT", false), 204, with(ok, "Access-Control-Allow-Methods", "GET, POST"), "(GET, POST) does not include PUT", ""},
		{"lower-case patch listed", req("PATCH", false), 204, with(ok, "Access-Control-Allow-Methods", "GET, patch"), `lists "patch", but methods are compared case-sensitively`, ""},
		{"script sends patch", req("patch", false), 204, with(ok, "Access-Control-Allow-Methods", "PATCH"), `method "patch" goes out as written`, ""},
		{"methods space-separated", req("PUT", false), 204, with(ok, "Access-Control-Allow-Methods", "GET PUT"), "not a comma-separated list of methods", ""},
		{"methods on two lines", req("PUT", false), 204, with(ok, "Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Methods", "PUT"), "", ""},
		{"header not allowed", req("GET", false, "X-Api-Key", "k"), 204, with(ok, "Access-Control-Allow-Headers", "Content-Type"), "(Content-Type) does not include x-api-key", ""},
		{"header case-insensitive", req("GET", false, "X-Api-Key", "k"), 204, with(ok, "Access-Control-Allow-Headers", "X-API-KEY"), "", ""},
		{"headers missing", req("GET", false, "X-Api-Key", "k"), 204, ok, "no Access-Control-Allow-Headers, but the request sets x-api-key", ""},
		{"header star", req("GET", false, "X-Api-Key", "k"), 204, with(ok, "Access-Control-Allow-Headers", "*"), "", ""},
		{"star never covers authorization", req("GET", false, "Authorization", "x"), 204, with(ok, "Access-Control-Allow-Headers", "*"), "* never covers Authorization", ""},
		{"authorization by name beside star", req("GET", false, "Authorization", "x", "X-A", "1"), 204, with(ok, "Access-Control-Allow-Headers", "Authorization, *"), "", ""},
		{"header star with credentials", req("GET", true, "X-A", "1"), 204, with(okCreds, "Access-Control-Allow-Headers", "*"), `read * as a header literally named "*"`, ""},
		{"404", req("PUT", false), 404, nil, "answered 404 Not Found", ""},
		{"405", req("PUT", false), 405, nil, "answered 405 Method Not Allowed", ""},
		{"403", req("PUT", false), 403, nil, "answered 403 Forbidden", ""},
		{"redirect", req("PUT", false), 301, []string{"Location", "https://x.example/"}, "never follow a redirect on a preflight", ""},
		{"wildcard with credentials", req("PUT", true), 204, []string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT"}, "is * but the request carries credentials", ""},
		{"credentials without ACAC", req("PUT", true), 204, with(ok, "Access-Control-Allow-Methods", "PUT"), "no Access-Control-Allow-Credentials: true", ""},
		{"max age above cap", req("PUT", false), 204, with(ok, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "86400"), "", "Chromium caches a preflight for at most 7200"},
		{"max age not a number", req("PUT", false), 204, with(ok, "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "1h"), "", "not a whole number of seconds"},
		{"star with ACAC true, no credentials", req("PUT", false), 204, []string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT"}, "", "the same call with credentials would be blocked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Preflight(tt.r, tt.status, hdr(tt.h...))
			if tt.block == "" {
				if !v.Allowed || len(v.Blocks) > 0 {
					t.Fatalf("blocked: %v", v.Blocks)
				}
			} else {
				if v.Allowed {
					t.Fatalf("allowed, want blocked for %q", tt.block)
				}
				if !hasFinding(v.Blocks, tt.block) {
					t.Fatalf("blocks %v lack %q", v.Blocks, tt.block)
				}
			}
			if tt.warn != "" && !hasFinding(v.Warnings, tt.warn) {
				t.Errorf("warnings %v lack %q", v.Warnings, tt.warn)
			}
			if tt.warn == "" && len(v.Warnings) > 0 {
				t.Errorf("unexpected warnings %v", v.Warnings)
			}
			for _, f := range append(v.Blocks, v.Warnings...) {
				if f.Fix == "" {
					t.Errorf("finding %q has no fix", f.Reason)
				}
			}
		})
	}
}

func TestPreflightCacheSeconds(t *testing.T) {
	base := []string{"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"}
	for maxAge, want := range map[string]int{"": DefaultMaxAge, "600": 600, "7200": 7200, "86400": 7200, "99999999999999999999": 7200, "-1": DefaultMaxAge, "0": 0} {
		h := hdr(base...)
		if maxAge != "" {
			h.Set("Access-Control-Max-Age", maxAge)
		}
		if got := Preflight(req("PUT", false), 204, h).CacheSeconds; got != want {
			t.Errorf("Max-Age %q: CacheSeconds = %d, want %d", maxAge, got, want)
		}
	}
}

func TestActual(t *testing.T) {
	v := Actual(req("GET", false), 200, hdr(
		"Access-Control-Allow-Origin", origin,
		"Vary", "Accept-Encoding, origin",
		"Access-Control-Expose-Headers", "X-Total-Count, Set-Cookie",
		"Content-Type", "application/json",
		"X-Total-Count", "2",
		"X-Request-Id", "1",
		"Set-Cookie", "a=b",
		"Date", "today",
	))
	if !v.Allowed {
		t.Fatalf("blocked: %v", v.Blocks)
	}
	if want := []string{"Content-Type", "X-Total-Count"}; !reflect.DeepEqual(v.Readable, want) {
		t.Errorf("Readable = %q, want %q", v.Readable, want)
	}
	if want := []string{"X-Request-Id"}; !reflect.DeepEqual(v.Hidden, want) {
		t.Errorf("Hidden = %q, want %q", v.Hidden, want)
	}
	if len(v.Warnings) != 1 || !hasFinding(v.Warnings, "never let scripts read Set-Cookie") {
		t.Errorf("Warnings = %v, want only the Set-Cookie one", v.Warnings)
	}
}

func TestActualVary(t *testing.T) {
	v := Actual(req("GET", false), 200, hdr("Access-Control-Allow-Origin", origin))
	if !v.Allowed || !hasFinding(v.Warnings, "Vary does not name Origin") {
		t.Errorf("echo without Vary: allowed=%v warnings=%v, want allowed with a Vary warning", v.Allowed, v.Warnings)
	}
	for _, vary := range []string{"Origin", "*", "accept, ORIGIN"} {
		v := Actual(req("GET", false), 200, hdr("Access-Control-Allow-Origin", origin, "Vary", vary))
		if len(v.Warnings) > 0 {
			t.Errorf("Vary %q: warnings %v", vary, v.Warnings)
		}
	}
	v = Actual(req("GET", false), 200, hdr("Access-Control-Allow-Origin", "*"))
	if len(v.Warnings) > 0 {
		t.Errorf("* without Vary: warnings %v, want none", v.Warnings)
	}
}

func TestActualExposeStar(t *testing.T) {
	h := hdr("Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials", "true", "Vary", "Origin",
		"Access-Control-Expose-Headers", "*", "X-A", "1")
	v := Actual(req("GET", false), 200, h)
	if !reflect.DeepEqual(v.Readable, []string{"X-A"}) {
		t.Errorf("* without credentials: Readable = %q, want [X-A]", v.Readable)
	}
	v = Actual(req("GET", true), 200, h)
	if len(v.Readable) != 0 || !reflect.DeepEqual(v.Hidden, []string{"X-A"}) || !hasFinding(v.Warnings, "exposes nothing") {
		t.Errorf("* with credentials: Readable=%q Hidden=%q Warnings=%v", v.Readable, v.Hidden, v.Warnings)
	}
}

func TestActualBlocked(t *testing.T) {
	v := Actual(req("GET", true), 200, hdr("Access-Control-Allow-Origin", "*"))
	if v.Allowed || !hasFinding(v.Blocks, "is * but the request carries credentials: browsers block this.") {
		t.Errorf("wildcard with credentials: %+v", v)
	}
	if v.Readable != nil || v.Hidden != nil {
		t.Errorf("a blocked response lists readable headers")
	}
}

func TestRedirect(t *testing.T) {
	v := Redirect(req("GET", false), 302, hdr("Location", "/x"))
	if v.Allowed || !hasFinding(v.Blocks, "The 302 redirect itself fails the CORS check: the response has no") {
		t.Errorf("Redirect without CORS headers: %+v", v)
	}
	if v := Redirect(req("GET", false), 302, hdr("Location", "/x", "Access-Control-Allow-Origin", "*")); !v.Allowed {
		t.Errorf("Redirect with *: blocked %v", v.Blocks)
	}
}

func hasFinding(fs []Finding, substr string) bool {
	for _, f := range fs {
		if strings.Contains(f.Reason, substr) {
			return true
		}
	}
	return false
}
