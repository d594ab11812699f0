package core

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// apply is ApplyHTTP for a Request built by hand: decide, write into h,
// log.
func apply(e *Engine, req *Request, h http.Header) Decision {
	var d Decision
	e.decide(req, &d)
	d.writeHTTP(h)
	d.log(req)
	return d
}

func TestMergeVary(t *testing.T) {
	tests := []struct {
		existing, add string
		want          string
		changed       bool
	}{
		{"", "", "", false},
		{"Accept-Encoding", "", "Accept-Encoding", false},
		{"", "Origin", "Origin", true},
		{"  ", "Origin", "Origin", true},
		{"Accept-Encoding", "Origin", "Accept-Encoding, Origin", true},
		{"Origin", "Origin", "Origin", false},
		{"origin", "Origin", "origin", false},
		{"Accept-Encoding, ORIGIN", "Origin", "Accept-Encoding, ORIGIN", false},
		{"*", "Origin", "*", false},
		{"Accept, *", "Origin, Access-Control-Request-Method", "Accept, *", false},
		{"Origin", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
			"Origin, Access-Control-Request-Method, Access-Control-Request-Headers", true},
		{"Accept-Encoding", "Origin, Access-Control-Request-Method",
			"Accept-Encoding, Origin, Access-Control-Request-Method", true},
		{"access-control-request-method", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
			"access-control-request-method, Origin, Access-Control-Request-Headers", true},
		{"Originals", "Origin", "Originals, Origin", true},
		{" Origin ,", "Origin", " Origin ,", false},
	}
	for _, tt := range tests {
		got, changed := mergeVary([]string{tt.existing}, tt.add)
		if !changed {
			got = tt.existing
		}
		if got != tt.want || changed != tt.changed {
			t.Errorf("mergeVary(%q, %q) = %q, %v; want %q, %v", tt.existing, tt.add, got, changed, tt.want, tt.changed)
		}
	}
}

// varyTokens returns the Vary tokens of h in order.
func varyTokens(h http.Header) []string {
	var out []string
	for _, l := range h.Values("Vary") {
		for _, tok := range strings.Split(l, ",") {
			if tok = strings.TrimSpace(tok); tok != "" {
				out = append(out, tok)
			}
		}
	}
	return out
}

func TestApplyVary(t *testing.T) {
	credentialed := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowPrivateNetwork: true})
	star := mustNew(t, Policy{AllowedOrigins: []string{"*"}})
	actual := Request{Method: "GET", Origin: []string{app}}
	pre := preflightReq(app, "PUT")
	tests := []struct {
		name     string
		e        *Engine
		req      Request
		existing []string
		want     []string // Vary lines after Apply
	}{
		{"fresh", credentialed, actual, nil, []string{"Origin"}},
		{"kept and appended", credentialed, actual, []string{"Accept-Encoding"}, []string{"Accept-Encoding", "Origin"}},
		{"several lines kept", credentialed, actual, []string{"Accept-Encoding", "Cookie"}, []string{"Accept-Encoding", "Cookie", "Origin"}},
		{"no duplicate", credentialed, actual, []string{"Accept-Encoding, origin"}, []string{"Accept-Encoding, origin"}},
		{"star respected", credentialed, actual, []string{"*"}, []string{"*"}},
		{"star respected on a preflight", credentialed, pre, []string{"Cookie", "*"}, []string{"Cookie", "*"}},
		{"preflight fresh", credentialed, pre, nil,
			[]string{"Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"}},
		{"preflight only the missing", credentialed, pre, []string{"Origin", "Access-Control-Request-Headers"},
			[]string{"Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method", "Access-Control-Request-Private-Network"}},
		{"not CORS still varies", credentialed, Request{Method: "GET"}, []string{"Accept"}, []string{"Accept", "Origin"}},
		{"refused still varies", credentialed, Request{Method: "GET", Origin: []string{"https://evil.test"}}, nil, []string{"Origin"}},
		{"plain star adds nothing", star, Request{Method: "GET", Origin: []string{app}}, []string{"Accept-Encoding"}, []string{"Accept-Encoding"}},
		{"plain star, not CORS, adds nothing", star, Request{Method: "GET"}, nil, nil},
		{"plain star preflight leaves Origin out", star, preflightReq("null", "PUT"), []string{"Accept-Encoding"},
			[]string{"Accept-Encoding", "Access-Control-Request-Method, Access-Control-Request-Headers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.existing != nil {
				h["Vary"] = append([]string(nil), tt.existing...)
			}
			req := tt.req
			apply(tt.e, &req, h)
			if got := h["Vary"]; strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Vary %q, want %q", got, tt.want)
			}
			seen := map[string]bool{}
			for _, tok := range varyTokens(h) {
				if seen[strings.ToLower(tok)] {
					t.Errorf("Vary names %q twice: %q", tok, h["Vary"])
				}
				seen[strings.ToLower(tok)] = true
			}
		})
	}
}

// TestApplyTwiceIsIdempotent covers a middleware attached twice.
func TestApplyTwiceIsIdempotent(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowCredentials: true, ExposedHeaders: []string{"X-Total-Count"}})
	for _, req := range []Request{{Method: "GET", Origin: []string{app}}, preflightReq(app, "PUT", "content-type")} {
		h := http.Header{"Vary": {"Accept-Encoding"}}
		apply(e, &req, h)
		once := h.Clone()
		apply(e, &req, h)
		for k, v := range once {
			if strings.Join(h[k], "|") != strings.Join(v, "|") {
				t.Errorf("%s after a second Apply: %q, want %q", k, h[k], v)
			}
		}
	}
}

