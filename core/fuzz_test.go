package core

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The fuzz targets below compare the engine with oracles written
// independently of it: regular expressions and string splitting, not the
// origin and header packages.

// wellFormed is the README's well-formed origin: a lower-case scheme, a
// lower-case DNS name, an IPv4 address or a bracketed IPv6 address, and a
// port without leading zeros.
var wellFormedRE = regexp.MustCompile(`^[a-z][a-z0-9+.-]*://([a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*|\[[0-9a-f:.]+\])(:[1-9][0-9]{0,4})?$`)

func wellFormed(o string) bool {
	if !wellFormedRE.MatchString(o) {
		return false
	}
	rest := o[strings.Index(o, "://")+3:]
	host, port := rest, ""
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && i > strings.LastIndexByte(rest, ']') {
		host, port = rest[:i], rest[i+1:]
	}
	if port != "" {
		if n, _ := strconv.Atoi(port); n > 65535 {
			return false
		}
	}
	return !strings.HasPrefix(host, "[") && len(host) <= 253 || strings.HasPrefix(host, "[")
}

// fuzzPolicy is a policy and what the oracle knows about it.
type fuzzPolicy struct {
	policy    Policy
	plainStar bool
	exact     map[string]bool
	patterns  []*regexp.Regexp
}

func fuzzPolicies() []fuzzPolicy {
	return []fuzzPolicy{
		{policy: Policy{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"X-Total-Count"}, MaxAge: 60}, plainStar: true},
		{
			policy: Policy{
				AllowedOrigins: []string{"HTTPS://App.Example.com:443", "http://localhost:3000", "http://[::1]:8080",
					"tauri://localhost", "https://*.example.org"},
				AllowedMethods:   []string{"GET", "PUT", "patch"},
				AllowedHeaders:   []string{"Content-Type", "Authorization"},
				ExposedHeaders:   []string{"X-Total-Count"},
				AllowCredentials: true,
				MaxAge:           600,
			},
			exact: map[string]bool{"https://app.example.com": true, "http://localhost:3000": true, "http://[::1]:8080": true, "tauri://localhost": true},
			patterns: []*regexp.Regexp{
				regexp.MustCompile(`^https://([a-z0-9_-]{1,63}\.)+example\.org$`),
			},
		},
		{
			policy: Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"},
				AllowCredentials: true, AllowPrivateNetwork: true, OptionsPassthrough: true, MaxAge: -1},
			exact: map[string]bool{"https://app.example.com": true},
		},
		{
			policy: Policy{AllowedOrigins: []string{"https://api.example.com:8443", "https://*.example.net:8443", "chrome-extension://abcdefghijklmnop"},
				AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*", "authorization"}, ExposedHeaders: []string{"*"}, OptionsSuccessStatus: 200},
			exact: map[string]bool{"https://api.example.com:8443": true, "chrome-extension://abcdefghijklmnop": true},
			patterns: []*regexp.Regexp{
				regexp.MustCompile(`^https://([a-z0-9_-]{1,63}\.)+example\.net:8443$`),
			},
		},
	}
}

func (fp *fuzzPolicy) allows(o string) bool {
	if fp.exact[o] {
		return true
	}
	for _, re := range fp.patterns {
		if re.MatchString(o) && len(o) < 300 {
			return true
		}
	}
	return false
}

var forbiddenRE = regexp.MustCompile(`(?i)^(connect|trace|track)$`)

func trimOWS(s string) string { return strings.Trim(s, " \t") }

// splitLines turns one fuzzed string into header lines: nil when absent,
// one line per "\n"-separated part otherwise.
func splitLines(present bool, s string) []string {
	if !present {
		return nil
	}
	return strings.Split(s, "\n")
}

