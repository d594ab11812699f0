package core

import (
	"context"
	"net/textproto"
	"strings"
	"testing"
)

// fakeExchange is an Exchange over plain maps, with fasthttp's semantics:
// SetResponseHeader replaces the first line of a name only, and the
// request's lines are handed out as bytes that the test may overwrite, as
// a server overwrites its buffer for the next request.
type fakeExchange struct {
	req     map[string][][]byte
	resp    []field // in order, a field per line
	ctx     context.Context
	routing Routing
	asked   struct{ context, routing int }
	read    map[string]int // request header reads by name
}

type field struct{ name, value string }

func newFakeExchange(method, path string, kv ...string) *fakeExchange {
	x := &fakeExchange{req: map[string][][]byte{}, ctx: context.Background(), read: map[string]int{}}
	for i := 0; i+1 < len(kv); i += 2 {
		k := textproto.CanonicalMIMEHeaderKey(kv[i])
		x.req[k] = append(x.req[k], []byte(kv[i+1]))
	}
	return x
}

func (x *fakeExchange) RequestHeader(name string) [][]byte {
	if x.read != nil {
		x.read[name]++
	}
	return x.req[name]
}

func (x *fakeExchange) ResponseHeader(name string) [][]byte {
	var out [][]byte
	for _, f := range x.resp {
		if f.name == name {
			out = append(out, []byte(f.value))
		}
	}
	return out
}

func (x *fakeExchange) ResponseHeaderNames() [][]byte {
	var out [][]byte
	for _, f := range x.resp {
		out = append(out, []byte(f.name))
	}
	return out
}

func (x *fakeExchange) SetResponseHeader(n, v []byte) {
	name, value := string(n), string(v)
	for i := range x.resp {
		if x.resp[i].name == name {
			x.resp[i].value = value
			return
		}
	}
	x.resp = append(x.resp, field{name, value})
}

func (x *fakeExchange) AddResponseHeader(name, value []byte) {
	x.resp = append(x.resp, field{string(name), string(value)})
}

func (x *fakeExchange) DelResponseHeader(name string) {
	kept := x.resp[:0]
	for _, f := range x.resp {
		if f.name != name {
			kept = append(kept, f)
		}
	}
	x.resp = kept
}

func (x *fakeExchange) Context() context.Context { x.asked.context++; return x.ctx }
func (x *fakeExchange) Routing() Routing         { x.asked.routing++; return x.routing }

func (x *fakeExchange) values(name string) string {
	var v []string
	for _, f := range x.resp {
		if f.name == name {
			v = append(v, f.value)
		}
	}
	return strings.Join(v, "|")
}

// overwrite replaces every byte of the request's header values, as a
// server reusing its buffer for the next request does.
func (x *fakeExchange) overwrite() {
	for _, lines := range x.req {
		for _, l := range lines {
			for i := range l {
				l[i] = 'X'
			}
		}
	}
}

func TestApplyExchangeWritesAndMerges(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowCredentials: true, AllowedHeaders: []string{"*"}})
	x := newFakeExchange("OPTIONS", "/api", "Origin", app, "Access-Control-Request-Method", "PUT",
		"Access-Control-Request-Headers", "x-a", "Access-Control-Request-Headers", "x-b")
	// Lines an earlier handler left: two Allow-Origin lines and a Vary.
	x.resp = []field{{hAllowOrigin, "stale1"}, {"Vary", "Accept-Encoding"}, {hAllowOrigin, "stale2"}}
	status, next := e.ApplyExchange(x, "OPTIONS", "/api")
	if status != 204 || next {
		t.Errorf("status %d, next %v; want 204, false", status, next)
	}
	for name, want := range map[string]string{
		hAllowOrigin:      app,
		hAllowCredentials: "true",
		hAllowHeaders:     "x-a|x-b",
		"Vary":            "Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
	} {
		if got := x.values(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// Vary complete already: left as it is.
	x = newFakeExchange("GET", "/", "Origin", app)
	x.resp = []field{{"Vary", "origin"}}
	e.ApplyExchange(x, "GET", "/")
	if got := x.values("Vary"); got != "origin" {
		t.Errorf("Vary = %q, want it untouched", got)
	}
	// Several Vary lines become one merged line.
	x = newFakeExchange("GET", "/", "Origin", app)
	x.resp = []field{{"Vary", "Accept"}, {"Vary", "Accept-Encoding"}}
	e.ApplyExchange(x, "GET", "/")
	if got := x.values("Vary"); got != "Accept, Accept-Encoding, Origin" {
		t.Errorf("Vary = %q, want one merged line", got)
	}
}

// TestApplyExchangeHandsUserCodeCopies is the fiber defect: the origin
// given to AllowOriginFunc, AllowOriginRequestFunc and the Logger must not
// change when the server reuses its buffer for the next request.
func TestApplyExchangeHandsUserCodeCopies(t *testing.T) {
	var kept []string
	logger, buf := bufferLogger(-8)
	e := mustNew(t, Policy{
		AllowOriginFunc: func(o string) bool { kept = append(kept, o); return false },
		AllowOriginRequestFunc: func(r *Request, o string) bool {
			kept = append(kept, o, r.Origin[0], r.Method, r.Path)
			return false
		},
		Logger: logger,
	})
	const origin = "https://tenant.example.com"
	x := newFakeExchange("GET", "/api", "Origin", origin)
	method, path := []byte("GET"), []byte("/api")
	e.ApplyExchange(x, view(method), view(path))
	x.overwrite()
	copy(method, "XXX")
	copy(path, "XXXX")
	want := []string{origin, origin, origin, "GET", "/api"}
	if strings.Join(kept, " ") != strings.Join(want, " ") {
		t.Errorf("user code kept %q, want %q", kept, want)
	}
	if !strings.Contains(buf.String(), origin) {
		t.Errorf("log lost the origin: %s", buf)
	}
}

func TestApplyExchangeAsksOnlyWhatItNeeds(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}})
	x := newFakeExchange("GET", "/", "Origin", app)
	e.ApplyExchange(x, "GET", "/")
	if x.asked.context != 0 || x.asked.routing != 0 {
		t.Errorf("asked for the context %d times and the routing %d times; want neither", x.asked.context, x.asked.routing)
	}
	paths, err := NewPaths(Policy{AllowedOrigins: []string{"*"}}, PathPolicy{Prefix: "/admin/", Policy: Policy{AllowedOrigins: []string{app}}})
	if err != nil {
		t.Fatal(err)
	}
	x = newFakeExchange("OPTIONS", "/", "Origin", "https://evil.example", "Access-Control-Request-Method", "PUT")
	x.routing = Routing{CaseInsensitive: true, IgnoreTrailingSlash: true}
	if status, _ := paths.ApplyExchange(x, "OPTIONS", "/ADMIN"); status != 403 || x.asked.routing != 1 {
		t.Errorf("/ADMIN under a case-insensitive router without strict slashes: status %d (asked routing %d times); want 403 from the /admin/ policy", status, x.asked.routing)
	}
}

