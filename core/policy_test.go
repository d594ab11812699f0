package core

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

const app = "https://app.example.com"

// TestNewRefusesBadConfiguration covers every bad configuration the README
// lists: the error names the field, the value, and says how to fix it.
func TestNewRefusesBadConfiguration(t *testing.T) {
	origins := func(o ...string) Policy { return Policy{AllowedOrigins: o} }
	tests := []struct {
		name   string
		policy Policy
		field  string // as the message names it
		value  string // quoted in the message; "" for none
		fix    string
	}{
		{"empty origin list", Policy{}, "allowedOrigins is empty", "",
			`list the origins of your front ends, e.g. ["https://app.example.com"]`},
		{"empty origin list with other fields", Policy{AllowCredentials: true, MaxAge: 600}, "allowedOrigins is empty", "", `or ["*"] for a public API`},
		{"origin with a path", origins(app, "https://example.com/app"), "allowedOrigins[1]", "https://example.com/app",
			`an origin has no path; write "https://example.com"`},
		{"origin with a query", origins("https://example.com?x=1"), "allowedOrigins[0]", "https://example.com?x=1",
			`no query; write "https://example.com"`},
		{"origin with a fragment", origins("https://example.com#top"), "allowedOrigins[0]", "https://example.com#top",
			`no fragment; write "https://example.com"`},
		{"origin with userinfo", origins("https://user:pw@example.com"), "allowedOrigins[0]", "https://user:pw@example.com",
			`no user info; write "https://example.com"`},
		{"origin with a trailing slash", origins(app, "https://example.com/"), "allowedOrigins[1]", "https://example.com/",
			`no trailing slash; write "https://example.com"`},
		{"origin without a scheme", origins("example.com"), "allowedOrigins[0]", "example.com",
			`needs a scheme; write "https://example.com"`},
		{"origin with a trailing dot", origins("https://example.com."), "allowedOrigins[0]", "https://example.com.",
			"ends in a dot, which browsers never send; remove it"},
		{"origin with a bad port", origins("https://example.com:99999"), "allowedOrigins[0]", "https://example.com:99999",
			"not a number from 1 to 65535"},
		{"origin with a non-ASCII host", origins("https://bücher.example"), "allowedOrigins[0]", "https://bücher.example",
			"punycode form"},
		{"origin with spaces", origins(" https://example.com"), "allowedOrigins[0]", " https://example.com", "remove them"},
		{"empty origin", origins(""), "allowedOrigins[0]", "", `write one like "https://app.example.com"`},
		{"null origin", origins(app, "null"), "allowedOrigins[1]", "null",
			"cannot be allowed safely: serve the page from a real origin and allow that"},
		{"star beside other origins", origins(app, "*"), "allowedOrigins[1]", "*",
			`list "*" alone, or only the origins you trust`},
		{"star with credentials", Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true}, "allowedOrigins[0]", "*",
			"cannot go with allowCredentials"},
		{"star with an origin func", Policy{AllowedOrigins: []string{"*"}, AllowOriginFunc: func(string) bool { return true }},
			"allowedOrigins[0]", "*", "drop one of them"},
		{"star exposed headers with credentials", Policy{AllowedOrigins: []string{app}, ExposedHeaders: []string{"*"}, AllowCredentials: true},
			"exposedHeaders[0]", "*", "list the headers scripts may read"},
		{"pattern https://*", origins("https://*"), "allowedOrigins[0]", "https://*",
			`"*" must be a whole leading label, as in "https://*.example.com"`},
		{"pattern https://h*", origins("https://h*"), "allowedOrigins[0]", "https://h*", `must be a whole leading label`},
		{"pattern without a scheme", origins("*.example.com"), "allowedOrigins[0]", "*.example.com",
			`needs a scheme; write "https://*.example.com"`},
		{"pattern with a partial label", origins("https://*example.com"), "allowedOrigins[0]", "https://*example.com", "whole leading label"},
		{"pattern in an inner label", origins("https://a.*.example.com"), "allowedOrigins[0]", "https://a.*.example.com", "whole leading label"},
		{"pattern with two stars", origins("https://*.*.example.com"), "allowedOrigins[0]", "https://*.*.example.com", "whole leading label"},
		{"pattern over a top-level domain", origins("https://*.com"), "allowedOrigins[0]", "https://*.com", `at least two labels, as in "https://*.example.com"`},
		{"decimal IPv4 host", origins("http://2130706433"), "allowedOrigins[0]", "http://2130706433",
			`browsers serialise this host as 127.0.0.1; write "http://127.0.0.1"`},
		{"hex IPv4 host", origins("http://0x7f.0.0.1"), "allowedOrigins[0]", "http://0x7f.0.0.1", `write "http://127.0.0.1"`},
		{"octal IPv4 host", origins("http://0177.0.0.1:3000"), "allowedOrigins[0]", "http://0177.0.0.1:3000", `write "http://127.0.0.1:3000"`},
		{"short IPv4 host", origins("http://127.1"), "allowedOrigins[0]", "http://127.1", `write "http://127.0.0.1"`},
		{"host ending in a bad number", origins("https://1.2.3.999"), "allowedOrigins[0]", "https://1.2.3.999", "read it as an IPv4 address"},
		{"javascript scheme", origins("javascript://x"), "allowedOrigins[0]", "javascript://x", `browsers never send a "javascript:" origin`},
		{"data scheme", origins("data:text/html,x"), "allowedOrigins[0]", "data:text/html,x", `sent as "null"`},
		{"file scheme", origins("file:///index.html"), "allowedOrigins[0]", "file:///index.html", "serve the page over HTTP"},
		{"about scheme", origins("about:blank"), "allowedOrigins[0]", "about:blank", "allow that page's origin"},
		{"blob scheme", origins("blob:https://app.example.com/1f2e"), "allowedOrigins[0]", "blob:https://app.example.com/1f2e", `write "https://app.example.com"`},
		{"mailto scheme", origins("mailto://x"), "allowedOrigins[0]", "mailto://x", `sent as "null"`},
		{"method not a token", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"GET", "PU T"}}, "allowedMethods[1]", "PU T",
			"not a method name (an HTTP token, such as PATCH)"},
		{"empty method", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{""}}, "allowedMethods[0]", "", "an HTTP token"},
		{"forbidden CONNECT", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"CONNECT"}}, "allowedMethods[0]", "CONNECT", "remove it"},
		{"forbidden TRACE", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"GET", "TRACE"}}, "allowedMethods[1]", "TRACE", "the Fetch standard forbids it"},
		{"forbidden TRACK", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"TRACK"}}, "allowedMethods[0]", "TRACK", "remove it"},
		{"forbidden lower-case track", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"track"}}, "allowedMethods[0]", "track", "remove it"},
		{"lower-case get", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"get"}}, "allowedMethods[0]", "get", `write "GET"`},
		{"mixed-case Delete", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"Delete"}}, "allowedMethods[0]", "Delete", `write "DELETE"`},
		{"header not a token", Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"X Foo"}}, "allowedHeaders[0]", "X Foo",
			"not a header name (an HTTP token, such as X-Request-Id)"},
		{"header with a colon", Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"Content-Type", "X-Foo:"}}, "allowedHeaders[1]", "X-Foo:", "an HTTP token"},
		{"exposed header not a token", Policy{AllowedOrigins: []string{app}, ExposedHeaders: []string{"X/Total"}}, "exposedHeaders[0]", "X/Total",
			"not a header name (an HTTP token, such as X-Total-Count)"},
		{"exposed set-cookie", Policy{AllowedOrigins: []string{app}, ExposedHeaders: []string{"X-Total-Count", "set-cookie"}}, "exposedHeaders[1]", "set-cookie",
			"browsers never let scripts read cookies through CORS; remove it"},
		{"exposed Set-Cookie", Policy{AllowedOrigins: []string{app}, ExposedHeaders: []string{"Set-Cookie"}}, "exposedHeaders[0]", "Set-Cookie", "remove it"},
		{"maxAge above a day", Policy{AllowedOrigins: []string{app}, MaxAge: 86401}, "maxAge", "86401", "use at most 86400"},
		{"maxAge far above a day", Policy{AllowedOrigins: []string{app}, MaxAge: 1 << 30}, "maxAge", strconv.Itoa(1 << 30), "Chromium: 7200"},
		{"options status below 200", Policy{AllowedOrigins: []string{app}, OptionsSuccessStatus: 199}, "optionsSuccessStatus", "199", "use 204 (or 200 for old clients)"},
		{"options status 300", Policy{AllowedOrigins: []string{app}, OptionsSuccessStatus: 300}, "optionsSuccessStatus", "300", "use 204"},
		{"options status 404", Policy{AllowedOrigins: []string{app}, OptionsSuccessStatus: 404}, "optionsSuccessStatus", "404", "not 2xx"},
		{"options status negative", Policy{AllowedOrigins: []string{app}, OptionsSuccessStatus: -1}, "optionsSuccessStatus", "-1", "use 204"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(tt.policy)
			if err == nil {
				t.Fatalf("New accepted the policy")
			}
			if e != nil {
				t.Errorf("New returned an engine with its error")
			}
			msg := err.Error()
			want := tt.field
			if tt.value != "" || strings.Contains(tt.field, "[") || !strings.Contains(tt.field, " ") {
				want += " " + strconv.Quote(tt.value)
			}
			for _, part := range []string{"cors policy: ", want, tt.fix} {
				if !strings.Contains(msg, part) {
					t.Errorf("error %q does not contain %q", msg, part)
				}
			}
			// Reconfigure refuses it with the same error.
			ok, _ := New(Policy{AllowedOrigins: []string{app}})
			if rerr := ok.Reconfigure(tt.policy); rerr == nil || rerr.Error() != msg {
				t.Errorf("Reconfigure error %v, want %q", rerr, msg)
			}
		})
	}
}

