package core

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
)

func mustNew(t testing.TB, p Policy) *Engine {
	t.Helper()
	e, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func preflightReq(origin, method string, headers ...string) Request {
	return Request{Method: "OPTIONS", Path: "/api/items", Origin: []string{origin},
		AccessControlRequestMethod: []string{method}, AccessControlRequestHeaders: headers}
}

// TestReasons checks the machine-readable reason of each kind of refusal.
func TestReasons(t *testing.T) {
	e := mustNew(t, Policy{
		AllowedOrigins: []string{app},
		AllowedMethods: []string{"GET", "POST"},
		AllowedHeaders: []string{"Content-Type"},
	})
	tests := []struct {
		name   string
		req    Request
		reason Reason
		why    string
	}{
		{"origin not allowed", Request{Method: "GET", Origin: []string{"https://evil.example.com"}}, ReasonOriginNotAllowed,
			"origin not allowed: https://evil.example.com"},
		{"origin malformed", Request{Method: "GET", Origin: []string{"https://App.example.com"}}, ReasonOriginMalformed,
			"origin malformed: https://App.example.com"},
		{"origin null", Request{Method: "GET", Origin: []string{"null"}}, ReasonOriginMalformed, "origin malformed: null"},
		{"origin empty", Request{Method: "GET", Origin: []string{""}}, ReasonOriginMalformed, "origin malformed"},
		{"origin repeated", Request{Method: "GET", Origin: []string{app, app}}, ReasonOriginRepeated, "origin repeated: " + app},
		{"method not allowed", preflightReq(app, "PATCH"), ReasonMethodNotAllowed, "method not allowed: PATCH"},
		{"method case", preflightReq(app, "post"), ReasonMethodNotAllowed, "method not allowed: post"},
		{"method forbidden", preflightReq(app, "CONNECT"), ReasonMethodForbidden, "method forbidden: CONNECT"},
		{"method empty", preflightReq(app, ""), ReasonMethodMalformed, "method malformed"},
		{"method malformed", preflightReq(app, "G(E)T"), ReasonMethodMalformed, "method malformed: G(E)T"},
		{"method repeated", Request{Method: "OPTIONS", Origin: []string{app}, AccessControlRequestMethod: []string{"GET", "GET"}},
			ReasonMethodRepeated, "method repeated: GET"},
		{"header not allowed", preflightReq(app, "GET", "content-type, x-foo"), ReasonHeaderNotAllowed, "header not allowed: x-foo"},
		{"header not allowed, any case", preflightReq(app, "GET", "X-Foo"), ReasonHeaderNotAllowed, "header not allowed: x-foo"},
		{"header malformed", preflightReq(app, "GET", "x/foo"), ReasonHeaderMalformed, "header malformed: x/foo"},
		{"headers too many", preflightReq(app, "GET", strings.Repeat("content-type,", 101)), ReasonHeadersTooMany, "request headers too many"},
		{"headers too many lines", preflightReq(app, "GET", "a", "b", "c", "d", "e"), ReasonHeadersTooMany, "request headers too many"},
		{"headers too long", preflightReq(app, "GET", strings.Repeat("a", MaxRequestHeadersLen+1)), ReasonHeadersTooLong, "request headers too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Evaluate(tt.req)
			if d.Allowed || d.Reason != tt.reason {
				t.Fatalf("allowed %v reason %v, want refused for %v", d.Allowed, d.Reason, tt.reason)
			}
			if got := d.Why(); got != tt.why {
				t.Errorf("Why() = %q, want %q", got, tt.why)
			}
			if !strings.HasPrefix(d.Why(), tt.reason.String()) {
				t.Errorf("Why() %q does not start with the reason %q", d.Why(), tt.reason)
			}
			if len(d.Headers()) != 0 {
				t.Errorf("a refusal sets %v", d.Headers())
			}
			if d.Explain() == "" {
				t.Error("Explain() is empty")
			}
		})
	}
}

// TestAllowedHasNoReason checks an allowed decision reports nothing.
func TestAllowedHasNoReason(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}})
	for _, req := range []Request{
		{Method: "GET"},
		{Method: "GET", Origin: []string{app}},
		preflightReq(app, "PUT", "content-type"),
	} {
		d := e.Evaluate(req)
		if !d.Allowed || d.Reason != ReasonNone || d.Why() != "" || d.Explain() != "" || d.Detail != "" {
			t.Errorf("%+v: allowed %v reason %v why %q explain %q", req, d.Allowed, d.Reason, d.Why(), d.Explain())
		}
	}
	var zero Decision
	if zero.Why() != "" || zero.Explain() != "" {
		t.Error("the zero Decision explains something")
	}
}

