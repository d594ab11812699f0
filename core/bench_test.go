package core

import (
	"strconv"
	"strings"
	"testing"
)

// benchPolicy is a typical credentialed application policy.
var benchPolicy = Policy{
	AllowedOrigins:   []string{"https://app.example.com", "https://admin.example.com", "https://*.example.org"},
	AllowedMethods:   []string{"GET", "POST", "PUT", "PATCH", "DELETE"},
	AllowedHeaders:   []string{"Content-Type", "Authorization", "X-Request-Id"},
	ExposedHeaders:   []string{"X-Total-Count"},
	AllowCredentials: true,
	MaxAge:           600,
}

// thousandHeaders is an Access-Control-Request-Headers of 1000 names,
// about 20 KB: past the documented bounds.
var thousandHeaders = func() string {
	names := make([]string, 1000)
	for i := range names {
		names[i] = "x-custom-header-" + strconv.Itoa(1000+i)
	}
	return strings.Join(names, ",")
}()

// benchRequests are the paths of BenchmarkEvaluate, with the outcome each
// must have so that the benchmark measures what its name says.
var benchRequests = []struct {
	name    string
	req     Request
	kind    Kind
	allowed bool
}{
	{"actual-allowed", Request{Method: "GET", Path: "/api/items", Origin: []string{"https://app.example.com"}}, Actual, true},
	{"actual-refused", Request{Method: "GET", Path: "/api/items", Origin: []string{"https://evil.example.com"}}, Actual, false},
	{"no-origin", Request{Method: "GET", Path: "/api/items"}, NotCORS, true},
	{"preflight-allowed", Request{Method: "OPTIONS", Path: "/api/items", Origin: []string{"https://app.example.com"},
		AccessControlRequestMethod:  []string{"PUT"},
		AccessControlRequestHeaders: []string{"content-type,authorization,x-request-id"}}, Preflight, true},
	{"preflight-refused", Request{Method: "OPTIONS", Path: "/api/items", Origin: []string{"https://app.example.com"},
		AccessControlRequestMethod:  []string{"PUT"},
		AccessControlRequestHeaders: []string{"content-type,x-api-key"}}, Preflight, false},
	{"preflight-1000-headers", Request{Method: "OPTIONS", Path: "/api/items", Origin: []string{"https://app.example.com"},
		AccessControlRequestMethod:  []string{"PUT"},
		AccessControlRequestHeaders: []string{thousandHeaders}}, Preflight, false},
}

func BenchmarkEvaluate(b *testing.B) {
	e := mustNew(b, benchPolicy)
	for _, br := range benchRequests {
		br := br
		b.Run(br.name, func(b *testing.B) {
			if d := e.Evaluate(br.req); d.Kind != br.kind || d.Allowed != br.allowed {
				b.Fatalf("kind %v allowed %v (%s), want %v %v", d.Kind, d.Allowed, d.Why(), br.kind, br.allowed)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = e.Evaluate(br.req)
			}
		})
	}
}

