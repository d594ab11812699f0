package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const origin = "https://app.example.com"

// fake is a CORS server whose answers a test chooses, right or wrong.
type fake struct {
	allowOrigin []string // Access-Control-Allow-Origin values; "echo" echoes the Origin
	credentials string   // Access-Control-Allow-Credentials
	methods     string   // Access-Control-Allow-Methods
	headers     string   // Access-Control-Allow-Headers
	expose      string   // Access-Control-Expose-Headers
	maxAge      string   // Access-Control-Max-Age
	vary        string   // Vary, on every response
	status      int      // preflight status; 204 when 0
	bareActual  bool     // answer the actual request without CORS headers

	mu   sync.Mutex
	seen []*http.Request // every request received
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.seen = append(f.seen, r.Clone(r.Context()))
	f.mu.Unlock()

	h := w.Header()
	if f.vary != "" {
		h.Set("Vary", f.vary)
	}
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if preflight || !f.bareActual {
		for _, v := range f.allowOrigin {
			if v == "echo" {
				v = r.Header.Get("Origin")
			}
			h.Add("Access-Control-Allow-Origin", v)
		}
		set(h, "Access-Control-Allow-Credentials", f.credentials)
	}
	if preflight {
		set(h, "Access-Control-Allow-Methods", f.methods)
		set(h, "Access-Control-Allow-Headers", f.headers)
		set(h, "Access-Control-Max-Age", f.maxAge)
		if f.status == 0 {
			f.status = http.StatusNoContent
		}
		w.WriteHeader(f.status)
		return
	}
	if !f.bareActual {
		set(h, "Access-Control-Expose-Headers", f.expose)
	}
	h.Set("Content-Type", "application/json")
	h.Set("X-Total-Count", "2")
	h.Set("X-Request-Id", "42")
	w.Write([]byte("[]"))
}

func set(h http.Header, name, value string) {
	if value != "" {
		h.Set(name, value)
	}
}

// requests returns the requests the server received.
func (f *fake) requests() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.seen...)
}

// good returns a correct server for origin, with credentials allowed.
func good() *fake {
	return &fake{
		allowOrigin: []string{"echo"},
		credentials: "true",
		methods:     "GET, POST, PUT, PATCH, DELETE",
		headers:     "Content-Type, Authorization, X-Api-Key",
		expose:      "X-Total-Count",
		maxAge:      "600",
		vary:        "Origin",
	}
}

// start serves f on loopback for the duration of the test.
func start(t *testing.T, h http.Handler) string {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL
}