// TestNewAcceptsGoodConfiguration covers values the README says are valid.
func TestNewAcceptsGoodConfiguration(t *testing.T) {
	for _, p := range []Policy{
		{AllowedOrigins: []string{"*"}},
		{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"*"}},
		{AllowedOrigins: []string{"tauri://localhost", "chrome-extension://abcdefghijklmnopabcdefghijklmnop", "capacitor://localhost"}},
		{AllowedOrigins: []string{"moz-extension://0b1c5d2e-3f4a-4b5c-8d6e-7f8091a2b3c4", "app://localhost", "ionic://localhost", "tauri://127.1"}},
		{AllowedOrigins: []string{"http://0.0.0.0:8000", "https://10.1.2.3", "https://123.example.com"}},
		{AllowedOrigins: []string{"http://[::1]:8080", "http://127.0.0.1:5173", "https://xn--bcher-kva.example"}},
		{AllowedOrigins: []string{"HTTPS://APP.EXAMPLE.COM:443", "https://*.example.com", "https://*.example.com:8443"}},
		{AllowedOrigins: []string{app}, AllowCredentials: true, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}},
		{AllowedOrigins: []string{app}, AllowedMethods: []string{"PURGE", "patch", "PROPFIND"}},
		{AllowedOrigins: []string{app}, AllowedHeaders: []string{"*", "Authorization"}},
		{AllowedOrigins: []string{app}, MaxAge: 86400},
		{AllowedOrigins: []string{app}, MaxAge: -1},
		{AllowedOrigins: []string{app}, OptionsSuccessStatus: 200},
		{AllowedOrigins: []string{app}, OptionsSuccessStatus: 299},
		{AllowOriginFunc: func(string) bool { return false }},
		{AllowOriginRequestFunc: func(*Request, string) bool { return false }},
		{AllowedOrigins: []string{app, app}},
	} {
		if _, err := New(p); err != nil {
			t.Errorf("New(%+v): %v", p, err)
		}
	}
}