// TestExplainGivesTheFix checks Explain says what to change.
func TestExplainGivesTheFix(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		req    Request
		wants  []string
	}{
		{"origin", Policy{AllowedOrigins: []string{app}}, Request{Method: "GET", Origin: []string{"https://admin.example.com"}},
			[]string{"CORS headers withheld: ", `"https://admin.example.com"`, "[https://app.example.com]", "add it to allowedOrigins"}},
		{"origin on a preflight", Policy{AllowedOrigins: []string{app}}, preflightReq("https://admin.example.com", "PUT"),
			[]string{"preflight refused: ", "add it to allowedOrigins"}},
		{"method", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"GET"}}, preflightReq(app, "PATCH"),
			[]string{`method "PATCH" not in allowedMethods [GET]`, "add it to allowedMethods"}},
		{"method in lower case", Policy{AllowedOrigins: []string{app}}, preflightReq(app, "patch"),
			[]string{`method "patch"`, "compare case-sensitively", `write "PATCH" in the script`}},
		{"method default list", Policy{AllowedOrigins: []string{app}}, preflightReq(app, "PURGE"),
			[]string{"[GET HEAD PUT PATCH POST DELETE]", "add it to allowedMethods"}},
		{"header", Policy{AllowedOrigins: []string{app}}, preflightReq(app, "PUT", "X-Foo"),
			[]string{`header "x-foo" not in allowedHeaders [accept content-type x-requested-with]`, "add it to allowedHeaders"}},
		{"authorization under star", Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"*"}}, preflightReq(app, "PUT", "authorization"),
			[]string{`"authorization" is not covered by "*"`, `list "Authorization" by name beside "*"`}},
		{"too long", Policy{AllowedOrigins: []string{app}}, preflightReq(app, "PUT", strings.Repeat("x", 20000)),
			[]string{"over 16384 bytes"}},
		{"malformed", Policy{AllowedOrigins: []string{app}}, Request{Method: "GET", Origin: []string{"https://app.example.com/"}},
			[]string{"is not scheme://host[:port]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustNew(t, tt.policy).Evaluate(tt.req)
			got := d.Explain()
			for _, w := range tt.wants {
				if !strings.Contains(got, w) {
					t.Errorf("Explain() = %q, want it to contain %q", got, w)
				}
			}
		})
	}
}

func TestKindAndReasonStrings(t *testing.T) {
	for k, want := range map[Kind]string{NotCORS: "not CORS", Actual: "actual", Preflight: "preflight", Kind(9): "unknown"} {
		if k.String() != want {
			t.Errorf("Kind(%d) = %q, want %q", k, k.String(), want)
		}
	}
	for r := ReasonNone; r <= ReasonHeadersTooMany; r++ {
		if s := r.String(); s == "" || strings.HasPrefix(s, "reason(") {
			t.Errorf("Reason %d has no text", r)
		}
	}
	if Reason(200).String() != "reason(200)" {
		t.Errorf("unknown reason: %q", Reason(200).String())
	}
}

// TestRequestHeaderBounds checks the documented bounds exactly at their
// edges.
func TestRequestHeaderBounds(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"*"}})
	names := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = "x-a"
		}
		return strings.Join(s, ",")
	}
	long := func(n int) string { return "x-" + strings.Repeat("a", n-2) }
	tests := []struct {
		name    string
		headers []string
		reason  Reason
	}{
		{"100 names", []string{names(100)}, ReasonNone},
		{"101 names", []string{names(101)}, ReasonHeadersTooMany},
		{"100 names over 4 lines", []string{names(25), names(25), names(25), names(25)}, ReasonNone},
		{"101 names over 4 lines", []string{names(25), names(25), names(25), names(26)}, ReasonHeadersTooMany},
		{"a few empty items pass", []string{", " + names(90) + ",, ,"}, ReasonNone},
		{"empty items count toward the bound", []string{names(90) + strings.Repeat(", ,", 10)}, ReasonHeadersTooMany},
		{"16384 bytes", []string{long(MaxRequestHeadersLen)}, ReasonNone},
		{"16385 bytes", []string{long(MaxRequestHeadersLen + 1)}, ReasonHeadersTooLong},
		{"16385 bytes over 2 lines", []string{long(8192), long(8193)}, ReasonHeadersTooLong},
		{"4 lines", []string{"a", "b", "c", "d"}, ReasonNone},
		{"5 lines", []string{"a", "b", "c", "d", "e"}, ReasonHeadersTooMany},
		{"5 empty lines", []string{"", "", "", "", ""}, ReasonHeadersTooMany},
		{"1000 names in 20 KB", []string{strings.Repeat("x-header-name-1234,", 1000)}, ReasonHeadersTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Evaluate(preflightReq(app, "PUT", tt.headers...))
			if d.Reason != tt.reason {
				t.Errorf("reason %v, want %v", d.Reason, tt.reason)
			}
		})
	}
}