// corscheck runs the command and returns its exit status and its outputs,
// with runs of white space in stdout folded to one space, so that tests do
// not depend on where lines wrap.
func corscheck(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	t.Logf("corscheck %s -> %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	return code, strings.Join(strings.Fields(out.String()), " "), errOut.String()
}

func TestCLI(t *testing.T) {
	tests := []struct {
		name   string
		server *fake
		args   []string // before the URL
		code   int
		want   []string // in stdout
		reject []string // not in stdout
	}{
		{
			name:   "simple GET needs no preflight",
			server: &fake{allowOrigin: []string{"*"}},
			code:   0,
			want: []string{"preflight: not needed: GET is a CORS-safelisted method", "actual: > GET",
				"ALLOWED readable by the script: Content-Length, Content-Type",
				"hidden from the script: X-Request-Id, X-Total-Count", "result: ALLOWED: a browser lets the script"},
			reject: []string{"warning", "OPTIONS"},
		},
		{
			name:   "simple POST with a form type needs no preflight",
			server: &fake{allowOrigin: []string{"*"}},
			args:   []string{"-method", "post", "-body-type", "application/x-www-form-urlencoded"},
			code:   0,
			want:   []string{"preflight: not needed: POST is a CORS-safelisted method and every header the script sets is safelisted"},
		},
		{
			name:   "preflighted PUT allowed",
			server: good(),
			args:   []string{"-method", "PUT", "-header", "Authorization", "-body-type", "application/json"},
			code:   0,
			want: []string{"preflight: needed, because - method PUT is not one of GET, HEAD, POST - header authorization is never safelisted - content-type application/json is not one of",
				"> OPTIONS", "< 204 No Content ALLOWED: browsers cache this answer for 600 seconds.",
				"> PUT", "< 200 OK ALLOWED readable by the script: Content-Length, Content-Type, X-Total-Count",
				"result: ALLOWED"},
			reject: []string{"warning"},
		},
		{
			name:   "credentials allowed",
			server: good(),
			args:   []string{"-credentials", "-method", "DELETE"},
			code:   0,
			want:   []string{"credentials: include", "result: ALLOWED"},
		},
		{
			name:   "wildcard with credentials",
			server: &fake{allowOrigin: []string{"*"}, credentials: "true"},
			args:   []string{"-credentials"},
			code:   1,
			want: []string{"BLOCKED: - Access-Control-Allow-Origin is * but the request carries credentials: browsers block this. Fix: echo the request's origin (Access-Control-Allow-Origin: https://app.example.com) and add Vary: Origin.",
				"result: BLOCKED"},
		},
		{
			name:   "wildcard with credentials on the preflight",
			server: &fake{allowOrigin: []string{"*"}, credentials: "true", methods: "*", headers: "*"},
			args:   []string{"-credentials", "-method", "PUT", "-header", "X-Api-Key"},
			code:   1,
			want: []string{"is * but the request carries credentials",
				`Access-Control-Allow-Methods is *, but with credentials browsers read * as a method literally named "*", so PUT is not allowed`,
				`Access-Control-Allow-Headers is *, but with credentials browsers read * as a header literally named "*", so x-api-key is not allowed`,
				"actual: not sent"},
		},
		{
			name:   "echo without Vary: Origin is a warning only",
			server: &fake{allowOrigin: []string{"echo"}},
			code:   0,
			want: []string{"ALLOWED", "warning: Access-Control-Allow-Origin echoes the origin, but Vary does not name Origin",
				"Fix: add Vary: Origin", "result: ALLOWED, with 1 warning"},
		},
		{
			name:   "wrong Allow-Methods list",
			server: &fake{allowOrigin: []string{"echo"}, methods: "GET, POST", vary: "Origin"},
			args:   []string{"-method", "PUT"},
			code:   1,
			want: []string{"Access-Control-Allow-Methods (GET, POST) does not include PUT. Fix: add PUT to it",
				"actual: not sent: a browser does not send the request when its preflight fails.", "result: BLOCKED"},
		},
		{
			name:   "no Allow-Methods at all",
			server: &fake{allowOrigin: []string{"echo"}},
			args:   []string{"-method", "DELETE"},
			code:   1,
			want:   []string{"The preflight response has no Access-Control-Allow-Methods, so only GET, HEAD and POST are allowed, not DELETE."},
		},
		{
			name:   "lower-case patch listed for PATCH",
			server: &fake{allowOrigin: []string{"echo"}, methods: "GET, patch"},
			args:   []string{"-method", "PATCH"},
			code:   1,
			want:   []string{`Access-Control-Allow-Methods lists "patch", but methods are compared case-sensitively and the browser asks for PATCH. Fix: list PATCH, in capital letters.`},
		},
		{
			name:   "script sends patch, server lists PATCH",
			server: &fake{allowOrigin: []string{"echo"}, methods: "PATCH"},
			args:   []string{"-method", "patch"},
			code:   1,
			want:   []string{`The script's method "patch" goes out as written`, `Fix: write method: "PATCH" in the script.`},
		},
		{
			name:   "header not allowed",
			server: &fake{allowOrigin: []string{"echo"}, headers: "Content-Type"},
			args:   []string{"-header", "X-Api-Key"},
			code:   1,
			want:   []string{"Access-Control-Allow-Headers (Content-Type) does not include x-api-key. Fix: add X-Api-Key to it"},
		},
		{
			name:   "star in Allow-Headers does not cover Authorization",
			server: &fake{allowOrigin: []string{"*"}, methods: "*", headers: "*"},
			args:   []string{"-method", "PUT", "-header", "Authorization,X-Api-Key"},
			code:   1,
			want:   []string{"Access-Control-Allow-Headers is *, but * never covers Authorization: browsers require it by name. Fix: list it by name: Access-Control-Allow-Headers: Authorization, *."},
			reject: []string{"x-api-key is not allowed"},
		},
		{
			name:   "Authorization listed beside star",
			server: &fake{allowOrigin: []string{"*"}, methods: "*", headers: "authorization, *"},
			args:   []string{"-method", "PUT", "-header", "Authorization,X-Api-Key"},
			code:   0,
			want:   []string{"result: ALLOWED"},
		},
		{
			name:   "preflight 404",
			server: &fake{status: 404},
			args:   []string{"-method", "PUT"},
			code:   1,
			want: []string{"The preflight was answered 404 Not Found; browsers need a 2xx status.",
				"Fix: nothing answers OPTIONS on this path: the CORS middleware does not run for it."},
		},
		{
			name:   "preflight 405",
			server: &fake{status: 405},
			args:   []string{"-method", "PUT"},
			code:   1,
			want:   []string{"answered 405 Method Not Allowed", "the router refused the OPTIONS method before the CORS middleware saw it"},
		},
		{
			name:   "preflight 403",
			server: &fake{status: 403, vary: "Origin"},
			args:   []string{"-method", "PUT"},
			code:   1,
			want:   []string{"answered 403 Forbidden", "CORS middlewares answer 403 to a preflight they refuse"},
		},
		{
			name:   "preflight 403 with every CORS header",
			server: &fake{status: 403, allowOrigin: []string{"echo"}, methods: "PUT"},
			args:   []string{"-method", "PUT"},
			code:   1,
			want:   []string{"answered 403 Forbidden"},
		},
		{
			name:   "two Access-Control-Allow-Origin values",
			server: &fake{allowOrigin: []string{"echo", "echo"}, vary: "Origin"},
			code:   1,
			want: []string{`Access-Control-Allow-Origin is sent 2 times ("https://app.example.com", "https://app.example.com"); browsers accept exactly one value.`,
				"both a proxy and the application add CORS headers"},
		},
		{
			name:   "a list of origins",
			server: &fake{allowOrigin: []string{"https://app.example.com, https://admin.example.com"}},
			code:   1,
			want:   []string{"Access-Control-Allow-Origin holds a list"},
		},
		{
			name:   "trailing slash",
			server: &fake{allowOrigin: []string{origin + "/"}},
			code:   1,
			want: []string{`Access-Control-Allow-Origin is "https://app.example.com/", with a trailing slash`,
				"Fix: send https://app.example.com without the slash"},
		},
		{
			name:   "another origin",
			server: &fake{allowOrigin: []string{"https://admin.example.com"}},
			code:   1,
			want:   []string{`Access-Control-Allow-Origin is "https://admin.example.com", but the request's origin is https://app.example.com.`},
		},
		{
			name:   "credentials without Allow-Credentials",
			server: &fake{allowOrigin: []string{"echo"}, vary: "Origin"},
			args:   []string{"-credentials"},
			code:   1,
			want: []string{"The request carries credentials, but the response has no Access-Control-Allow-Credentials: true.",
				"Fix: send Access-Control-Allow-Credentials: true"},
		},
		{
			name:   "credentials with Allow-Credentials: True",
			server: &fake{allowOrigin: []string{"echo"}, credentials: "True", vary: "Origin"},
			args:   []string{"-credentials"},
			code:   1,
			want:   []string{`Access-Control-Allow-Credentials is "True"; browsers accept only the exact value true.`},
		},
		{
			name:   "preflight passes, actual response lacks CORS headers",
			server: &fake{allowOrigin: []string{"echo"}, methods: "PUT", bareActual: true},
			args:   []string{"-method", "PUT"},
			code:   1,
			want:   []string{"ALLOWED: browsers cache this answer for 5 seconds.", "actual: > PUT", "< 200 OK BLOCKED: - The response has no Access-Control-Allow-Origin header"},
		},
		{
			name:   "Max-Age above Chromium's cap",
			server: &fake{allowOrigin: []string{"*"}, methods: "PUT", maxAge: "86400"},
			args:   []string{"-method", "PUT"},
			code:   0,
			want: []string{"ALLOWED: browsers cache this answer for 7200 seconds.",
				"warning: Access-Control-Max-Age is 86400, but Chromium caches a preflight for at most 7200 seconds", "result: ALLOWED, with 1 warning"},
		},
		{
			name:   "exposed headers",
			server: &fake{allowOrigin: []string{"*"}, expose: "X-Total-Count, x-request-id"},
			code:   0,
			want:   []string{"readable by the script: Content-Length, Content-Type, X-Request-Id, X-Total-Count"},
			reject: []string{"hidden"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := start(t, tt.server)
			args := append([]string{"-origin", origin}, tt.args...)
			args = append(args, url+"/api/items")
			code, out, _ := corscheck(t, args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d", code, tt.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, r := range tt.reject {
				if strings.Contains(out, r) {
					t.Errorf("output has %q", r)
				}
			}
		})
	}
}

// TestRequestsOnTheWire checks what corscheck sends: the preflight as
// browsers send it, without credentials, then the actual request with them.
func TestRequestsOnTheWire(t *testing.T) {
	f := good()
	url := start(t, f)
	code, _, _ := corscheck(t, "-origin", origin, "-method", "put", "-credentials",
		"-header", "X-Api-Key", "-header", "Authorization: Bearer t0ken", "-body-type", "application/json", url+"/api/items/1")
	if code != 0 {
		t.Fatalf("exit status %d, want 0", code)
	}
	seen := f.requests()
	if len(seen) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(seen))
	}
	pre, act := seen[0], seen[1]
	for name, want := range map[string]string{
		"Origin":                         origin,
		"Access-Control-Request-Method":  "PUT",
		"Access-Control-Request-Headers": "authorization,content-type,x-api-key",
		"Cookie":                         "",
		"Authorization":                  "",
		"X-Api-Key":                      "",
	} {
		if got := pre.Header.Get(name); got != want {
			t.Errorf("preflight %s = %q, want %q", name, got, want)
		}
	}
	if pre.Method != http.MethodOptions || pre.URL.Path != "/api/items/1" {
		t.Errorf("preflight is %s %s, want OPTIONS /api/items/1", pre.Method, pre.URL.Path)
	}
	for name, want := range map[string]string{
		"Origin":                        origin,
		"Cookie":                        "corscheck=1",
		"Authorization":                 "Bearer t0ken",
		"X-Api-Key":                     "corscheck",
		"Content-Type":                  "application/json",
		"Access-Control-Request-Method": "",
	} {
		if got := act.Header.Get(name); got != want {
			t.Errorf("actual %s = %q, want %q", name, got, want)
		}
	}
	if act.Method != http.MethodPut {
		t.Errorf("actual method %s, want PUT", act.Method)
	}
}