// TestApplyNeverWritesIntoExistingSlices checks Apply leaves the backing
// arrays of header slices it found untouched, whatever their capacity.
func TestApplyNeverWritesIntoExistingSlices(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowCredentials: true,
		AllowedHeaders: []string{"*"}, ExposedHeaders: []string{"X-Total-Count"}})
	for _, req := range []Request{
		{Method: "GET", Origin: []string{app}},
		{Method: "GET"},
		preflightReq(app, "PUT", "x-a", "x-b"),
	} {
		backing := make([]string, 1, 8)
		backing[0] = "Accept-Encoding"
		spare := backing[:8]
		for i := 1; i < len(spare); i++ {
			spare[i] = "untouched"
		}
		shared := make([]string, 1, 8) // an ACAO slice a handler shares between responses
		shared[0] = "https://handler.example"
		sharedSpare := shared[:8]
		h := http.Header{"Vary": backing, hAllowOrigin: shared}
		apply(e, &req, h)
		for i := 1; i < len(spare); i++ {
			if spare[i] != "untouched" || sharedSpare[i] != "" {
				t.Fatalf("%+v: Apply wrote into a slice it found: %q %q", req, spare, sharedSpare)
			}
		}
		if backing[0] != "Accept-Encoding" || shared[0] != "https://handler.example" {
			t.Fatalf("%+v: Apply changed an element it found", req)
		}
	}
}

// TestApplyResponsesShareNothing checks a handler editing one response's
// headers in place cannot change the next response.
func TestApplyResponsesShareNothing(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowCredentials: true, ExposedHeaders: []string{"X-Total-Count"}})
	req := Request{Method: "GET", Origin: []string{app}}
	h1 := http.Header{}
	apply(e, &req, h1)
	for k := range h1 {
		v := h1[k]
		v[0] = "tampered"
		// Appending in place must not reach another header either.
		_ = append(v, "appended")
	}
	h2 := http.Header{}
	apply(e, &req, h2)
	want := map[string]string{hAllowOrigin: app, hAllowCredentials: "true", hExposeHeaders: "X-Total-Count", "Vary": "Origin"}
	for k, v := range want {
		if strings.Join(h2[k], "|") != v {
			t.Errorf("%s = %q, want %q", k, h2[k], v)
		}
	}
	h3 := http.Header{}
	apply(e, &req, h3)
	for k, v := range h3 {
		if len(v) != cap(v) {
			t.Errorf("%s has spare capacity %d: appending would write into a shared array", k, cap(v)-len(v))
		}
	}
}

// TestApplyReflectedHeaderLines checks reflected request-header lines
// become one Allow-Headers line each.
func TestApplyReflectedHeaderLines(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowCredentials: true, AllowedHeaders: []string{"*"}})
	req := preflightReq(app, "PUT", " x-a, x-b ", "", "\tx-c")
	h := http.Header{}
	d := apply(e, &req, h)
	if !d.Allowed || d.Next || d.Status != 204 {
		t.Fatalf("decision %+v", d)
	}
	if got := h[hAllowHeaders]; strings.Join(got, "|") != "x-a, x-b|x-c" {
		t.Errorf("Allow-Headers %q", got)
	}
}

func TestFromHTTP(t *testing.T) {
	r := httptest.NewRequest("OPTIONS", "http://api.test/api/items?x=1", nil)
	r.Header["Origin"] = []string{app}
	r.Header["Access-Control-Request-Method"] = []string{"PUT"}
	r.Header["Access-Control-Request-Headers"] = []string{"a", "b"}
	r.Header["Access-Control-Request-Private-Network"] = []string{"true"}
	req := fromHTTP(r)
	if req.Method != "OPTIONS" || req.Path != "/api/items" || req.Origin[0] != app ||
		req.AccessControlRequestMethod[0] != "PUT" || req.Context != r.Context() {
		t.Errorf("fromHTTP = %+v", req)
	}
	if req.AccessControlRequestHeaders != nil || req.AccessControlRequestPrivateNetwork != nil {
		t.Errorf("fromHTTP read the headers the decision may not need: %+v", req)
	}
	if got := req.requestHeaders(); len(got) != 2 {
		t.Errorf("Access-Control-Request-Headers read late: %q", got)
	}
	if got := req.privateNetwork(); len(got) != 1 || got[0] != "true" {
		t.Errorf("Access-Control-Request-Private-Network read late: %q", got)
	}
	if r2 := fromHTTP(httptest.NewRequest("GET", "/", nil)); r2.Origin != nil || r2.AccessControlRequestMethod != nil || r2.later != nil {
		t.Errorf("absent headers are not nil: %+v", r2)
	}
}

func TestApplyReplacesABlankVary(t *testing.T) {
	e, err := New(Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{"Vary": {""}}
	req := Request{Method: "GET", Origin: []string{"https://app.example.com"}}
	apply(e, &req, h)
	if got := h.Values("Vary"); len(got) != 1 || got[0] != "Origin" {
		t.Errorf("Vary = %q, want [Origin]", got)
	}
}