// FuzzEvaluate checks Evaluate's invariants for every request under a few
// policies, and under a policy with both origin funcs: never "*" with
// credentials, never an echoed origin the policy does not allow, Vary:
// Origin whenever the answer depends on the origin, refusals without
// Access-Control-* headers, and no panic.
func FuzzEvaluate(f *testing.F) {
	seeds := []struct {
		policy         uint8
		method, origin string
		origins        uint8
		acrm           string
		acrmPresent    bool
		acrh           string
		acrhPresent    bool
		pn             string
	}{
		{0, "GET", "https://anyone.test", 1, "", false, "", false, ""},
		{0, "OPTIONS", "null", 1, "PUT", true, "x-foo", true, "true"},
		{1, "GET", "https://app.example.com", 1, "", false, "", false, ""},
		{1, "OPTIONS", "https://app.example.com", 1, "PUT", true, "content-type,authorization", true, ""},
		{1, "OPTIONS", "https://a.b.example.org", 1, "patch", true, "Content-Type", true, ""},
		{1, "OPTIONS", "https://app.example.com", 1, "PATCH", true, "", false, ""},
		{1, "GET", "https://example.org.evil.com", 1, "", false, "", false, ""},
		{1, "GET", "https://app.example.com", 2, "", false, "", false, ""},
		{1, "GET", "HTTPS://APP.EXAMPLE.COM", 1, "", false, "", false, ""},
		{1, "GET", "https://app.example.com:443", 1, "", false, "", false, ""},
		{1, "OPTIONS", " https://app.example.com\t", 1, " PUT ", true, " content-type , ,\n authorization", true, ""},
		{2, "OPTIONS", "https://app.example.com", 1, "PURGE", true, "x-a, x-b\nx-c", true, "true"},
		{2, "OPTIONS", "https://app.example.com", 1, "track", true, "", false, ""},
		{2, "OPTIONS", "https://app.example.com", 1, "PUT", true, "authorization", true, ""},
		{2, "OPTIONS", "https://app.example.com", 1, "PUT", true, "a\nb\nc\nd\ne", true, ""},
		{3, "OPTIONS", "https://a.example.net:8443", 1, "DELETE", true, "authorization, x-y", true, ""},
		{3, "GET", "chrome-extension://abcdefghijklmnop", 1, "", false, "", false, ""},
		{4, "GET", "https://tenant.func.test", 1, "", false, "", false, ""},
		{4, "GET", "null", 1, "", false, "", false, ""},
		{4, "OPTIONS", "https://x.db.test:8443", 1, "PUT", true, "content-type", true, ""},
		{4, "GET", "", 1, "", false, "", false, ""},
		{1, "OPTIONS", "https://app.example.com", 1, "", true, "", false, ""},
	}
	for _, s := range seeds {
		f.Add(s.policy, s.method, s.origin, s.origins, s.acrm, s.acrmPresent, s.acrh, s.acrhPresent, s.pn)
	}
	fixed := fuzzPolicies()
	engines := make([]*Engine, len(fixed))
	for i, fp := range fixed {
		engines[i] = mustNew(f, fp.policy)
	}
	f.Fuzz(func(t *testing.T, which uint8, method, originValue string, origins uint8, acrm string, acrmPresent bool, acrh string, acrhPresent bool, pn string) {
		req := Request{Method: method, Path: "/api/items"}
		for i := 0; i < int(origins%3); i++ {
			req.Origin = append(req.Origin, originValue)
		}
		req.AccessControlRequestMethod = splitLines(acrmPresent, acrm)
		req.AccessControlRequestHeaders = splitLines(acrhPresent, acrh)
		if pn != "" {
			req.AccessControlRequestPrivateNetwork = []string{pn}
		}

		var fp fuzzPolicy
		var e *Engine
		var asked []string
		var said = map[string]bool{}
		if n := int(which) % (len(fixed) + 1); n < len(fixed) {
			fp, e = fixed[n], engines[n]
		} else {
			// Origins from code: the oracle trusts only what a func said
			// yes to, and checks what it was asked.
			fp = fuzzPolicy{exact: map[string]bool{"https://listed.test": true}}
			fp.policy = Policy{
				AllowedOrigins:   []string{"https://listed.test"},
				AllowCredentials: true,
				AllowOriginFunc: func(o string) bool {
					asked = append(asked, o)
					ok := strings.HasSuffix(o, ".func.test")
					said[o] = said[o] || ok
					return ok
				},
				AllowOriginRequestFunc: func(r *Request, o string) bool {
					asked = append(asked, o)
					ok := strings.Contains(o, ".db.test") && r.Path == "/api/items"
					said[o] = said[o] || ok
					return ok
				},
			}
			e = mustNew(t, fp.policy)
		}
		creds := fp.policy.AllowCredentials

		d := e.Evaluate(req)
		h := map[string][]string{}
		for _, fl := range d.Headers() {
			h[fl.Name] = append(h[fl.Name], fl.Value)
		}
		one := func(name string) string {
			if len(h[name]) > 1 {
				t.Fatalf("%s set %d times: %q", name, len(h[name]), h[name])
			}
			if len(h[name]) == 0 {
				return ""
			}
			return h[name][0]
		}
		acao := one(hAllowOrigin)
		acac := one(hAllowCredentials)

		// Never "*" with credentials.
		if acao == "*" && acac != "" {
			t.Fatalf("Allow-Origin * with Allow-Credentials %q", acac)
		}
		// Under credentials browsers read "*" literally, so a "*" method
		// or header name may only be there reflected from the request.
		if acac != "" {
			if one(hAllowMethods) == "*" && trimOWS(strings.Join(req.AccessControlRequestMethod, "")) != "*" {
				t.Fatalf("Allow-Methods * with credentials for %q", req.AccessControlRequestMethod)
			}
			for _, l := range h[hAllowHeaders] {
				if strings.Contains(l, "*") && !strings.Contains(strings.Join(req.AccessControlRequestHeaders, ","), "*") {
					t.Fatalf("Allow-Headers %q with credentials for %q", l, req.AccessControlRequestHeaders)
				}
			}
		}

		// Kind.
		wantKind := Actual
		switch {
		case len(req.Origin) == 0:
			wantKind = NotCORS
		case method == "OPTIONS" && acrmPresent:
			wantKind = Preflight
		}
		if d.Kind != wantKind {
			t.Fatalf("kind %v, want %v", d.Kind, wantKind)
		}

		// The origin echoed, or "*", only when the policy allows it.
		trimmed := ""
		if len(req.Origin) > 0 {
			trimmed = trimOWS(req.Origin[0])
		}
		switch {
		case acao == "":
		case acao == "*":
			if !fp.plainStar {
				t.Fatalf("Allow-Origin * under a policy that is not a plain *")
			}
		default:
			if fp.plainStar {
				t.Fatalf("plain * echoed %q", acao)
			}
			if len(req.Origin) != 1 || acao != trimmed {
				t.Fatalf("Allow-Origin %q is not the one Origin %q sent", acao, req.Origin)
			}
			if !fp.allows(acao) && !said[acao] {
				t.Fatalf("Allow-Origin %q echoed but the policy does not allow it", acao)
			}
			if !wellFormed(acao) {
				t.Fatalf("Allow-Origin %q is not a well-formed origin", acao)
			}
		}
		if fp.plainStar && len(req.Origin) > 0 && d.Kind == Actual && acao != "*" {
			t.Fatalf("plain * did not answer * to an actual request")
		}
		if !fp.plainStar && d.Kind == Actual && len(req.Origin) == 1 && (fp.allows(trimmed)) && acao != trimmed {
			t.Fatalf("allowed origin %q not echoed: %v (%s)", trimmed, h, d.Why())
		}

		// The funcs: only for well-formed origins no entry matches.
		for _, o := range asked {
			if !wellFormed(o) || fp.exact[o] || o != trimmed || len(req.Origin) != 1 {
				t.Fatalf("an origin func was asked about %q (Origin %q)", o, req.Origin)
			}
		}

		// Vary.
		varyHasToken := func(tok string) bool {
			for _, v := range strings.Split(d.Vary, ",") {
				if strings.TrimSpace(v) == tok {
					return true
				}
			}
			return false
		}
		if !fp.plainStar && !varyHasToken("Origin") {
			t.Fatalf("the answer depends on the origin but Vary is %q", d.Vary)
		}
		if fp.plainStar && varyHasToken("Origin") {
			t.Fatalf("plain * varies on Origin: %q", d.Vary)
		}
		if d.Kind == Preflight && (!varyHasToken("Access-Control-Request-Method") || !varyHasToken("Access-Control-Request-Headers")) {
			t.Fatalf("preflight Vary %q", d.Vary)
		}

		// Refusals set nothing; results are consistent.
		if !d.Allowed {
			if len(d.Headers()) != 0 || d.Reason == ReasonNone || d.Why() == "" || d.Explain() == "" {
				t.Fatalf("refusal with headers %v reason %v", h, d.Reason)
			}
		} else if d.Reason != ReasonNone {
			t.Fatalf("allowed with reason %v", d.Reason)
		}
		switch d.Kind {
		case NotCORS:
			if !d.Allowed || !d.Next || fp.plainStar != (acao == "*") {
				t.Fatalf("not CORS: %+v %v", d, h)
			}
		case Actual:
			if !d.Next {
				t.Fatalf("an actual request stops the handler")
			}
			if one(hAllowMethods) != "" || one(hMaxAge) != "" || len(h[hAllowHeaders]) > 0 {
				t.Fatalf("preflight headers on an actual request: %v", h)
			}
		case Preflight:
			if d.Next != fp.policy.OptionsPassthrough {
				t.Fatalf("Next %v with passthrough %v", d.Next, fp.policy.OptionsPassthrough)
			}
			if !d.Allowed {
				if d.Status != 403 {
					t.Fatalf("refused preflight status %d", d.Status)
				}
				break
			}
			status := fp.policy.OptionsSuccessStatus
			if status == 0 {
				status = 204
			}
			if d.Status != status || acao == "" || one(hExposeHeaders) != "" {
				t.Fatalf("accepted preflight: status %d headers %v", d.Status, h)
			}
			m := trimOWS(req.AccessControlRequestMethod[0])
			if len(req.AccessControlRequestMethod) != 1 || forbiddenRE.MatchString(m) || m == "" {
				t.Fatalf("preflight for %q accepted", req.AccessControlRequestMethod)
			}
			am := one(hAllowMethods)
			covered := m == "GET" || m == "HEAD" || m == "POST" || am == m || am == "*" && !creds
			for _, x := range strings.Split(am, ", ") {
				covered = covered || x == m
			}
			if !covered {
				t.Fatalf("Allow-Methods %q does not cover %q", am, m)
			}
			// Every requested header is allowed, Authorization only by name.
			all := strings.ToLower(strings.Join(req.AccessControlRequestHeaders, ","))
			for _, item := range strings.Split(all, ",") {
				if trimOWS(item) == "authorization" {
					named := false
					for _, a := range fp.policy.AllowedHeaders {
						named = named || strings.EqualFold(a, "authorization")
					}
					if !named {
						t.Fatalf("authorization accepted without being named: %v", fp.policy.AllowedHeaders)
					}
				}
			}
			if len(req.AccessControlRequestHeaders) > MaxRequestHeaderLines || len(all) > MaxRequestHeadersLen+MaxRequestHeaderLines {
				t.Fatalf("preflight past the bounds accepted")
			}
			wantPN := fp.policy.AllowPrivateNetwork && len(req.AccessControlRequestPrivateNetwork) == 1 && trimOWS(pn) == "true"
			if (one(hAllowPrivateNetwork) == "true") != wantPN {
				t.Fatalf("Allow-Private-Network %q for %q", one(hAllowPrivateNetwork), pn)
			}
		}
	})
}