// TestNewReportsAllProblems checks that every problem is reported at once,
// each its own error inside errors.Join.
func TestNewReportsAllProblems(t *testing.T) {
	_, err := New(Policy{
		AllowedOrigins:       []string{"https://a.example.com/", "null", "*"},
		AllowedMethods:       []string{"TRACE", "get"},
		AllowedHeaders:       []string{"X Foo"},
		ExposedHeaders:       []string{"Set-Cookie"},
		MaxAge:               100000,
		OptionsSuccessStatus: 302,
	})
	if err == nil {
		t.Fatal("New accepted the policy")
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %T is not an errors.Join", err)
	}
	wants := []string{
		`allowedOrigins[0] "https://a.example.com/"`, `allowedOrigins[1] "null"`, `allowedOrigins[2] "*"`,
		`allowedMethods[0] "TRACE"`, `allowedMethods[1] "get"`, `allowedHeaders[0] "X Foo"`,
		`exposedHeaders[0] "Set-Cookie"`, `maxAge "100000"`, `optionsSuccessStatus "302"`,
	}
	errs := joined.Unwrap()
	if len(errs) != len(wants) {
		t.Errorf("%d problems reported, want %d:\n%v", len(errs), len(wants), err)
	}
	for i, want := range wants {
		if i < len(errs) && !strings.Contains(errs[i].Error(), want) {
			t.Errorf("problem %d = %q, want it to name %s", i, errs[i], want)
		}
		if strings.Count(err.Error(), want) != 1 {
			t.Errorf("the error names %s %d times, want once", want, strings.Count(err.Error(), want))
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != len(wants) {
		t.Errorf("the error has %d lines, want one per problem", n)
	}
}

// TestDefaults checks what New fills in for fields left empty.
func TestDefaults(t *testing.T) {
	e, err := New(Policy{AllowedOrigins: []string{app}})
	if err != nil {
		t.Fatal(err)
	}
	d := e.Evaluate(Request{Method: "OPTIONS", Origin: []string{app},
		AccessControlRequestMethod: []string{"PUT"}, AccessControlRequestHeaders: []string{"content-type"}})
	want := map[string]string{
		hAllowOrigin:  app,
		hAllowMethods: "GET, HEAD, PUT, PATCH, POST, DELETE",
		hAllowHeaders: "accept, content-type, x-requested-with",
	}
	if got := headerMap(&d); !equalMaps(got, want) {
		t.Errorf("headers %v, want %v", got, want)
	}
	if DefaultOptionsSuccessStatus != 204 || d.Status != 204 || d.Next || !d.Allowed {
		t.Errorf("status %d next %v allowed %v, want 204 false true", d.Status, d.Next, d.Allowed)
	}
	if d.Vary != "Origin, Access-Control-Request-Method, Access-Control-Request-Headers" {
		t.Errorf("Vary %q", d.Vary)
	}
	// Empty lists and zero values are the defaults too.
	e2, err := New(Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{}, AllowedHeaders: []string{}, OptionsSuccessStatus: 0, MaxAge: 0})
	if err != nil {
		t.Fatal(err)
	}
	d2 := e2.Evaluate(Request{Method: "OPTIONS", Origin: []string{app},
		AccessControlRequestMethod: []string{"PUT"}, AccessControlRequestHeaders: []string{"content-type"}})
	if !equalMaps(headerMap(&d2), want) || d2.Status != 204 {
		t.Errorf("empty lists: headers %v status %d", headerMap(&d2), d2.Status)
	}
	// The exported defaults are what the docs say, and changing the
	// slice returned changes nothing else.
	if strings.Join(DefaultAllowedMethods(), ",") != "GET,HEAD,PUT,PATCH,POST,DELETE" ||
		strings.Join(DefaultAllowedHeaders(), ",") != "Accept,Content-Type,X-Requested-With" {
		t.Errorf("defaults %v %v", DefaultAllowedMethods(), DefaultAllowedHeaders())
	}
	DefaultAllowedMethods()[0] = "PURGE"
	DefaultAllowedHeaders()[0] = "X-Evil"
	if DefaultAllowedMethods()[0] != "GET" || DefaultAllowedHeaders()[0] != "Accept" {
		t.Errorf("the defaults can be changed through the slices returned")
	}
	// No credentials, no Max-Age, no exposed headers, no private network.
	d3 := e.Evaluate(Request{Method: "GET", Origin: []string{app}})
	if got := headerMap(&d3); !equalMaps(got, map[string]string{hAllowOrigin: app}) {
		t.Errorf("actual headers %v", got)
	}
}

func TestLoadJSON(t *testing.T) {
	p, err := LoadJSON(strings.NewReader(`{
		"allowedOrigins": ["https://app.example.com", "https://*.example.org"],
		"allowedMethods": ["GET", "PURGE"],
		"allowedHeaders": ["Content-Type"],
		"exposedHeaders": ["X-Total-Count"],
		"allowCredentials": true,
		"maxAge": 600,
		"allowPrivateNetwork": true,
		"optionsPassthrough": true,
		"optionsSuccessStatus": 200
	}`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.AllowedOrigins, " ") != "https://app.example.com https://*.example.org" ||
		strings.Join(p.AllowedMethods, " ") != "GET PURGE" || strings.Join(p.AllowedHeaders, " ") != "Content-Type" ||
		strings.Join(p.ExposedHeaders, " ") != "X-Total-Count" || !p.AllowCredentials || p.MaxAge != 600 ||
		!p.AllowPrivateNetwork || !p.OptionsPassthrough || p.OptionsSuccessStatus != 200 {
		t.Errorf("LoadJSON = %+v", p)
	}
	if _, err := New(p); err != nil {
		t.Errorf("New(LoadJSON(...)): %v", err)
	}
}

func TestLoadJSONErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"unknown key", `{"allowedOrigins":["https://a.com"],"allowOrigins":["x"]}`, `unknown key "allowOrigins"; the keys are allowedOrigins, allowedMethods`},
		{"wrong-case key maxage", `{"maxage":600}`, `unknown key "maxage"`},
		{"wrong-case key AllowedOrigins", `{"AllowedOrigins":["https://a.com"]}`, `unknown key "AllowedOrigins"`},
		{"snake-case key", `{"allowed_origins":["https://a.com"]}`, `unknown key "allowed_origins"`},
		{"Go-only field", `{"allowOriginFunc":true}`, `unknown key "allowOriginFunc"`},
		{"string for an int", `{"maxAge":"600"}`, `key "maxAge": a int cannot hold the JSON string`},
		{"fraction for an int", `{"maxAge":600.5}`, `key "maxAge"`},
		{"string for a bool", `{"allowCredentials":"true"}`, `key "allowCredentials": a bool cannot hold the JSON string`},
		{"string for a list", `{"allowedOrigins":"https://a.com"}`, `key "allowedOrigins": a []string cannot hold the JSON string`},
		{"number in a list", `{"allowedMethods":["GET",1]}`, `key "allowedMethods"`},
		{"object for a list", `{"exposedHeaders":{}}`, `key "exposedHeaders"`},
		{"status as string", `{"optionsSuccessStatus":"204"}`, `key "optionsSuccessStatus"`},
		{"syntax error names the line", "{\n\"maxAge\": 600,\n}", "JSON syntax error on line 3"},
		{"trailing data", `{"maxAge":1} {}`, "after top-level value"},
		{"empty input", ``, "unexpected end of JSON input"},
		{"not an object", `["https://a.com"]`, "a policy is a JSON object"},
		{"a string", `"https://a.com"`, "a policy is a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadJSON(strings.NewReader(tt.json))
			if err == nil {
				t.Fatalf("LoadJSON accepted %s", tt.json)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "cors policy: ") {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestLoadJSONUnknownKeysAllNamed checks every unknown key is named, in the
// same order on every run.
func TestLoadJSONUnknownKeysAllNamed(t *testing.T) {
	in := `{"zeta":1,"allowedOrigins":["https://a.com"],"Maxage":2,"alpha":3}`
	first := ""
	for i := 0; i < 20; i++ {
		_, err := LoadJSON(strings.NewReader(in))
		if err == nil {
			t.Fatal("accepted")
		}
		msg := err.Error()
		z, m, a := strings.Index(msg, `"zeta"`), strings.Index(msg, `"Maxage"`), strings.Index(msg, `"alpha"`)
		if z < 0 || m < 0 || a < 0 {
			t.Fatalf("error %q does not name every unknown key", msg)
		}
		if i == 0 {
			first = msg
		} else if msg != first {
			t.Fatalf("the error changes between runs:\n%s\n%s", first, msg)
		}
	}
}

// TestLoadJSONEmptyIsDefault checks an empty list or a zero value is the
// same as an omitted key.
func TestLoadJSONEmptyIsDefault(t *testing.T) {
	p, err := LoadJSON(strings.NewReader(`{"allowedOrigins":["https://app.example.com"],"allowedMethods":[],"allowedHeaders":null,"exposedHeaders":[],"maxAge":0,"optionsSuccessStatus":0,"allowCredentials":false}`))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	d := e.Evaluate(Request{Method: "OPTIONS", Origin: []string{app},
		AccessControlRequestMethod: []string{"DELETE"}, AccessControlRequestHeaders: []string{"x-requested-with"}})
	want := map[string]string{hAllowOrigin: app, hAllowMethods: "GET, HEAD, PUT, PATCH, POST, DELETE", hAllowHeaders: "accept, content-type, x-requested-with"}
	if got := headerMap(&d); !equalMaps(got, want) || d.Status != 204 {
		t.Errorf("headers %v status %d, want the defaults", got, d.Status)
	}
	// An empty allowedOrigins is still the configuration error.
	p, err = LoadJSON(strings.NewReader(`{"allowedOrigins":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(p); err == nil || !strings.Contains(err.Error(), "allowedOrigins is empty") {
		t.Errorf("New with empty allowedOrigins: %v", err)
	}
}

// clearEnv empties every variable of prefix so the host's environment
// cannot leak into a test.
func clearEnv(t *testing.T, prefix string) {
	for _, f := range policyFields {
		t.Setenv(prefix+"_"+f.env, "")
	}
}

func TestFromEnv(t *testing.T) {
	clearEnv(t, "CORS")
	t.Setenv("CORS_ALLOWED_ORIGINS", " https://app.example.com, https://*.example.org ,,")
	t.Setenv("CORS_ALLOWED_METHODS", "GET,PURGE")
	t.Setenv("CORS_ALLOWED_HEADERS", "Content-Type, Authorization")
	t.Setenv("CORS_EXPOSED_HEADERS", "X-Total-Count")
	t.Setenv("CORS_ALLOW_CREDENTIALS", "true")
	t.Setenv("CORS_MAX_AGE", " 600 ")
	t.Setenv("CORS_ALLOW_PRIVATE_NETWORK", "1")
	t.Setenv("CORS_OPTIONS_PASSTHROUGH", "TRUE")
	t.Setenv("CORS_OPTIONS_SUCCESS_STATUS", "200")
	for _, prefix := range []string{"CORS", "CORS_"} {
		p, err := FromEnv(prefix)
		if err != nil {
			t.Fatalf("FromEnv(%q): %v", prefix, err)
		}
		if strings.Join(p.AllowedOrigins, "|") != "https://app.example.com|https://*.example.org" ||
			strings.Join(p.AllowedMethods, "|") != "GET|PURGE" ||
			strings.Join(p.AllowedHeaders, "|") != "Content-Type|Authorization" ||
			strings.Join(p.ExposedHeaders, "|") != "X-Total-Count" ||
			!p.AllowCredentials || p.MaxAge != 600 || !p.AllowPrivateNetwork || !p.OptionsPassthrough ||
			p.OptionsSuccessStatus != 200 {
			t.Errorf("FromEnv(%q) = %+v", prefix, p)
		}
		if _, err := New(p); err != nil {
			t.Errorf("New(FromEnv(%q)): %v", prefix, err)
		}
	}
}

func TestFromEnvUnsetIsDefault(t *testing.T) {
	clearEnv(t, "APP_CORS")
	t.Setenv("APP_CORS_ALLOWED_ORIGINS", "https://app.example.com")
	t.Setenv("APP_CORS_MAX_AGE", "  ")
	p, err := FromEnv("APP_CORS")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.AllowedOrigins) != 1 || p.AllowedMethods != nil || p.AllowCredentials || p.MaxAge != 0 || p.OptionsSuccessStatus != 0 {
		t.Errorf("FromEnv = %+v, want only the origin set", p)
	}
	// A different prefix sees nothing.
	clearEnv(t, "OTHER")
	if p, err := FromEnv("OTHER"); err != nil || len(p.AllowedOrigins) != 0 {
		t.Errorf("FromEnv(OTHER) = %+v, %v", p, err)
	}
}

func TestFromEnvBadValues(t *testing.T) {
	tests := []struct{ name, value, want string }{
		{"CORS_ALLOW_CREDENTIALS", "yes", `CORS_ALLOW_CREDENTIALS="yes": not a boolean; write true or false`},
		{"CORS_ALLOW_PRIVATE_NETWORK", "on", `CORS_ALLOW_PRIVATE_NETWORK="on": not a boolean`},
		{"CORS_OPTIONS_PASSTHROUGH", "2", `CORS_OPTIONS_PASSTHROUGH="2": not a boolean`},
		{"CORS_MAX_AGE", "10m", `CORS_MAX_AGE="10m": not a whole number; write one like 600`},
		{"CORS_MAX_AGE", "600.0", `CORS_MAX_AGE="600.0": not a whole number`},
		{"CORS_OPTIONS_SUCCESS_STATUS", "No Content", `CORS_OPTIONS_SUCCESS_STATUS="No Content": not a whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			clearEnv(t, "CORS")
			t.Setenv(tt.name, tt.value)
			_, err := FromEnv("CORS")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
	t.Run("all at once", func(t *testing.T) {
		clearEnv(t, "CORS")
		t.Setenv("CORS_ALLOW_CREDENTIALS", "yes")
		t.Setenv("CORS_MAX_AGE", "ten")
		_, err := FromEnv("CORS")
		if err == nil || !strings.Contains(err.Error(), "CORS_ALLOW_CREDENTIALS") || !strings.Contains(err.Error(), "CORS_MAX_AGE") {
			t.Errorf("error %v, want both variables named", err)
		}
		var joined interface{ Unwrap() []error }
		if !errors.As(err, &joined) || len(joined.Unwrap()) != 2 {
			t.Errorf("error %v is not two joined problems", err)
		}
	})
}

func headerMap(d *Decision) map[string]string {
	m := map[string]string{}
	for _, f := range d.Headers() {
		if v, ok := m[f.Name]; ok {
			m[f.Name] = v + ", " + f.Value
		} else {
			m[f.Name] = f.Value
		}
	}
	return m
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}