// TestOriginFuncsConsulted checks when AllowOriginFunc and
// AllowOriginRequestFunc run: only for well-formed origins that no entry
// matches, never for null, malformed or repeated origins, and the request
// func sees the request.
func TestOriginFuncsConsulted(t *testing.T) {
	var calls []string
	var reqCalls []string
	var seen Request
	e := mustNew(t, Policy{
		AllowedOrigins: []string{app, "https://*.example.org"},
		AllowOriginFunc: func(o string) bool {
			calls = append(calls, o)
			return o == "https://func.test"
		},
		AllowOriginRequestFunc: func(r *Request, o string) bool {
			reqCalls = append(reqCalls, o)
			seen = *r
			return o == "https://db.test" && r.Path == "/tenant"
		},
	})
	type want struct {
		allowed      bool
		func1, func2 bool
	}
	ctx := context.WithValue(context.Background(), ctxKey{}, "tenant")
	tests := []struct {
		origin []string
		path   string
		want   want
	}{
		{[]string{app}, "/", want{true, false, false}},
		{[]string{"https://a.example.org"}, "/", want{true, false, false}},
		{[]string{"https://func.test"}, "/", want{true, true, false}},
		{[]string{"https://db.test"}, "/tenant", want{true, true, true}},
		{[]string{"https://db.test"}, "/other", want{false, true, true}},
		{[]string{"https://other.test:8443"}, "/", want{false, true, true}},
		{[]string{"null"}, "/", want{false, false, false}},
		{[]string{""}, "/", want{false, false, false}},
		{[]string{"https://Func.test"}, "/", want{false, false, false}},
		{[]string{"https://func.test/"}, "/", want{false, false, false}},
		{[]string{"https://func.test."}, "/", want{false, false, false}},
		{[]string{"https://func.test", "https://func.test"}, "/", want{false, false, false}},
		{[]string{" https://func.test\t"}, "/", want{true, true, false}},
	}
	for _, tt := range tests {
		calls, reqCalls = nil, nil
		d := e.Evaluate(Request{Method: "GET", Path: tt.path, Origin: tt.origin, Context: ctx})
		got := want{d.Allowed, len(calls) > 0, len(reqCalls) > 0}
		if got != tt.want {
			t.Errorf("%q on %s: allowed, func, request func = %v, want %v", tt.origin, tt.path, got, tt.want)
		}
		for _, c := range append(calls, reqCalls...) {
			if c != strings.Trim(tt.origin[0], " \t") {
				t.Errorf("a func got %q for Origin %q", c, tt.origin[0])
			}
		}
		if len(reqCalls) > 0 && (seen.Path != tt.path || seen.Ctx() != ctx || seen.Method != "GET") {
			t.Errorf("the request func saw %+v", seen)
		}
	}
	// The same for a preflight.
	calls, reqCalls = nil, nil
	d := e.Evaluate(preflightReq("https://func.test", "PUT"))
	if !d.Allowed || len(calls) != 1 {
		t.Errorf("preflight: allowed %v, func calls %v", d.Allowed, calls)
	}
	calls, reqCalls = nil, nil
	if d := e.Evaluate(preflightReq("null", "PUT")); d.Allowed || len(calls)+len(reqCalls) != 0 {
		t.Errorf("preflight from null: allowed %v, calls %v %v", d.Allowed, calls, reqCalls)
	}
}

// TestRequestCtx checks Ctx falls back to the background context.
func TestRequestCtx(t *testing.T) {
	var r Request
	if r.Ctx() != context.Background() {
		t.Error("nil Context is not Background")
	}
	ctx := context.WithValue(context.Background(), ctxKey{}, 1)
	r.Context = ctx
	if r.Ctx() != ctx {
		t.Error("Ctx does not return Context")
	}
}