func TestPreflightRefusedSendsNoActualRequest(t *testing.T) {
	f := &fake{allowOrigin: []string{"echo"}, methods: "GET"}
	url := start(t, f)
	if code, _, _ := corscheck(t, "-origin", origin, "-method", "DELETE", url); code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("server saw %d requests, want the preflight only", n)
	}
}

func TestVerbose(t *testing.T) {
	url := start(t, good())
	var out bytes.Buffer
	if code := run([]string{"-origin", origin, "-method", "PUT", "-header", "X-Api-Key", "-v", url + "/x"}, &out, &out); code != 0 {
		t.Fatalf("exit status %d, want 0\n%s", code, out.String())
	}
	for _, want := range []string{
		"  > OPTIONS /x HTTP/1.1\n",
		"  > Access-Control-Request-Headers: x-api-key\n",
		"  > Access-Control-Request-Method: PUT\n",
		"  < HTTP/1.1 204 No Content\n",
		"  < Access-Control-Allow-Origin: https://app.example.com\n",
		"  > PUT /x HTTP/1.1\n",
		"  > X-Api-Key: corscheck\n",
		"  < X-Request-Id: 42\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("verbose output lacks %q", want)
		}
	}
}

func TestFlagsAfterURL(t *testing.T) {
	f := &fake{allowOrigin: []string{"*"}, methods: "PUT"}
	url := start(t, f)
	code, _, _ := corscheck(t, url, "-origin", origin, "-method", "PUT")
	if code != 0 {
		t.Fatalf("exit status %d, want 0", code)
	}
	if seen := f.requests(); len(seen) != 2 || seen[1].Method != http.MethodPut {
		t.Errorf("server saw %d requests, want a preflight and a PUT", len(seen))
	}
}

