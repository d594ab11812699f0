package origin

import (
	"net/netip"
	"strings"
	"testing"
)

func TestParseWellFormed(t *testing.T) {
	tests := []struct {
		in                 string
		scheme, host, port string
	}{
		{"https://example.com", "https", "example.com", ""},
		{"http://localhost:3000", "http", "localhost", "3000"},
		{"https://a.b.example.com", "https", "a.b.example.com", ""},
		{"https://example.com:443", "https", "example.com", "443"}, // well-formed; matching refuses it
		{"https://example.com:1", "https", "example.com", "1"},
		{"https://example.com:65535", "https", "example.com", "65535"},
		{"http://127.0.0.1:5173", "http", "127.0.0.1", "5173"},
		{"http://[::1]", "http", "[::1]", ""},
		{"http://[::1]:8080", "http", "[::1]", "8080"},
		{"http://[2001:db8::8a2e:370:7334]:443", "http", "[2001:db8::8a2e:370:7334]", "443"},
		{"tauri://localhost", "tauri", "localhost", ""},
		{"capacitor://localhost", "capacitor", "localhost", ""},
		{"chrome-extension://abcdefghijklmnopabcdefghijklmnop", "chrome-extension", "abcdefghijklmnopabcdefghijklmnop", ""},
		{"moz-extension://0d6f4a2e-6b5c-4d7a-9f1e-7c2b3a4d5e6f", "moz-extension", "0d6f4a2e-6b5c-4d7a-9f1e-7c2b3a4d5e6f", ""},
		{"https://xn--bcher-kva.example", "https", "xn--bcher-kva.example", ""},
		{"https://under_score.example.com", "https", "under_score.example.com", ""},
		{"web+app.x-1://h", "web+app.x-1", "h", ""},
		{"https://" + strings.Repeat("a", 63) + ".com", "https", strings.Repeat("a", 63) + ".com", ""},
	}
	for _, tt := range tests {
		o, ok := Parse(tt.in)
		if !ok {
			t.Errorf("Parse(%q) refused, want well-formed", tt.in)
			continue
		}
		if o.Scheme != tt.scheme || o.Host != tt.host || o.Port != tt.port {
			t.Errorf("Parse(%q) = %+v, want {%s %s %s}", tt.in, o, tt.scheme, tt.host, tt.port)
		}
		if got := o.String(); got != tt.in {
			t.Errorf("Parse(%q).String() = %q, want it unchanged", tt.in, got)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	long := "https://" + strings.Repeat("a.", 130) + "com"
	for _, in := range []string{
		"", "null", "Null", "*", "https://", "https://:443", "https:/example.com", "//example.com",
		"example.com", "https//example.com", "://example.com", "1http://example.com",
		// case: browsers serialize origins in lower case
		"HTTPS://example.com", "https://Example.com", "https://EXAMPLE.COM", "Https://example.com",
		// paths, queries, fragments, trailing dots and slashes
		"https://example.com/", "https://example.com/path", "https://example.com?q", "https://example.com#f",
		"https://example.com.", "https://example.com..", "https://.example.com", "https://a..b.com",
		// userinfo and percent-encoding tricks
		"https://example.com@evil.com", "https://user@example.com", "https://user:pw@example.com",
		"https://example.com%60.evil.com", "https://example%2ecom",
		// ports
		"https://example.com:", "https://example.com:0", "https://example.com:00", "https://example.com:080",
		"https://example.com:65536", "https://example.com:99999", "https://example.com:123456",
		"https://example.com:+80", "https://example.com:-1", "https://example.com:8o", "https://example.com:80:80",
		// whitespace and control characters (the core trims OWS before Parse)
		" https://example.com", "https://example.com ", "https://exa mple.com", "https://example.com\t",
		"https://example.com\x00", "https://exam\nple.com",
		// IPv6
		"http://[::1", "http://::1", "http://[::1]x", "http://[::1]:", "http://[::1]:0", "http://[::1]:65536",
		"http://[fe80::1%25eth0]", "http://[fe80::1%eth0]", "http://[::FFFF:1]", "http://[1.2.3.4]",
		"http://[]", "http://[:]", "http://[::1]]", "http://[[::1]]", "http://[::1]/",
		// hosts
		"https://bücher.de", "https://" + strings.Repeat("a", 64) + ".com", long,
		"https://exa*mple.com", "https://*.example.com", "https://ex!ample.com",
		strings.Repeat("a", MaxLen+1),
	} {
		if o, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %+v, want malformed", in, o)
		}
	}
}

// TestParseLookAlikes is issue 2's list: none is what a browser sends for
// https://example.com or a subdomain of it, and each is malformed or a
// different origin.
func TestParseLookAlikes(t *testing.T) {
	for _, tt := range []struct {
		in        string
		wellFormd bool
	}{
		{"https://example.com.evil.com", true}, // a different host, refused by matching
		{"https://evilexample.com", true},
		{"http://a.example.com", true},
		{"null", false},
		{"https://example.com@evil.com", false},
		{"https://example.com%60.evil.com", false},
		{"https://a.example.com.", false},
		{"HTTPS://A.EXAMPLE.COM", false},
		{"https://example.com:443", true}, // well-formed but never equal to the normalised "https://example.com"
	} {
		if _, ok := Parse(tt.in); ok != tt.wellFormd {
			t.Errorf("Parse(%q) well-formed = %v, want %v", tt.in, ok, tt.wellFormd)
		}
	}
}

func TestParseDoesNotAllocate(t *testing.T) {
	for _, in := range []string{"https://app.example.com", "http://[::1]:8080", "HTTPS://X", "null"} {
		if n := testing.AllocsPerRun(100, func() { Parse(in) }); n != 0 {
			t.Errorf("Parse(%q) allocates %v times", in, n)
		}
	}
}

func TestParseSpecNormalises(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://app.example.com", "https://app.example.com"},
		{"HTTPS://APP.EXAMPLE.COM", "https://app.example.com"},
		{"Https://App.Example.Com", "https://app.example.com"},
		{"https://app.example.com:443", "https://app.example.com"},
		{"http://app.example.com:80", "http://app.example.com"},
		{"ws://h:80", "ws://h"},
		{"wss://h:443", "wss://h"},
		{"http://app.example.com:443", "http://app.example.com:443"},
		{"https://app.example.com:80", "https://app.example.com:80"},
		{"https://app.example.com:08443", "https://app.example.com:8443"},
		{"http://localhost:3000", "http://localhost:3000"},
		{"http://127.0.0.1:5173", "http://127.0.0.1:5173"},
		{"http://[::1]:8080", "http://[::1]:8080"},
		{"http://[::1]:80", "http://[::1]"},
		{"http://[0:0:0:0:0:0:0:1]", "http://[::1]"},
		{"http://[2001:DB8::1]", "http://[2001:db8::1]"},
		{"http://[2001:db8:0:0:1:0:0:1]", "http://[2001:db8::1:0:0:1]"},
		// browsers serialize IPv4-mapped addresses in hex, never dotted
		{"http://[::ffff:127.0.0.1]:8080", "http://[::ffff:7f00:1]:8080"},
		{"http://[::FFFF:7F00:1]", "http://[::ffff:7f00:1]"},
		{"tauri://localhost", "tauri://localhost"},
		{"capacitor://localhost", "capacitor://localhost"},
		{"chrome-extension://abcdefghijklmnopabcdefghijklmnop", "chrome-extension://abcdefghijklmnopabcdefghijklmnop"},
		{"https://XN--BCHER-KVA.example", "https://xn--bcher-kva.example"},
		// patterns
		{"https://*.example.com", "https://*.example.com"},
		{"HTTPS://*.Example.COM:443", "https://*.example.com"},
		{"https://*.example.com:8443", "https://*.example.com:8443"},
		{"http://*.localhost:3000", "http://*.localhost:3000"},
		{"https://*.a.b.example.com", "https://*.a.b.example.com"},
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.in)
		if err != nil {
			t.Errorf("ParseSpec(%q): %v", tt.in, err)
			continue
		}
		if got := s.String(); got != tt.want {
			t.Errorf("ParseSpec(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if pattern := strings.Contains(tt.want, "*"); s.Pattern != pattern {
			t.Errorf("ParseSpec(%q).Pattern = %v, want %v", tt.in, s.Pattern, pattern)
		}
		if !s.Pattern {
			// What a browser sends for this origin parses strictly.
			if o, ok := Parse(s.Exact); !ok || o.String() != s.Exact {
				t.Errorf("normalised %q does not parse strictly to itself", s.Exact)
			}
		}
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `write one like "https://app.example.com"`},
		{" https://a.com", "no spaces"},
		{"https://a.com ", "no spaces"},
		{"https://a .com", "no spaces"},
		{"null", `"null" is the origin of sandboxed iframes`},
		{"NULL", `"null" is the origin of sandboxed iframes`},
		{"example.com", `needs a scheme; write "https://example.com"`},
		{"//example.com", `needs a scheme; write "https://example.com"`},
		{"*.example.com", `needs a scheme; write "https://*.example.com"`},
		{"1https://a.com", "scheme is not valid"},
		{"https://example.com/", `no trailing slash; write "https://example.com"`},
		{"https://example.com/app", `no path; write "https://example.com"`},
		{"https://example.com/app/", `no path; write "https://example.com"`},
		{"https://example.com?x=1", `no query; write "https://example.com"`},
		{"https://example.com#top", `no fragment; write "https://example.com"`},
		{"https://user@example.com", `no user info; write "https://example.com"`},
		{"https://user:pw@example.com:8443", `no user info; write "https://example.com:8443"`},
		{"https://example.com:0", `the port "0" is not a number from 1 to 65535`},
		{"https://example.com:65536", `the port "65536"`},
		{"https://example.com:", `the port ""`},
		{"https://example.com:+80", `the port "+80"`},
		{"https://example.com:http", `the port "http"`},
		{"https://", "needs a host"},
		{"https://:8080", "needs a host"},
		{"http://[::1", "written in brackets"},
		{"http://[::1]x", "written in brackets"},
		{"http://[zz::1]", "IPv6 address is not valid"},
		{"http://[1.2.3.4]", "IPv6 address is not valid"},
		{"http://[fe80::1%eth0]", "IPv6 address is not valid"},
		{"https://example.com.", `ends in a dot`},
		{"https://bücher.de", "punycode"},
		{"https://exa_mple!.com", "not a valid host name"},
		{"https://a..b.com", "not a valid host name"},
		{"https://" + strings.Repeat("a", 64) + ".com", "not a valid host name"},
		// patterns
		{"https://*", `"*" must be a whole leading label`},
		{"https://h*", `"*" must be a whole leading label`},
		{"https://*example.com", `"*" must be a whole leading label`},
		{"https://a.*.example.com", `"*" must be a whole leading label`},
		{"https://*.*.example.com", `"*" must be a whole leading label`},
		{"https://**.example.com", `"*" must be a whole leading label`},
		{"https://example.*", `"*" must be a whole leading label`},
		{"https://*.com", "at least two labels"},
		{"https://*.example.com.", "ends in a dot"},
		{"https://*.", "not a valid host name"},
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.in)
		if err == nil {
			t.Errorf("ParseSpec(%q) = %q, want an error", tt.in, s)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseSpec(%q) error %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestSpecMatches(t *testing.T) {
	tests := []struct {
		spec, origin string
		want         bool
	}{
		{"https://*.example.com", "https://a.example.com", true},
		{"https://*.example.com", "https://a.b.example.com", true},
		{"https://*.example.com", "https://x-y_z.example.com", true},
		{"https://*.example.com", "https://example.com", false},
		{"https://*.example.com", "https://evilexample.com", false},
		{"https://*.example.com", "https://example.com.evil.com", false},
		{"https://*.example.com", "https://a.example.com.evil.com", false},
		{"https://*.example.com", "http://a.example.com", false},
		{"https://*.example.com", "wss://a.example.com", false},
		{"https://*.example.com", "https://a.example.com:8443", false},
		{"https://*.example.com", "https://a.example.com:443", false}, // not as browsers send it
		{"https://*.example.com:8443", "https://a.example.com:8443", true},
		{"https://*.example.com:8443", "https://a.example.com", false},
		{"https://*.example.com:8443", "https://a.example.com:8444", false},
		{"https://*.a.example.com", "https://b.example.com", false},
		{"https://*.a.example.com", "https://x.a.example.com", true},
		{"http://*.localhost:3000", "http://app.localhost:3000", true},
		{"http://*.localhost:3000", "http://localhost:3000", false},
		{"https://app.example.com", "https://app.example.com", false}, // exact specs are matched by the caller
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.spec)
		if err != nil {
			t.Fatalf("ParseSpec(%q): %v", tt.spec, err)
		}
		o, ok := Parse(tt.origin)
		if !ok {
			t.Fatalf("Parse(%q) refused", tt.origin)
		}
		if got := s.Matches(o); got != tt.want {
			t.Errorf("%q matches %q = %v, want %v", tt.spec, tt.origin, got, tt.want)
		}
	}
}

