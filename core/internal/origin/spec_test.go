package origin

import (
	"strings"
	"testing"
)

func TestParseSpecRefusesNumericPatterns(t *testing.T) {
	for _, s := range []string{"http://*.0.1", "http://*.168.1.1", "https://*.example.123"} {
		if _, err := ParseSpec(s); err == nil || !strings.Contains(err.Error(), "not an IP address") {
			t.Errorf("ParseSpec(%q) = %v, want the IP-address refusal", s, err)
		}
	}
	if _, err := ParseSpec("https://*.a1.example.com"); err != nil {
		t.Errorf("a digit inside a label is fine: %v", err)
	}
}