func TestRedirects(t *testing.T) {
	// The target allows the app's origin only, as an allowlist does.
	target := &fake{allowOrigin: []string{origin}, vary: "Origin"}
	targetURL := start(t, target)

	t.Run("redirect without CORS headers", func(t *testing.T) {
		url := start(t, http.RedirectHandler(targetURL+"/api", http.StatusFound))
		code, out, _ := corscheck(t, "-origin", origin, url)
		if code != 1 || !strings.Contains(out, "The 302 redirect itself fails the CORS check: the response has no Access-Control-Allow-Origin") {
			t.Errorf("exit status %d, want 1 with the redirect's failure", code)
		}
	})

	t.Run("cross-origin redirect taints the origin", func(t *testing.T) {
		url := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			http.Redirect(w, r, targetURL+"/api", http.StatusTemporaryRedirect)
		}))
		code, out, _ := corscheck(t, "-origin", origin, url)
		if code != 1 || !strings.Contains(out, "the browser sends Origin: null") ||
			!strings.Contains(out, `Access-Control-Allow-Origin is "https://app.example.com", but the request's origin is null: the page is sandboxed, or the call was redirected`) {
			t.Errorf("exit status %d, want 1 with Origin: null", code)
		}
		seen := target.requests()
		if got := seen[len(seen)-1].Header.Get("Origin"); got != "null" {
			t.Errorf("target saw Origin %q, want null", got)
		}
	})

	t.Run("same-origin redirect followed", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("/old", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "PUT")
				w.WriteHeader(http.StatusNoContent)
				return
			}
			http.Redirect(w, r, "/new", http.StatusSeeOther)
		}))
		mux.Handle("/new", &fake{allowOrigin: []string{"*"}, methods: "PUT"})
		url := start(t, mux)
		code, out, _ := corscheck(t, "-origin", origin, "-method", "PUT", url+"/old")
		if code != 0 || !strings.Contains(out, "A 303 redirect turns PUT into GET without a body.") ||
			!strings.Contains(out, "actual (after redirect 1): > GET") {
			t.Errorf("exit status %d, want 0 after following the 303 as GET", code)
		}
	})

	t.Run("redirect to plain http", func(t *testing.T) {
		url := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			http.Redirect(w, r, "http://api.example.invalid/", http.StatusFound)
		}))
		code, out, _ := corscheck(t, "-origin", origin, url)
		if code != 1 || !strings.Contains(out, "a plain http URL, from an https page: browsers block this as mixed content") {
			t.Errorf("exit status %d, want 1 for a redirect to plain http", code)
		}
	})

	t.Run("preflight redirect", func(t *testing.T) {
		url := start(t, http.RedirectHandler(targetURL+"/api", http.StatusMovedPermanently))
		code, out, _ := corscheck(t, "-origin", origin, "-method", "PUT", url)
		if code != 1 || !strings.Contains(out, "browsers never follow a redirect on a preflight") {
			t.Errorf("exit status %d, want 1 for a redirected preflight", code)
		}
	})
}

