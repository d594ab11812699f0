package core

import (
	"errors"
	"strings"
	"testing"
)

// TestPublicSuffixPatternsWithCredentials checks that, with credentials, a
// pattern over a public suffix is refused, from either section of the list,
// and that the error says what to write instead.
func TestPublicSuffixPatternsWithCredentials(t *testing.T) {
	tests := []struct{ pattern, suffix, fix string }{
		{"https://*.github.io", "github.io", `"https://yourapp.github.io", or a pattern under a name that is yours alone, such as "https://*.yourapp.github.io"`},
		{"https://*.co.uk", "co.uk", `"https://*.yourapp.co.uk"`},
		{"https://*.vercel.app", "vercel.app", `"https://yourapp.vercel.app"`},
		{"https://*.netlify.app", "netlify.app", "list the exact origins of your own front ends"},
		{"https://*.pages.dev", "pages.dev", "list the exact origins"},
		{"HTTPS://*.GitHub.IO:443", "github.io", `"https://*.yourapp.github.io"`},
		{"https://*.github.io:8443", "github.io", `"https://yourapp.github.io:8443"`},
		{"http://*.com.au", "com.au", `"http://*.yourapp.com.au"`},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			p := Policy{AllowedOrigins: []string{app, tt.pattern}, AllowCredentials: true}
			_, err := New(p)
			if err == nil {
				t.Fatal("New accepted the policy")
			}
			var oe *OriginError
			if !errors.As(err, &oe) {
				t.Fatalf("error %v is not an *OriginError", err)
			}
			if oe.Field != "allowedOrigins" || oe.Index != 1 || oe.Value != tt.pattern ||
				!strings.HasPrefix(oe.Reason, tt.suffix+" is a public suffix") || !strings.Contains(oe.Fix, tt.fix) {
				t.Errorf("problem %+v, want index 1, value %q, reason about %s, a fix with %s", oe.Problem, tt.pattern, tt.suffix, tt.fix)
			}
			if !strings.Contains(err.Error(), "allowCredentials") {
				t.Errorf("error %q does not say credentials are the problem", err)
			}
			// Without credentials the same pattern is allowed: it grants
			// only what any site could read anyway.
			p.AllowCredentials = false
			if _, err := New(p); err != nil {
				t.Errorf("without credentials: %v", err)
			}
		})
	}
}

// TestPatternsUnderOwnDomainWithCredentials checks that a pattern one label
// under a public suffix, a name someone owns, stays allowed.
func TestPatternsUnderOwnDomainWithCredentials(t *testing.T) {
	for _, pattern := range []string{
		"https://*.example.co.uk", "https://*.example.com", "https://*.yourapp.github.io",
		"https://*.a.b.example.com", "http://*.localhost:3000", "https://*.corp.internal",
	} {
		if _, err := New(Policy{AllowedOrigins: []string{pattern}, AllowCredentials: true}); err != nil {
			t.Errorf("%s with credentials: %v", pattern, err)
		}
	}
}