func TestReconfigure(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}})
	req := Request{Method: "GET", Origin: []string{"https://new.example.com"}}
	if e.Evaluate(req).Allowed {
		t.Fatal("allowed before Reconfigure")
	}
	// A bad policy is refused and the old one keeps serving.
	err := e.Reconfigure(Policy{AllowedOrigins: []string{"https://new.example.com/"}, MaxAge: 1e6})
	if err == nil || !strings.Contains(err.Error(), `allowedOrigins[0] "https://new.example.com/"`) || !strings.Contains(err.Error(), `maxAge "1000000"`) {
		t.Fatalf("Reconfigure error %v", err)
	}
	if d := e.Evaluate(Request{Method: "GET", Origin: []string{app}}); !d.Allowed || headerMap(&d)[hAllowOrigin] != app {
		t.Errorf("the old policy stopped serving after a refused Reconfigure: %+v", d)
	}
	if e.Evaluate(req).Allowed {
		t.Error("a refused Reconfigure changed the policy")
	}
	// A good one takes over.
	if err := e.Reconfigure(Policy{AllowedOrigins: []string{"https://new.example.com"}, AllowCredentials: true}); err != nil {
		t.Fatal(err)
	}
	if d := e.Evaluate(req); !d.Allowed || headerMap(&d)[hAllowCredentials] != "true" {
		t.Errorf("Reconfigure did not apply: %+v", d)
	}
	if e.Evaluate(Request{Method: "GET", Origin: []string{app}}).Allowed {
		t.Error("the old policy still serves after Reconfigure")
	}
}

// TestReconfigureConcurrent runs Evaluate while the policy changes, for the
// race detector: each decision is wholly under one policy.
func TestReconfigureConcurrent(t *testing.T) {
	a := Policy{AllowedOrigins: []string{app}, AllowCredentials: true}
	b := Policy{AllowedOrigins: []string{"*"}}
	e := mustNew(t, a)
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; !stop.Load(); i++ {
			p := a
			if i%2 == 1 {
				p = b
			}
			if err := e.Reconfigure(p); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < 2000; i++ {
		d := e.Evaluate(Request{Method: "GET", Origin: []string{app}})
		h := headerMap(&d)
		switch h[hAllowOrigin] {
		case app:
			if h[hAllowCredentials] != "true" || d.Vary != "Origin" {
				t.Fatalf("half of policy a: %v vary %q", h, d.Vary)
			}
		case "*":
			if h[hAllowCredentials] != "" || d.Vary != "" {
				t.Fatalf("half of policy b: %v vary %q", h, d.Vary)
			}
		default:
			t.Fatalf("answer %v", h)
		}
	}
	stop.Store(true)
	<-done
}

// bufferLogger returns a debug-level JSON logger writing to a buffer.
func bufferLogger(level slog.Level) (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: level})), &buf
}

func TestLoggerRecordsRefusals(t *testing.T) {
	logger, buf := bufferLogger(slog.LevelDebug)
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"GET"}, Logger: logger})

	// Allowed requests log nothing.
	for _, req := range []Request{
		{Method: "GET", Path: "/api/items"},
		{Method: "GET", Path: "/api/items", Origin: []string{app}},
		preflightReq(app, "GET", "content-type"),
	} {
		h := map[string][]string{}
		apply(e, &req, h)
	}
	if buf.Len() != 0 {
		t.Fatalf("allowed requests logged: %s", buf)
	}

	tests := []struct {
		req   Request
		wants []string
	}{
		{Request{Method: "POST", Path: "/api/items", Origin: []string{"https://evil.example.com"}},
			[]string{`"level":"DEBUG"`, `"reason":"origin not allowed: https://evil.example.com"`, `"origin":"https://evil.example.com"`,
				`"method":"POST"`, `"path":"/api/items"`, `"kind":"actual"`, "add it to allowedOrigins"}},
		{preflightReq(app, "PATCH"),
			[]string{`"level":"DEBUG"`, `"reason":"method not allowed: PATCH"`, `"origin":"https://app.example.com"`,
				`"method":"OPTIONS"`, `"path":"/api/items"`, `"kind":"preflight"`, `"msg":"preflight refused: `}},
		{preflightReq(app, "GET", "x-foo"), []string{`"reason":"header not allowed: x-foo"`}},
	}
	for _, tt := range tests {
		buf.Reset()
		h := map[string][]string{}
		apply(e, &tt.req, h)
		line := buf.String()
		if strings.Count(line, "\n") != 1 {
			t.Errorf("%d log lines, want 1: %s", strings.Count(line, "\n"), line)
		}
		for _, w := range tt.wants {
			if !strings.Contains(line, w) {
				t.Errorf("log %s does not contain %s", line, w)
			}
		}
	}

	// ApplyExchange logs the same way.
	buf.Reset()
	x := newFakeExchange("GET", "/x", "Origin", "null")
	e.ApplyExchange(x, "GET", "/x")
	if !strings.Contains(buf.String(), `"reason":"origin malformed: null"`) {
		t.Errorf("ApplyExchange log: %s", buf)
	}

	// A logger above debug level records nothing.
	quiet, qbuf := bufferLogger(slog.LevelInfo)
	eq := mustNew(t, Policy{AllowedOrigins: []string{app}, Logger: quiet})
	req := Request{Method: "GET", Origin: []string{"https://evil.example.com"}}
	apply(eq, &req, map[string][]string{})
	if qbuf.Len() != 0 {
		t.Errorf("an info-level logger recorded a refusal: %s", qbuf)
	}
}