func TestNoRequestSent(t *testing.T) {
	t.Run("same origin", func(t *testing.T) {
		f := &fake{}
		url := start(t, f)
		code, out, _ := corscheck(t, "-origin", url, url+"/x")
		if code != 0 || !strings.Contains(out, "same origin") {
			t.Errorf("exit status %d, want 0 for a same-origin call", code)
		}
		if len(f.requests()) != 0 {
			t.Errorf("a request was sent")
		}
	})
	t.Run("mixed content", func(t *testing.T) {
		code, out, _ := corscheck(t, "-origin", origin, "http://api.example.invalid/x")
		if code != 1 || !strings.Contains(out, "browsers block this as mixed content") {
			t.Errorf("exit status %d, want 1 for mixed content", code)
		}
	})
}

func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"http://127.0.0.1/"}, "-origin is required"},
		{[]string{"-origin", origin}, "no URL to check"},
		{[]string{"-origin", origin, "http://a/", "http://b/"}, "one URL at a time"},
		{[]string{"-origin", origin, "ftp://127.0.0.1/"}, "http and https URLs only"},
		{[]string{"-origin", origin, "://"}, "bad URL"},
		{[]string{"-origin", origin, "http://user:pw@127.0.0.1/"}, "user name or password"},
		{[]string{"-origin", origin + "/", "http://127.0.0.1/"}, "an origin has no path"},
		{[]string{"-origin", "https://App.Example.com:443", "http://127.0.0.1/"}, "browsers send this origin as https://app.example.com"},
		{[]string{"-origin", "app.example.com", "http://127.0.0.1/"}, "is not an origin"},
		{[]string{"-origin", "http://127.0.0.1:8081:80", "http://127.0.0.1/"}, `-origin "http://127.0.0.1:8081:80" is not an origin: an origin is scheme://host[:port], with one port, e.g. http://127.0.0.1:8081`},
		{[]string{"-origin", origin, "http://127.0.0.1:8081:80/"}, "more than one port"},
		{[]string{"-origin", origin, "-header", "Cookie", "http://127.0.0.1/"}, "use -credentials"},
		{[]string{"-origin", origin, "-header", "Sec-Fetch-Mode", "http://127.0.0.1/"}, "forbidden request header"},
		{[]string{"-origin", origin, "-header", "Content-Type", "http://127.0.0.1/"}, "Content-Type needs a value"},
		{[]string{"-origin", origin, "-header", "Bad Name", "http://127.0.0.1/"}, "is not a header name"},
		{[]string{"-origin", origin, "-method", "TRACE", "http://127.0.0.1/"}, "refuse to send CONNECT, TRACE and TRACK"},
		{[]string{"-origin", origin, "-method", "GE T", "http://127.0.0.1/"}, "not a method name"},
		{[]string{"-origin", origin, "-body-type", "text/plain", "-header", "Content-Type: text/plain", "http://127.0.0.1/"}, "give one"},
		{[]string{"-nope", "http://127.0.0.1/"}, "flag provided but not defined"},
	} {
		code, _, errOut := corscheck(t, tt.args...)
		if code != 2 {
			t.Errorf("corscheck %q: exit status %d, want 2", tt.args, code)
		}
		if !strings.Contains(errOut, tt.want) {
			t.Errorf("corscheck %q: stderr %q lacks %q", tt.args, errOut, tt.want)
		}
	}
}

