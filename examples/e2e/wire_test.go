package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

const (
	appOrigin  = "https://app.example.com"
	evilOrigin = "https://evil.example.net"
)

// wirePolicy is the policy of TestContract.
const wirePolicy = `{
	"allowedOrigins": ["https://app.example.com"],
	"allowedHeaders": ["Content-Type", "Authorization"],
	"exposedHeaders": ["X-Total-Count"]
}`

// call is one request of TestContract and what must come back.
type call struct {
	name    string
	method  string
	path    string
	header  map[string]string
	body    string
	status  int
	handler bool              // X-Handler: ran, the route's handler ran
	want    map[string]string // response headers; "" means absent
	check   func(t *testing.T, h http.Header, body string)
}

var requestID = regexp.MustCompile(`^[0-9a-f]{16}$`)

// contract is the README's Examples section, plus the CORS answers that show
// the middleware is attached application-wide: preflights are answered
// without an OPTIONS route, and the handler runs for a refused origin's
// actual request. The calls run in order against one server.
var contract = []call{
	{name: "list", method: "GET", path: "/api/items", status: 200, handler: true,
		want: map[string]string{"Access-Control-Allow-Origin": "", "X-Total-Count": "2"},
		check: func(t *testing.T, h http.Header, body string) {
			var items []map[string]any
			if err := json.Unmarshal([]byte(body), &items); err != nil || len(items) != 2 {
				t.Errorf("body %q: want a JSON list of 2 items (%v)", body, err)
			}
			if id := h.Get("X-Request-Id"); !requestID.MatchString(id) {
				t.Errorf("X-Request-Id %q: want 16 hex digits", id)
			}
			if !strings.Contains(h.Get("Vary"), "Origin") {
				t.Errorf("Vary %q: want Origin", h.Get("Vary"))
			}
		}},
	{name: "list from the app", method: "GET", path: "/api/items", header: map[string]string{"Origin": appOrigin},
		status: 200, handler: true,
		want: map[string]string{"Access-Control-Allow-Origin": appOrigin, "Access-Control-Expose-Headers": "X-Total-Count"}},
	{name: "list from a refused origin", method: "GET", path: "/api/items", header: map[string]string{"Origin": evilOrigin},
		status: 200, handler: true,
		want: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Expose-Headers": ""}},
	{name: "create", method: "POST", path: "/api/items", header: map[string]string{"Content-Type": "application/json"},
		body: `{"name":"from the test"}`, status: 201, handler: true,
		check: func(t *testing.T, h http.Header, body string) {
			if body != `{"name":"from the test"}` {
				t.Errorf("body %q: want the request body echoed", body)
			}
		}},
	{name: "list after create", method: "GET", path: "/api/items", status: 200, handler: true,
		want: map[string]string{"X-Total-Count": "3"}},
	{name: "replace", method: "PUT", path: "/api/items/7", body: `{"name":"seven"}`, status: 200, handler: true,
		check: wantJSON(`{"id":"7","name":"seven","done":false}`)},
	{name: "update", method: "PATCH", path: "/api/items/7", body: `{"done":true}`, status: 200, handler: true,
		check: wantJSON(`{"id":"7","name":"seven","done":true}`)},
	{name: "delete", method: "DELETE", path: "/api/items/7", status: 204, handler: true},
	{name: "health", method: "GET", path: "/healthz", status: 200, handler: true,
		check: func(t *testing.T, h http.Header, body string) {
			if body != "ok" {
				t.Errorf("body %q: want ok", body)
			}
		}},
	{name: "preflight", method: "OPTIONS", path: "/api/items/1",
		header: map[string]string{"Origin": appOrigin, "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "authorization,content-type"},
		status: 204,
		want: map[string]string{"Access-Control-Allow-Origin": appOrigin,
			"Vary": "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"},
		check: func(t *testing.T, h http.Header, body string) {
			if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "PUT") {
				t.Errorf("Access-Control-Allow-Methods %q: want PUT", h.Get("Access-Control-Allow-Methods"))
			}
			if ah := strings.ToLower(h.Get("Access-Control-Allow-Headers")); !strings.Contains(ah, "authorization") {
				t.Errorf("Access-Control-Allow-Headers %q: want authorization", ah)
			}
		}},
	{name: "preflight from a refused origin", method: "OPTIONS", path: "/api/items",
		header: map[string]string{"Origin": evilOrigin, "Access-Control-Request-Method": "POST"},
		status: 403, want: map[string]string{"Access-Control-Allow-Origin": ""}},
	{name: "preflight for a refused header", method: "OPTIONS", path: "/api/items",
		header: map[string]string{"Origin": appOrigin, "Access-Control-Request-Method": "GET",
			"Access-Control-Request-Headers": "x-api-key"},
		status: 403, want: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Headers": ""}},
	{name: "preflight for lower-case patch", method: "OPTIONS", path: "/api/items/1",
		header: map[string]string{"Origin": appOrigin, "Access-Control-Request-Method": "patch"},
		status: 403, want: map[string]string{"Access-Control-Allow-Methods": ""}},
}

func wantJSON(want string) func(*testing.T, http.Header, string) {
	return func(t *testing.T, h http.Header, body string) {
		if got := compact(body); got != compact(want) {
			t.Errorf("body %s, want %s", body, want)
		}
		if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q: want application/json", ct)
		}
	}
}

// compact returns the JSON s re-encoded, so that spacing and key order do
// not matter; s itself when it is not JSON.
func compact(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestContract checks each example against the README's Examples section
// over plain HTTP.
func TestContract(t *testing.T) {
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			srv := start(t, binary(t, fw), "-addr", "127.0.0.1:0", "-config", writePolicy(t, wirePolicy))
			for _, c := range contract {
				h, body := do(t, srv.URL, c)
				if t.Failed() {
					return
				}
				if got := h.Get("X-Handler") == "ran"; got != c.handler {
					t.Errorf("%s: handler ran %v, want %v (X-Handler %q)", c.name, got, c.handler, h.Get("X-Handler"))
				}
				for name, want := range c.want {
					if got := strings.Join(h.Values(name), ", "); got != want {
						t.Errorf("%s: %s %q, want %q", c.name, name, got, want)
					}
				}
				if c.check != nil {
					c.check(t, h, body)
				}
			}
		})
	}
}