// TestLoggerClipsHostileDetail checks a huge Origin does not flood the log.
func TestLoggerClipsHostileDetail(t *testing.T) {
	logger, buf := bufferLogger(slog.LevelDebug)
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, Logger: logger})
	req := Request{Method: "GET", Origin: []string{"https://" + strings.Repeat("a", 10000) + ".com"}}
	apply(e, &req, map[string][]string{})
	if buf.Len() > 2000 {
		t.Errorf("a 10 KB origin made a %d-byte log line", buf.Len())
	}
}

// TestLookAlikesRefused is issue 2's look-alike list against a policy that
// allows https://example.com and its subdomains: none gets a CORS header.
func TestLookAlikesRefused(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{"https://example.com", "https://*.example.com"}, AllowCredentials: true})
	for _, ok := range []string{"https://example.com", "https://a.example.com", "https://a.b.example.com"} {
		if d := e.Evaluate(Request{Method: "GET", Origin: []string{ok}}); !d.Allowed {
			t.Errorf("%s refused: %s", ok, d.Why())
		}
	}
	for _, bad := range []string{
		"https://example.com.evil.com", "https://a.example.com.evil.com", "https://evilexample.com",
		"http://a.example.com", "http://example.com", "null", "https://example.com@evil.com",
		"https://example.com%60.evil.com", "https://a.example.com.", "https://example.com.",
		"HTTPS://EXAMPLE.COM", "https://A.example.com", "https://example.com:443", "https://a.example.com:443",
		"https://example.com/", "https://user@example.com", "https://example.com:8443", "https://xexample.com",
		"wss://a.example.com", "https://.example.com", "https://a..example.com",
	} {
		d := e.Evaluate(Request{Method: "GET", Origin: []string{bad}})
		if d.Allowed || len(d.Headers()) != 0 || d.Vary != "Origin" {
			t.Errorf("%s: allowed %v headers %v vary %q", bad, d.Allowed, d.Headers(), d.Vary)
		}
		p := e.Evaluate(preflightReq(bad, "GET"))
		if p.Allowed || len(p.Headers()) != 0 || p.Status != 403 {
			t.Errorf("preflight %s: allowed %v headers %v status %d", bad, p.Allowed, p.Headers(), p.Status)
		}
	}
}

// ctxKey keys the test contexts.
type ctxKey struct{}

// TestBrowserLinesAgreeWithTheWalk checks the preflight shortcut for the
// Access-Control-Request-Headers lines browsers send: every line must get
// the decision that walking its names gives, allowed or not.
func TestBrowserLinesAgreeWithTheWalk(t *testing.T) {
	p := Policy{
		AllowedOrigins: []string{app},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-Request-Id", "X-Trace"},
	}
	fast := mustNew(t, p)
	slow := mustNew(t, p)
	walk := *slow.load().def
	walk.browserLines = nil
	slow.state.Store(&state{def: &walk})
	if n := len(fast.load().def.browserLines); n != 15 {
		t.Fatalf("%d precomputed lines for 4 names, want 15", n)
	}
	lines := append([]string{
		"authorization,content-type,x-request-id,x-trace",
		"Authorization,Content-Type", "content-type, authorization", "x-request-id,content-type",
		"authorization,authorization", "authorization,x-api-key", "x-api-key", ",", "", "authorization,",
	}, fast.load().def.browserLines...)
	for _, l := range lines {
		req := preflightReq(app, "PUT", l)
		got, want := fast.Evaluate(req), slow.Evaluate(req)
		if got.Allowed != want.Allowed || got.Reason != want.Reason || got.Detail != want.Detail ||
			allowHeaders(got) != allowHeaders(want) {
			t.Errorf("line %q: shortcut allowed=%v %v %q, walk allowed=%v %v %q", l,
				got.Allowed, got.Reason, allowHeaders(got), want.Allowed, want.Reason, allowHeaders(want))
		}
	}
	if d := fast.Evaluate(preflightReq(app, "PUT", "authorization,content-type,x-request-id,x-trace")); !d.Allowed {
		t.Errorf("a browser's line of four allowed names refused: %s", d.Why())
	}
}

func allowHeaders(d Decision) string {
	for _, f := range d.Headers() {
		if f.Name == hAllowHeaders {
			return f.Value
		}
	}
	return ""
}