func TestNetworkError(t *testing.T) {
	s := httptest.NewServer(http.NotFoundHandler())
	url := s.URL
	s.Close()
	code, _, errOut := corscheck(t, "-origin", origin, url)
	if code != 2 || !strings.Contains(errOut, "network error") {
		t.Errorf("exit status %d, stderr %q; want 2 and a network error", code, errOut)
	}
}

// TestBinary builds corscheck and runs it, to check the exit status that
// reaches the shell.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "corscheck")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	url := start(t, &fake{allowOrigin: []string{"*"}})
	echo := start(t, &fake{allowOrigin: []string{"echo"}, vary: "Origin"})
	for args, want := range map[string]int{
		"-origin " + origin + " " + url:              0,
		"-origin " + origin + " -credentials " + url: 1,
		url:                                    2,
		"audit -origin " + origin + " " + url:  0,
		"audit -origin " + origin + " " + echo: 1,
		"audit -json " + echo:                  1,
		"audit ftp://127.0.0.1/":               2,
	} {
		var out bytes.Buffer
		cmd := exec.Command(bin, strings.Fields(args)...)
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != want {
			t.Errorf("corscheck %s: exit status %d, want %d\n%s", args, code, want, out.String())
		}
	}
}

// strict answers preflights as a careful CORS middleware does: 204 with
// CORS headers when origin, method and every requested header are allowed,
// otherwise 403 with no CORS header at all, so that nothing says why.
func strict(methods, headers string) http.Handler {
	allowed := func(list, item string) bool {
		for _, v := range strings.Split(list, ",") {
			if strings.EqualFold(strings.TrimSpace(v), item) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Vary", "Origin")
		if r.Header.Get("Origin") != origin {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		m := r.Header.Get("Access-Control-Request-Method")
		ok := m == "GET" || m == "HEAD" || m == "POST" || allowed(methods, m)
		for _, h := range strings.Split(r.Header.Get("Access-Control-Request-Headers"), ",") {
			if h != "" && !allowed(headers, h) {
				ok = false
			}
		}
		if !ok {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.WriteHeader(http.StatusNoContent)
	})
}

func TestDiagnosis(t *testing.T) {
	url := start(t, strict("PUT", "Content-Type, Authorization"))
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"header refused", []string{"-origin", origin, "-method", "PUT", "-header", "Authorization,X-Api-Key"},
			"PUT with header authorization alone: 204 No Content, accepted PUT with header x-api-key alone: 403 Forbidden, refused likely cause: the server refuses the request header x-api-key. Fix: add X-Api-Key to its allowed headers"},
		{"method refused", []string{"-origin", origin, "-method", "DELETE", "-header", "Authorization"},
			"DELETE without request headers: 403 Forbidden, refused GET without request headers: 204 No Content, accepted likely cause: the server refuses the method DELETE."},
		{"origin refused", []string{"-origin", "https://evil.example", "-method", "PUT"},
			"likely cause: the server refuses every preflight from https://evil.example: the origin is not allowed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := corscheck(t, append(tt.args, url)...)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
		})
	}
}

