package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// trusted is the front end the audit tests' servers mean to allow.
const trusted = "https://app.example.com"

// auditRequests is how many requests an audit with -origin trusted sends:
// a GET without Origin, a GET and a preflight from each of 17 origins
// (trusted, arbitrary, null, 2 prefix, 2 suffix, unescaped dot, sibling,
// http, 4 special characters, 3 shared hosts), and 2 policy preflights.
const auditRequests = 1 + 2*17 + 2

// policyServer is a CORS middleware in miniature whose origin check, and
// mistakes, a test chooses.
type policyServer struct {
	allow         func(origin string) bool // which origins it allows
	star          bool                     // answer * instead of echoing the origin
	credentials   bool                     // Access-Control-Allow-Credentials: true
	noVary        bool                     // leave out Vary: Origin
	methods       string                   // Allow-Methods of an accepted preflight; "reflect" echoes the request
	headers       string                   // Allow-Headers of an accepted preflight; "reflect" echoes, "*" allows any
	maxAge        string                   // Access-Control-Max-Age
	corsOnRefused bool                     // a refused preflight still carries the CORS headers
	refuseStatus  int                      // status of an actual request from a refused origin (0: served)
	acaoOnError   bool                     // that refusal still echoes the origin

	mu   sync.Mutex
	seen []*http.Request
}