func TestApplyExchangeAllocatesNothing(t *testing.T) {
	e := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowCredentials: true, MaxAge: 600})
	pre := newFakeExchange("OPTIONS", "/", "Origin", app, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type")
	actual := newFakeExchange("GET", "/", "Origin", app)
	none := newFakeExchange("GET", "/")
	for name, x := range map[string]*fakeExchange{"preflight": pre, "actual": actual, "no origin": none} {
		method := "GET"
		if x == pre {
			method = "OPTIONS"
		}
		x.resp = make([]field, 0, 16)
		if n := testing.AllocsPerRun(50, func() { x.resp = x.resp[:0]; e.ApplyExchange(nopExchange{x}, method, "/") }); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
}

// nopExchange reads from a fakeExchange and writes nowhere, so that only
// the core's allocations are counted.
type nopExchange struct{ x *fakeExchange }

func (n nopExchange) RequestHeader(name string) [][]byte { return n.x.req[name] }
func (nopExchange) ResponseHeader(string) [][]byte       { return nil }
func (nopExchange) ResponseHeaderNames() [][]byte        { return nil }
func (nopExchange) SetResponseHeader(_, _ []byte)        {}
func (nopExchange) AddResponseHeader(_, _ []byte)        {}
func (nopExchange) DelResponseHeader(string)             {}
func (nopExchange) Context() context.Context             { return context.Background() }
func (nopExchange) Routing() Routing                     { return Routing{} }

// TestApplyExchangeReadsLate checks that a preflight's headers are read
// only when the decision needs them: none past a refused origin, Private
// Network Access only when the policy answers it, and each once.
func TestApplyExchangeReadsLate(t *testing.T) {
	plain := mustNew(t, Policy{AllowedOrigins: []string{app}})
	pna := mustNew(t, Policy{AllowedOrigins: []string{app}, AllowPrivateNetwork: true})
	preflight := func(origin string) *fakeExchange {
		return newFakeExchange("OPTIONS", "/", "Origin", origin, "Access-Control-Request-Method", "PUT",
			"Access-Control-Request-Headers", "content-type", "Access-Control-Request-Private-Network", "true")
	}
	for _, tt := range []struct {
		name    string
		e       *Engine
		x       *fakeExchange
		headers int
		private int
	}{
		{"refused origin", plain, preflight("https://evil.example"), 0, 0},
		{"accepted, no Private Network Access in the policy", plain, preflight(app), 1, 0},
		{"accepted, Private Network Access answered", pna, preflight(app), 1, 1},
	} {
		tt.e.ApplyExchange(tt.x, "OPTIONS", "/")
		if h, p := tt.x.read[hRequestHeaders], tt.x.read[hRequestPrivateNetwork]; h != tt.headers || p != tt.private {
			t.Errorf("%s: read Access-Control-Request-Headers %d times and -Private-Network %d times; want %d and %d",
				tt.name, h, p, tt.headers, tt.private)
		}
	}
	if got := pnaAnswer(pna); got != "true" {
		t.Errorf("Access-Control-Allow-Private-Network = %q, want true", got)
	}
}

func pnaAnswer(e *Engine) string {
	x := newFakeExchange("OPTIONS", "/", "Origin", app, "Access-Control-Request-Method", "PUT",
		"Access-Control-Request-Private-Network", "true")
	e.ApplyExchange(x, "OPTIONS", "/")
	return x.values(hAllowPrivateNetwork)
}