// tokenRE is RFC 9110's token.
var tokenRE = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// FuzzRequestHeaders checks the bounded Access-Control-Request-Headers
// walk against strings.Split: the same verdict, the same offending name.
func FuzzRequestHeaders(f *testing.F) {
	for _, s := range []string{
		"", "content-type", "Content-Type, X-Request-Id", " , ,content-type,", "x-foo", "content-type\nx-foo",
		"a\nb\nc\nd\ne", "x/y", "authorization", "AUTHORIZATION,content-type", strings.Repeat("accept,", 101),
		strings.Repeat("x", MaxRequestHeadersLen+1), "\tcontent-type\t", "content-type,,,\n\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	named, err := compile(Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"Content-Type", "X-Request-Id", "accept"}})
	if err != nil {
		f.Fatal(err)
	}
	star, err := compile(Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"*"}})
	if err != nil {
		f.Fatal(err)
	}
	allowedNamed := map[string]bool{"content-type": true, "x-request-id": true, "accept": true}
	f.Fuzz(func(t *testing.T, s string, useStar bool) {
		lines := strings.Split(s, "\n")
		c := named
		if useStar {
			c = star
		}
		gotReason, gotDetail := c.checkRequestHeaders(lines)

		wantReason, wantDetail := func() (Reason, string) {
			if len(lines) > MaxRequestHeaderLines {
				return ReasonHeadersTooMany, ""
			}
			if len(s)-(len(lines)-1) > MaxRequestHeadersLen {
				return ReasonHeadersTooLong, ""
			}
			n := 0
			for _, l := range lines {
				for _, item := range strings.Split(l, ",") {
					item = trimOWS(item)
					if item == "" {
						continue
					}
					if n++; n > MaxRequestHeaderNames {
						return ReasonHeadersTooMany, ""
					}
					if !tokenRE.MatchString(item) {
						return ReasonHeaderMalformed, item
					}
					lower := strings.ToLower(item)
					if useStar && lower != "authorization" || !useStar && allowedNamed[lower] {
						continue
					}
					return ReasonHeaderNotAllowed, item
				}
			}
			return ReasonNone, ""
		}()
		if gotReason != wantReason || gotDetail != wantDetail {
			t.Fatalf("checkRequestHeaders(%q) = %v %q, want %v %q", lines, gotReason, gotDetail, wantReason, wantDetail)
		}
		if hasNames(lines) != (strings.Trim(strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "\n", ""), " \t") != "" && !onlyOWSItems(lines)) {
			t.Fatalf("hasNames(%q) = %v", lines, hasNames(lines))
		}
	})
}

// onlyOWSItems reports whether every item of every line is blank.
func onlyOWSItems(lines []string) bool {
	for _, l := range lines {
		for _, item := range strings.Split(l, ",") {
			if trimOWS(item) != "" {
				return false
			}
		}
	}
	return true
}