func (s *policyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seen = append(s.seen, r.Clone(r.Context()))
	s.mu.Unlock()

	h := w.Header()
	if !s.noVary {
		h.Add("Vary", "Origin")
	}
	origin := r.Header.Get("Origin")
	_, hasOrigin := r.Header["Origin"]
	ok := hasOrigin && s.allow(origin)
	cors := func() {
		if s.star {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		if s.credentials {
			h.Set("Access-Control-Allow-Credentials", "true")
		}
	}
	if m := r.Header.Get("Access-Control-Request-Method"); r.Method == http.MethodOptions && m != "" {
		asked := r.Header.Get("Access-Control-Request-Headers")
		methodOK := m == "GET" || m == "HEAD" || m == "POST" || s.methods == "reflect" || listed(s.methods, m)
		headersOK := s.headers == "reflect" || s.headers == "*"
		if !headersOK {
			headersOK = true
			for _, name := range strings.Split(asked, ",") {
				if name != "" && !listed(s.headers, name) {
					headersOK = false
				}
			}
		}
		if !ok || !methodOK || !headersOK {
			if s.corsOnRefused {
				cors()
				h.Set("Access-Control-Allow-Methods", s.methods)
			}
			w.WriteHeader(http.StatusForbidden)
			return
		}
		cors()
		switch s.methods {
		case "reflect":
			h.Set("Access-Control-Allow-Methods", m)
		default:
			h.Set("Access-Control-Allow-Methods", s.methods)
		}
		switch {
		case s.headers == "reflect" && asked != "":
			h.Set("Access-Control-Allow-Headers", asked)
		case s.headers != "reflect" && s.headers != "":
			h.Set("Access-Control-Allow-Headers", s.headers)
		}
		set(h, "Access-Control-Max-Age", s.maxAge)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if ok {
		cors()
	} else if hasOrigin && s.refuseStatus != 0 {
		if s.acaoOnError {
			cors()
		}
		w.WriteHeader(s.refuseStatus)
		return
	}
	h.Set("Content-Type", "application/json")
	w.Write([]byte("[]"))
}

func (s *policyServer) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

func listed(list, item string) bool {
	for _, v := range strings.Split(list, ",") {
		if strings.EqualFold(strings.TrimSpace(v), strings.TrimSpace(item)) {
			return true
		}
	}
	return false
}

// exactly allows the listed origins and no other, as a correct policy does.
func exactly(origins ...string) func(string) bool {
	return func(o string) bool {
		for _, v := range origins {
			if o == v {
				return true
			}
		}
		return false
	}
}

// correct returns a server with a correct policy around allow: the origin
// echoed with Vary: Origin, credentials, listed methods and headers.
func correct(allow func(string) bool) *policyServer {
	return &policyServer{allow: allow, credentials: true, methods: "GET, POST, PUT, DELETE", headers: "Content-Type, Authorization", maxAge: "600"}
}

// audit runs corscheck audit with args and the server's URL, and returns
// the exit status and the output with white space folded.
func audit(t *testing.T, url string, args ...string) (int, string, string) {
	t.Helper()
	return corscheck(t, append(append([]string{"audit"}, args...), url+"/api/items")...)
}

// classes returns the classes of the findings in the text output, with
// their severities: "suffix-match (high)".
func classes(out string) []string {
	var cs []string
	for _, m := range regexp.MustCompile(`finding \d+ of \d+: (\S+ \(\w+\))`).FindAllStringSubmatch(out, -1) {
		cs = append(cs, m[1])
	}
	sort.Strings(cs)
	return cs
}

func TestAuditFindsEachClass(t *testing.T) {
	with := func(s *policyServer, change func(*policyServer)) *policyServer { change(s); return s }
	ok := exactly(trusted)
	tests := []struct {
		name   string
		server *policyServer
		args   []string
		want   []string // classes with severity, sorted
		text   []string // also in the output
	}{
		{
			name:   "reflects any origin, with credentials",
			server: with(correct(func(string) bool { return true }), func(*policyServer) {}),
			want:   []string{"reflect-any-origin (high)"},
			text: []string{"Origin: https://evil.example", "Access-Control-Allow-Origin: https://evil.example",
				"Access-Control-Allow-Credentials: true", "GET from null (200)", "Stop echoing the Origin header", "allowedOrigins"},
		},
		{
			name:   "reflects any origin, without credentials",
			server: with(correct(func(string) bool { return true }), func(s *policyServer) { s.credentials = false }),
			want:   []string{"reflect-any-origin (medium)"},
		},
		{
			name:   "suffix match",
			server: correct(func(o string) bool { return strings.HasSuffix(o, "example.com") }),
			want:   []string{"suffix-match (high)"},
			text: []string{"Origin: https://evilexample.com", "it checks that the origin ends with example.com",
				"GET from https://evil-example.com (200)", "GET from https://appxexample.com (200)", "GET from http://app.example.com (200)",
				"and 5 more (-json lists them all)", "Compare whole labels and the scheme"},
		},
		{
			name:   "prefix match",
			server: correct(func(o string) bool { return strings.HasPrefix(o, trusted) }),
			want:   []string{"prefix-match (high)"},
			text:   []string{"Origin: https://app.example.com.evil.example", "https://app.example.comevil.example", "https://app.example.com_.evil.example"},
		},
		{
			name:   "null allowed",
			server: correct(exactly(trusted, "null")),
			want:   []string{"null-allowed (high)"},
			text:   []string{"Origin: null", "Access-Control-Allow-Origin: null", "Remove null from the allowed origins"},
		},
		{
			name:   "* with credentials",
			server: with(correct(func(string) bool { return true }), func(s *policyServer) { s.star = true }),
			want:   []string{"wildcard-with-credentials (low)"},
			text:   []string{"Access-Control-Allow-Origin: * Access-Control-Allow-Credentials: true", "allowCredentials"},
		},
		{
			name:   "echoed without Vary",
			server: with(correct(ok), func(s *policyServer) { s.noVary = true }),
			want:   []string{"missing-vary (low)"},
			text:   []string{"request: GET", "Origin: https://app.example.com", "(no Vary header)", "Add Vary: Origin"},
		},
		{
			name:   "headers * with credentials",
			server: with(correct(ok), func(s *policyServer) { s.headers = "*" }),
			want:   []string{"headers-wildcard-credentials (low)"},
			text:   []string{"Access-Control-Request-Headers: content-type,x-corscheck-probe", "Access-Control-Allow-Headers: *", "allowedHeaders"},
		},
		{
			name:   "headers echoed with credentials",
			server: with(correct(ok), func(s *policyServer) { s.headers = "reflect" }),
			want:   []string{"headers-wildcard-credentials (low)"},
			text:   []string{"The preflight asked for x-corscheck-probe"},
		},
		{
			name:   "methods echoed with credentials",
			server: with(correct(ok), func(s *policyServer) { s.methods = "reflect" }),
			want:   []string{"methods-wildcard-credentials (low)"},
			text:   []string{"Access-Control-Request-Method: CORSCHECK", "Access-Control-Allow-Methods: CORSCHECK", "allowedMethods"},
		},
		{
			name:   "max-age of 1000000",
			server: with(correct(ok), func(s *policyServer) { s.maxAge = "1000000" }),
			want:   []string{"max-age-too-long (info)"},
			text:   []string{"Access-Control-Max-Age: 1000000", "maxAge"},
		},
		{
			name:   "CORS headers on a 403 preflight",
			server: with(correct(ok), func(s *policyServer) { s.methods = "GET, POST"; s.corsOnRefused = true }),
			want:   []string{"cors-on-refused-preflight (low)"},
			text:   []string{"answer: 403 Forbidden", "Access-Control-Allow-Credentials, Access-Control-Allow-Methods, Access-Control-Allow-Origin"},
		},
		{
			name:   "unescaped dot in a regular expression",
			server: correct(regexp.MustCompile(`^https://app.example.com$`).MatchString),
			want:   []string{"unescaped-dot (high)"},
			text:   []string{"Origin: https://appxexample.com", "Escape every dot"},
		},
		{
			name: "origin parser that stops at special characters",
			server: correct(func(o string) bool {
				host, _, _ := strings.Cut(strings.TrimPrefix(o, "https://"), ":")
				if i := strings.IndexAny(host, "_`!}"); i >= 0 {
					host = host[:i]
				}
				return strings.HasPrefix(o, "https://") && host == "app.example.com"
			}),
			want: []string{"special-chars (high)"},
			text: []string{"Origin: https://app.example.com_.evil.example", "https://app.example.com`.evil.example", "https://app.example.com}.evil.example"},
		},
		{
			name:   "every site on a shared host",
			server: correct(func(o string) bool { return o == trusted || strings.HasSuffix(o, ".github.io") }),
			want:   []string{"shared-host (high)"},
			text:   []string{"Origin: https://corscheck-evil.github.io", "a site on github.io"},
		},
		{
			name:   "http and https",
			server: with(correct(exactly(trusted, "http://app.example.com")), func(s *policyServer) { s.credentials = false }),
			want:   []string{"http-downgrade (low)"},
			text:   []string{"Origin: http://app.example.com", "Allow the https origin only"},
		},
		{
			name:   "refusal that echoes the origin",
			server: with(correct(ok), func(s *policyServer) { s.refuseStatus = 403; s.acaoOnError = true }),
			want:   []string{"acao-on-error (low)"},
			text:   []string{"refused https://evil.example with 403 Forbidden, yet the answer carries Access-Control-Allow-Origin: https://evil.example"},
		},
		{
			name:   "several problems at once",
			server: with(correct(exactly(trusted, "null")), func(s *policyServer) { s.noVary = true; s.maxAge = "1000000"; s.headers = "*" }),
			want:   []string{"headers-wildcard-credentials (low)", "max-age-too-long (info)", "missing-vary (low)", "null-allowed (high)"},
			text:   []string{"finding 1 of 4: null-allowed (high)", "result: 4 findings: 1 high, 2 low, 1 info."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := start(t, tt.server)
			code, out, _ := audit(t, url, append([]string{"-origin", trusted, "-credentials"}, tt.args...)...)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if got := classes(out); strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
			for _, w := range tt.text {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			if !strings.Contains(out, "requests: "+strconv.Itoa(auditRequests)) || tt.server.requests() != auditRequests {
				t.Errorf("server saw %d requests, want the %d printed", tt.server.requests(), auditRequests)
			}
			if strings.Contains(out, "working as configured") {
				t.Errorf("a broken policy is called a subdomain pattern working as configured")
			}
		})
	}
}

func TestAuditCorrectPolicies(t *testing.T) {
	t.Run("exact origins", func(t *testing.T) {
		s := correct(exactly(trusted, "https://admin.example.com"))
		code, out, _ := audit(t, start(t, s), "-origin", trusted, "-credentials")
		if code != 0 || !strings.Contains(out, "result: no findings. requests: 37") {
			t.Errorf("exit status %d, want 0 and no findings", code)
		}
		if strings.Contains(out, "finding") && !strings.Contains(out, "no findings") || strings.Contains(out, "notes:") {
			t.Errorf("a correct exact policy got findings or notes")
		}
	})
	t.Run("subdomain pattern", func(t *testing.T) {
		// https://*.example.com as corskit matches it: whole labels, https,
		// default port.
		pattern := func(o string) bool {
			host, ok := strings.CutPrefix(o, "https://")
			return ok && strings.HasSuffix(host, ".example.com") && !strings.ContainsAny(host, ":_`!}")
		}
		code, out, _ := audit(t, start(t, correct(pattern)), "-origin", trusted, "-credentials")
		if code != 0 || len(classes(out)) != 0 {
			t.Errorf("exit status %d with findings %q, want 0 and none", code, classes(out))
		}
		for _, w := range []string{"result: no findings.", "notes: - https://sibling-corscheck.example.com, another subdomain of example.com, is allowed",
			"https://*.example.com", "That is the policy working as configured, not a finding"} {
			if !strings.Contains(out, w) {
				t.Errorf("output lacks %q", w)
			}
		}
	})
	t.Run("public API with *", func(t *testing.T) {
		s := &policyServer{allow: func(string) bool { return true }, star: true, methods: "GET", headers: "Content-Type"}
		code, out, _ := audit(t, start(t, s), "-origin", trusted)
		if code != 0 || !strings.Contains(out, "any site can read those answers, as a public API intends") {
			t.Errorf("exit status %d, want 0 with the public-API note", code)
		}
	})
}

func TestAuditJSON(t *testing.T) {
	s := correct(func(o string) bool { return strings.HasSuffix(o, "example.com") })
	s.noVary = true
	url := start(t, s)
	var out, errOut strings.Builder
	code := run([]string{"audit", "-json", "-origin", trusted, url + "/api/items"}, &out, &errOut)
	if code != 1 {
		t.Fatalf("exit status %d, want 1\n%s%s", code, out.String(), errOut.String())
	}
	var got struct {
		Findings []struct {
			Class, Severity, Origin, Method, URL, Fix string
			Summary                                   string
			Status                                    int
			RequestHeaders                            map[string]string
			Evidence                                  map[string]string
			Also                                      []struct {
				Method, Origin string
				Status         int
			}
		}
		Requests int
		Notes    []string
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out.String()), &raw); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Requests != auditRequests || s.requests() != auditRequests {
		t.Errorf("requests %d, server saw %d, want %d", got.Requests, s.requests(), auditRequests)
	}
	if len(got.Findings) != 2 {
		t.Fatalf("%d findings, want suffix-match and missing-vary:\n%s", len(got.Findings), out.String())
	}
	f := got.Findings[0]
	if f.Class != "suffix-match" || f.Severity != "high" || f.Method != "GET" || f.Status != 200 ||
		f.Origin != "https://evilexample.com" || f.RequestHeaders["Origin"] != f.Origin ||
		f.Evidence["Access-Control-Allow-Origin"] != f.Origin || f.Evidence["Access-Control-Allow-Credentials"] != "true" ||
		!strings.Contains(f.Fix, "allowedOrigins") || f.Summary == "" || !strings.HasSuffix(f.URL, "/api/items") {
		t.Errorf("first finding %+v, want suffix-match, high, GET from https://evilexample.com with its evidence", f)
	}
	if len(f.Also) == 0 {
		t.Errorf("suffix-match lists no other request that showed it")
	}
	if v := got.Findings[1]; v.Class != "missing-vary" || v.Severity != "low" || v.Origin != trusted {
		t.Errorf("second finding %+v, want missing-vary, low, from the trusted origin", v)
	}
	for _, key := range []string{"findings", "requests", "notes"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}

	t.Run("no findings", func(t *testing.T) {
		var out strings.Builder
		code := run([]string{"audit", "-json", "-origin", trusted, start(t, correct(exactly(trusted)))}, &out, &out)
		if code != 0 || !strings.Contains(out.String(), `"findings": []`) {
			t.Errorf("exit status %d, want 0 with an empty findings list:\n%s", code, out.String())
		}
	})
}

func TestAuditWithoutOrigin(t *testing.T) {
	// No -origin: the probes come from the URL's host. 127.0.0.1 is an IP
	// address, so the host-name tricks are skipped.
	s := correct(func(string) bool { return true })
	code, out, _ := audit(t, start(t, s))
	if code != 1 || strings.Join(classes(out), "") != "reflect-any-origin (high)" {
		t.Errorf("exit status %d, findings %q; want 1 and reflect-any-origin", code, classes(out))
	}
	want := 1 + 2*11 + 2 // arbitrary, null, 2 prefix, 4 special, 3 shared
	if !strings.Contains(out, "requests: "+strconv.Itoa(want)) || s.requests() != want {
		t.Errorf("server saw %d requests, want %d printed", s.requests(), want)
	}
	for _, w := range []string{"No -origin: the probes are built from 127.0.0.1, the URL's host",
		"came from https://evil.example, the first probed origin the server allowed"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

func TestAuditRedirects(t *testing.T) {
	t.Run("off the target's origin: not followed", func(t *testing.T) {
		other := correct(func(string) bool { return true })
		otherURL := start(t, other)
		url := start(t, http.RedirectHandler(otherURL+"/api/items", http.StatusFound))
		code, out, _ := audit(t, url, "-origin", trusted)
		if n := other.requests(); n != 0 {
			t.Errorf("the other origin received %d requests, want none", n)
		}
		if code != 0 || !strings.Contains(out, "GET was redirected to "+otherURL+"/api/items, on another origin, and the redirect was not followed") {
			t.Errorf("exit status %d, want 0 and a note about the redirect", code)
		}
	})
	t.Run("within the origin: followed and counted", func(t *testing.T) {
		s := correct(func(string) bool { return true })
		mux := http.NewServeMux()
		mux.Handle("/api/items", http.RedirectHandler("/api/items/", http.StatusMovedPermanently))
		mux.Handle("/api/items/", s)
		url := start(t, mux)
		code, out, _ := audit(t, url, "-origin", trusted)
		if code != 1 || !strings.Contains(out, "reflect-any-origin") || !strings.Contains(out, "request: GET "+url+"/api/items/") {
			t.Errorf("exit status %d, want 1 with the finding on the final URL", code)
		}
		// Every GET (18) was redirected once; preflights never follow.
		want := auditRequests + 18
		if !strings.Contains(out, "requests: "+strconv.Itoa(want)) {
			t.Errorf("output does not count %d requests", want)
		}
	})
}

func TestAuditExitStatus(t *testing.T) {
	good := start(t, correct(exactly(trusted)))
	for _, tt := range []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"-origin", trusted, good}, 0, ""},
		{[]string{}, 2, "no URL to audit"},
		{[]string{"-origin", trusted, "ftp://127.0.0.1/"}, 2, "http and https URLs only"},
		{[]string{"-origin", trusted, "ws://127.0.0.1/"}, 2, "http and https URLs only"},
		{[]string{"-origin", "null", good}, 2, "-origin null: the trusted origin is the front end's real origin"},
		{[]string{"-origin", trusted + "/", good}, 2, "an origin has no path"},
		{[]string{"-origin", trusted, good, good}, 2, "one URL at a time"},
		{[]string{"-timeout", "0s", good}, 2, "positive duration"},
		{[]string{"-nope", good}, 2, "flag provided but not defined"},
	} {
		code, _, errOut := corscheck(t, append([]string{"audit"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("corscheck audit %q: exit status %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}

	t.Run("server down", func(t *testing.T) {
		s := httptest.NewServer(http.NotFoundHandler())
		s.Close()
		code, out, errOut := corscheck(t, "audit", "-origin", trusted, s.URL)
		if code != 2 || !strings.Contains(errOut, "network error") || out != "" {
			t.Errorf("exit status %d, stderr %q; want 2 and a network error", code, errOut)
		}
	})
	t.Run("some probes fail", func(t *testing.T) {
		// The server drops the connection for Origin: null, as some
		// firewalls do; the rest of the audit still runs and reports.
		s := correct(func(string) bool { return true })
		url := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Origin") == "null" {
				panic(http.ErrAbortHandler)
			}
			s.ServeHTTP(w, r)
		}))
		code, out, errOut := audit(t, url, "-origin", trusted)
		if code != 2 || !strings.Contains(errOut, "GET from null: network error") || !strings.Contains(out, "reflect-any-origin") {
			t.Errorf("exit status %d, stderr %q; want 2, the failed probes named, and the findings still reported", code, errOut)
		}
	})
}

func TestRegistrableDomain(t *testing.T) {
	for host, want := range map[string]string{
		"app.example.com":      "example.com",
		"example.com":          "example.com",
		"a.b.example.com":      "example.com",
		"www.example.co.uk":    "example.co.uk",
		"api.you.github.io":    "you.github.io",
		"you.github.io":        "you.github.io",
		"localhost":            "localhost",
		"127.0.0.1":            "127.0.0.1",
		"preview-1.vercel.app": "preview-1.vercel.app",
	} {
		if got := registrableDomain(host); got != want {
			t.Errorf("registrableDomain(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestAuditProbeOrigins(t *testing.T) {
	origins := func(trusted string) []string {
		var os []string
		for _, o := range buildPlan(mustURL(t, "https://api.example.com/items"), trusted).origins {
			os = append(os, o.kind+" "+o.origin)
		}
		return os
	}
	want := []string{
		"trusted https://www.example.com:8443",
		"reflect-any-origin https://evil.example",
		"null-allowed null",
		"prefix-match https://www.example.com.evil.example:8443",
		"prefix-match https://www.example.comevil.example:8443",
		"suffix-match https://evilexample.com:8443",
		"suffix-match https://evil-example.com:8443",
		"unescaped-dot https://wwwxexample.com:8443",
		"sibling https://sibling-corscheck.example.com:8443",
		"http-downgrade http://www.example.com:8443",
		"special-chars https://www.example.com_.evil.example:8443",
		"special-chars https://www.example.com`.evil.example:8443",
		"special-chars https://www.example.com!.evil.example:8443",
		"special-chars https://www.example.com}.evil.example:8443",
		"shared-host https://corscheck-evil.github.io",
		"shared-host https://corscheck-evil.vercel.app",
		"shared-host https://corscheck-evil.netlify.app",
	}
	if got := origins("https://www.example.com:8443"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("probes for https://www.example.com:8443:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A front end on a shared host: its siblings are other tenants, and
	// that host is probed too.
	got := strings.Join(origins("https://me.pages.dev"), "\n")
	for _, w := range []string{"sibling https://sibling-corscheck.me.pages.dev", "shared-host https://corscheck-evil.pages.dev", "suffix-match https://evilme.pages.dev"} {
		if !strings.Contains(got, w) {
			t.Errorf("probes for https://me.pages.dev lack %q:\n%s", w, got)
		}
	}
	// No -origin: built from the registrable domain of the URL's host.
	got = strings.Join(origins(""), "\n")
	for _, w := range []string{"prefix-match https://example.com.evil.example", "sibling https://sibling-corscheck.example.com", "http-downgrade http://example.com"} {
		if !strings.Contains(got, w) {
			t.Errorf("probes without -origin lack %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "trusted ") || strings.Contains(got, "unescaped-dot") {
		t.Errorf("probes without -origin have a trusted or an unescaped-dot probe:\n%s", got)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
