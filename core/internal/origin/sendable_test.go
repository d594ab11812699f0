package origin

import (
	"errors"
	"strings"
	"testing"
)

// TestParseSpecRefusesUnsendable covers origins shaped like one that no
// browser sends: each refusal says what to write instead.
func TestParseSpecRefusesUnsendable(t *testing.T) {
	tests := []struct{ in, reason, fix string }{
		{"http://2130706433", "browsers serialise this host as 127.0.0.1", `write "http://127.0.0.1"`},
		{"http://0x7f.0.0.1", "browsers serialise this host as 127.0.0.1", `write "http://127.0.0.1"`},
		{"http://0X7F.0.0.1:8080", "browsers serialise this host as 127.0.0.1", `write "http://127.0.0.1:8080"`},
		{"http://0177.0.0.1", "browsers serialise this host as 127.0.0.1", `write "http://127.0.0.1"`},
		{"http://127.1", "browsers serialise this host as 127.0.0.1", `write "http://127.0.0.1"`},
		{"https://127.0.0.01:8443", "browsers serialise this host as 127.0.0.1", `write "https://127.0.0.1:8443"`},
		{"http://192.168.0x1.1", "as 192.168.1.1", `write "http://192.168.1.1"`},
		{"ws://0", "as 0.0.0.0", `write "ws://0.0.0.0"`},
		{"http://10.0x", "as 10.0.0.0", `write "http://10.0.0.0"`},
		{"http://1.2.3.999", "not a valid one", "four decimal numbers"},
		{"http://1.2.3.4.5", "not a valid one", "four decimal numbers"},
		{"http://app.example.123", "ends in a number", "or a host name"},
		{"http://1.08", "not a valid one", "four decimal numbers"},
		{"http://4294967296", "not a valid one", "four decimal numbers"},
		{"http://app.0x1f", "not a valid one", "four decimal numbers"},
		{"javascript://x", `browsers never send a "javascript:" origin`, `allow that page's origin`},
		{"javascript:alert(1)", `"javascript:" origin`, `allow that page's origin`},
		{"JavaScript://x", `"javascript:" origin`, `allow that page's origin`},
		{"about:blank", `"about:" origin`, `allow that page's origin`},
		{"data:text/html,hi", `sent as "null"`, "serve the page from a real origin"},
		{"data://x", `sent as "null"`, "serve the page from a real origin"},
		{"mailto:a@example.com", `sent as "null"`, "serve the page from a real origin"},
		{"file://", `"file:" origin`, `serve the page over HTTP and allow that origin, e.g. "http://localhost:8080"`},
		{"file:///home/me/index.html", `"file:" origin`, "serve the page over HTTP"},
		{"blob:https://app.example.com/7d1c-4e", "created it", `write "https://app.example.com"`},
		{"blob:https://App.Example.com:443", "created it", `write "https://app.example.com"`},
		{"blob://x", "created it", "allow the origin of the page that created it"},
	}
	for _, tt := range tests {
		s, err := ParseSpec(tt.in)
		if err == nil {
			t.Errorf("ParseSpec(%q) = %q, want an error", tt.in, s)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("ParseSpec(%q) error %T, want *Error", tt.in, err)
		}
		if !strings.Contains(e.Reason, tt.reason) || !strings.Contains(e.Fix, tt.fix) {
			t.Errorf("ParseSpec(%q): reason %q, fix %q; want them to contain %q and %q", tt.in, e.Reason, e.Fix, tt.reason, tt.fix)
		}
	}
}

// TestParseSpecAcceptsSendable covers origins browsers do send: canonical
// IPv4 hosts, hosts that only look numeric, and the schemes of apps.
func TestParseSpecAcceptsSendable(t *testing.T) {
	for _, in := range []string{
		"http://127.0.0.1", "http://0.0.0.0:3000", "https://255.255.255.255", "http://10.0.0.1:8080",
		"https://1a.example.com", "https://example.c0m", "https://0xg.example.com", "https://123.example.com",
		"tauri://localhost", "chrome-extension://abcdefghijklmnopabcdefghijklmnop", "capacitor://localhost",
		"moz-extension://0b1c5d2e-3f4a-4b5c-8d6e-7f8091a2b3c4", "safari-web-extension://abc", "app://localhost",
		"ionic://localhost", "tauri://123", "app://0x7f",
	} {
		if _, err := ParseSpec(in); err != nil {
			t.Errorf("ParseSpec(%q): %v", in, err)
		}
	}
}

func TestParseIPv4(t *testing.T) {
	for in, want := range map[string]string{
		"2130706433": "127.0.0.1", "0x7f000001": "127.0.0.1", "017700000001": "127.0.0.1",
		"127.1": "127.0.0.1", "127.0.1": "127.0.0.1", "1.2.3.4": "1.2.3.4", "0x": "0.0.0.0",
		"0xff.0xff.0xff.0xff": "255.255.255.255", "4294967295": "255.255.255.255", "1.2.3.4.": "1.2.3.4",
		"1.2.3.4.5": "", "256.1.1.1": "", "1.16777216": "", "4294967296": "", "0x1g": "", "09": "",
		"99999999999999999999999": "", "0xffffffffffffffffffffff": "", "a.1": "",
	} {
		a, ok := parseIPv4(in)
		if got := a.String(); ok != (want != "") || ok && got != want {
			t.Errorf("parseIPv4(%q) = %s, %v; want %q", in, got, ok, want)
		}
	}
}

// TestErrorText checks *Error reads as one sentence: the reason, then the fix.
func TestErrorText(t *testing.T) {
	if got := (&Error{Reason: "r", Fix: "f"}).Error(); got != "r; f" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&Error{Reason: "r"}).Error(); got != "r" {
		t.Errorf("Error() = %q", got)
	}
	if _, err := ParseSpec("https://app.example.com"); err != nil {
		t.Errorf("a good origin: %v", err)
	}
}