// do sends c to the server at base and checks its status.
func do(t *testing.T, base string, c call) (http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != c.status {
		t.Errorf("%s: %s %s: status %d, want %d; body %q", c.name, c.method, c.path, res.StatusCode, c.status, body)
	}
	return res.Header, string(body)
}

// TestUnregisteredMethod checks that the examples register only the
// contract's methods: the router, not a catch-all, answers the others.
func TestUnregisteredMethod(t *testing.T) {
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			srv := start(t, binary(t, fw), "-addr", "127.0.0.1:0", "-config", writePolicy(t, wirePolicy))
			for _, m := range []string{"DELETE /healthz", "POST /api/items/1", "PUT /api/items", "GET /api/items/1"} {
				method, path, _ := strings.Cut(m, " ")
				req, _ := http.NewRequest(method, srv.URL+path, nil)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != 404 && res.StatusCode != 405 {
					t.Errorf("%s: status %d, want 404 or 405", m, res.StatusCode)
				}
				if res.Header.Get("X-Handler") != "" {
					t.Errorf("%s: a handler ran", m)
				}
			}
		})
	}
}

// TestBadConfig checks that a -config file that does not load or validate
// stops the example before it listens: the error on stderr naming the
// problem, exit status 2.
func TestBadConfig(t *testing.T) {
	bad := []struct {
		name, json, want string
	}{
		{"unknown key", `{"allowedOrigins": ["https://app.example.com"], "maxage": 600}`, `unknown key "maxage"`},
		{"syntax error", `{"allowedOrigins": ["https://app.example.com"],}`, "JSON syntax error"},
		{"no origins", `{"allowCredentials": true}`, "allowedOrigins"},
		{"wildcard with credentials", `{"allowedOrigins": ["*"], "allowCredentials": true}`, "allowCredentials"},
		{"origin with a path", `{"allowedOrigins": ["https://app.example.com/"]}`, "https://app.example.com/"},
	}
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			path := binary(t, fw)
			for _, b := range bad {
				code, stdout, stderr := run(t, path, "-addr", "127.0.0.1:0", "-config", writePolicy(t, b.json))
				if code != 2 {
					t.Errorf("%s: exit status %d, want 2", b.name, code)
				}
				if !strings.Contains(stderr, b.want) {
					t.Errorf("%s: stderr does not name the problem (%q):\n%s", b.name, b.want, stderr)
				}
				if out := stdout + stderr; strings.Contains(out, "listening on") {
					t.Errorf("%s: it listened:\n%s", b.name, out)
				}
			}
			code, _, stderr := run(t, path, "-addr", "127.0.0.1:0", "-config", "no-such-file.json")
			if code != 2 || !strings.Contains(stderr, "no-such-file.json") {
				t.Errorf("missing file: exit status %d, want 2; stderr:\n%s", code, stderr)
			}
		})
	}
}

// TestDemoPolicy checks that without -config an example says so and serves
// the demo policy, which lets the demo page's origin in.
func TestDemoPolicy(t *testing.T) {
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			srv := start(t, binary(t, fw), "-addr", "127.0.0.1:0")
			if !strings.Contains(srv.Output(), "built-in demo policy") {
				t.Errorf("no log line about the demo policy:\n%s", srv.Output())
			}
			h, _ := do(t, srv.URL, call{name: "demo preflight", method: "OPTIONS", path: "/api/items/1",
				header: map[string]string{"Origin": "http://127.0.0.1:8081", "Access-Control-Request-Method": "PUT",
					"Access-Control-Request-Headers": "authorization"},
				status: 204})
			if h.Get("Access-Control-Allow-Origin") != "http://127.0.0.1:8081" || h.Get("Access-Control-Allow-Credentials") != "true" {
				t.Errorf("demo policy not served: %v", h)
			}
		})
	}
}