func TestDefaultPort(t *testing.T) {
	for scheme, want := range map[string]string{"http": "80", "ws": "80", "https": "443", "wss": "443", "tauri": "", "ftp": "", "HTTP": ""} {
		if got := DefaultPort(scheme); got != want {
			t.Errorf("DefaultPort(%q) = %q, want %q", scheme, got, want)
		}
	}
}

// TestSerializeIPv6 checks the browser serializer against netip's RFC 5952
// form, which agrees everywhere but on IPv4-mapped addresses.
func TestSerializeIPv6(t *testing.T) {
	for _, in := range []string{
		"::", "::1", "1::", "1:0:0:2::3", "1::2:0:0:3", "1:0:1:0:1:0:1:0", "0:1:0:1:0:1:0:1",
		"2001:db8::ff00:42:8329", "fe80::1", "1:2:3:4:5:6:7:8", "0:0:1:0:0:0:1:0", "::fffe:0:1",
	} {
		a := netip.MustParseAddr(in)
		if got, want := serializeIPv6(a), a.String(); got != want {
			t.Errorf("serializeIPv6(%s) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"::ffff:127.0.0.1": "::ffff:7f00:1",
		"::ffff:0.0.0.0":   "::ffff:0:0",
		"::ffff:1.2.3.4":   "::ffff:102:304",
		"::ffff:0:1":       "::ffff:0:1",
	} {
		if got := serializeIPv6(netip.MustParseAddr(in)); got != want {
			t.Errorf("serializeIPv6(%s) = %q, want %q", in, got, want)
		}
	}
}