// TestNullOriginNeverAdvisedAllowed checks that a page whose origin is null
// is told to move to a real origin, never to have the server allow null:
// any site can produce Origin: null (SECURITY.md).
func TestNullOriginNeverAdvisedAllowed(t *testing.T) {
	t.Run("actual request without Access-Control-Allow-Origin", func(t *testing.T) {
		url := start(t, &fake{bareActual: true})
		code, out, _ := corscheck(t, "-origin", "null", url)
		if code != 1 {
			t.Errorf("exit status %d, want 1", code)
		}
		for _, bad := range []string{"Access-Control-Allow-Origin: null (and Vary", "null is missing from its allowed origins"} {
			if strings.Contains(out, bad) {
				t.Errorf("output advises allowing null: %q", bad)
			}
		}
		if !strings.Contains(out, "never allow null") || !strings.Contains(out, "serve the page from a real origin") {
			t.Errorf("output lacks the advice to serve the page from a real origin and never allow null")
		}
	})
	t.Run("refused preflight", func(t *testing.T) {
		url := start(t, strict("PUT", ""))
		code, out, _ := corscheck(t, "-origin", "null", "-method", "PUT", url)
		if code != 1 {
			t.Errorf("exit status %d, want 1", code)
		}
		if strings.Contains(out, "add null to the allowed origins") {
			t.Errorf("diagnosis advises adding null to the allowed origins")
		}
		if !strings.Contains(out, "likely cause: the server refuses every preflight from null") ||
			!strings.Contains(out, "never allow null") {
			t.Errorf("diagnosis lacks the cause and the advice never to allow null")
		}
	})
}