// TestEvaluateDoesNotAllocate asserts Evaluate allocates nothing on every
// path: each kind of request, each kind of refusal, each header-building
// branch and both origin funcs. Allocation counts are deterministic, unlike
// timings, which no test asserts.
func TestEvaluateDoesNotAllocate(t *testing.T) {
	bench := mustNew(t, benchPolicy)
	star := mustNew(t, Policy{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"X-Total-Count"}})
	reflect := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"},
		AllowCredentials: true, AllowPrivateNetwork: true, MaxAge: -1, OptionsPassthrough: true})
	funcs := mustNew(t, Policy{
		AllowedOrigins:         []string{app},
		AllowOriginFunc:        func(o string) bool { return o == "https://func.test" },
		AllowOriginRequestFunc: func(r *Request, o string) bool { return r.Path == "/tenant" && o == "https://db.test" },
	})
	upper := "X-" + strings.Repeat("A", 70) // longer than headerAllowed's stack buffer

	paths := []struct {
		name string
		e    *Engine
		req  Request
	}{
		{"not CORS", bench, Request{Method: "GET"}},
		{"not CORS, plain star", star, Request{Method: "GET"}},
		{"actual, plain star", star, Request{Method: "GET", Origin: []string{"null"}}},
		{"preflight, plain star", star, preflightReq("https://x.test", "PUT", "content-type")},
		{"actual allowed", bench, Request{Method: "GET", Origin: []string{"https://app.example.com"}}},
		{"actual allowed with spaces", bench, Request{Method: "GET", Origin: []string{" https://app.example.com\t"}}},
		{"actual allowed by pattern", bench, Request{Method: "GET", Origin: []string{"https://a.b.example.org"}}},
		{"actual refused", bench, Request{Method: "GET", Origin: []string{"https://evil.example.com"}}},
		{"actual malformed", bench, Request{Method: "GET", Origin: []string{"HTTPS://APP.EXAMPLE.COM"}}},
		{"actual repeated", bench, Request{Method: "GET", Origin: []string{app, app}}},
		{"actual huge origin", bench, Request{Method: "GET", Origin: []string{strings.Repeat("a", 100000)}}},
		{"preflight allowed", bench, preflightReq(app, "PUT", "content-type,authorization")},
		{"preflight allowed, upper-case headers", bench, preflightReq(app, "PUT", "Content-Type, AUTHORIZATION, X-Request-Id")},
		{"preflight allowed, no headers", bench, preflightReq(app, "DELETE")},
		{"preflight refused origin", bench, preflightReq("https://evil.example.com", "PUT")},
		{"preflight refused method", bench, preflightReq(app, "PURGE")},
		{"preflight forbidden method", bench, preflightReq(app, "TRACE")},
		{"preflight empty method", bench, preflightReq(app, "")},
		{"preflight repeated method", bench, Request{Method: "OPTIONS", Origin: []string{app}, AccessControlRequestMethod: []string{"PUT", "PUT"}}},
		{"preflight refused header", bench, preflightReq(app, "PUT", "x-api-key")},
		{"preflight long upper-case header", bench, preflightReq(app, "PUT", upper)},
		{"preflight malformed header", bench, preflightReq(app, "PUT", "x/y")},
		{"preflight 1000 headers", bench, preflightReq(app, "PUT", thousandHeaders)},
		{"preflight 101 names", reflect, preflightReq(app, "PUT", strings.Repeat("x-a,", 101))},
		{"preflight 5 lines", bench, preflightReq(app, "PUT", "a", "b", "c", "d", "e")},
		{"preflight reflected", reflect, Request{Method: "OPTIONS", Origin: []string{app}, AccessControlRequestMethod: []string{"PURGE"},
			AccessControlRequestHeaders: []string{"x-a, x-b", "x-c", "", "x-d"}, AccessControlRequestPrivateNetwork: []string{"true"}}},
		{"origin func yes", funcs, Request{Method: "GET", Origin: []string{"https://func.test"}}},
		{"origin request func yes", funcs, Request{Method: "GET", Path: "/tenant", Origin: []string{"https://db.test"}}},
		{"origin funcs no", funcs, preflightReq("https://other.test", "PUT")},
		{"origin funcs skipped for null", funcs, Request{Method: "GET", Origin: []string{"null"}}},
	}
	for _, p := range paths {
		req := p.req
		if n := testing.AllocsPerRun(200, func() { _ = p.e.Evaluate(req) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %v times", p.name, n)
		}
	}
	// The benchmarks' own requests.
	for _, br := range benchRequests {
		req := br.req
		if n := testing.AllocsPerRun(200, func() { _ = bench.Evaluate(req) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %v times", br.name, n)
		}
	}
	// Headers and Vary of a decision are read without allocating too.
	req := preflightReq(app, "PUT", "content-type")
	if n := testing.AllocsPerRun(200, func() {
		d := bench.Evaluate(req)
		for _, f := range d.Headers() {
			_ = f.Name + "" // no-op
		}
		_ = d.Vary
	}); n != 0 {
		t.Errorf("reading a decision allocates %v times", n)
	}
}

// TestPerPathEvaluateDoesNotAllocate covers the per-path engine.
func TestPerPathEvaluateDoesNotAllocate(t *testing.T) {
	e, err := NewPaths(benchPolicy,
		PathPolicy{Prefix: "/api/public/", Policy: Policy{AllowedOrigins: []string{"*"}}},
		PathPolicy{Prefix: "/admin", Policy: Policy{AllowedOrigins: []string{"https://admin.example.com"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/items", "/api/public/x", "/admin", "/admin/users", "/administrator", ""} {
		req := Request{Method: "GET", Path: path, Origin: []string{app}}
		if n := testing.AllocsPerRun(200, func() { _ = e.Evaluate(req) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %v times", path, n)
		}
	}
}
