package corstest

import (
	"strings"
	"testing"

	"github.com/corskit/corskit/core"
)

// TestBypassTable keeps the corpus sound: every row has a reason and a
// unique name, every policy compiles, and it covers what it claims.
func TestBypassTable(t *testing.T) {
	rows := bypassRows()
	if len(rows) < 200 {
		t.Errorf("the corpus has %d rows, want at least 200", len(rows))
	}
	seen := map[string]bool{}
	perPolicy := map[string]int{}
	allowed := 0
	for _, b := range rows {
		if seen[b.Name()] {
			t.Errorf("%s appears twice", b.Name())
		}
		seen[b.Name()] = true
		perPolicy[b.Policy]++
		if b.Allowed {
			allowed++
			if len(b.Origin) != 1 {
				t.Errorf("%s: an allowed row sends one Origin", b.Name())
			}
		}
		if len(b.Origin) == 0 {
			t.Errorf("%s: no Origin; requests without one are not CORS", b.Name())
		}
		if strings.TrimSpace(b.Why) == "" {
			t.Errorf("%s: no reason given", b.Name())
		}
	}
	for _, p := range []string{BypassExact, BypassPattern, BypassFunc} {
		if _, err := core.New(BypassPolicy(p)); err != nil {
			t.Errorf("policy %s refused: %v", p, err)
		}
		if perPolicy[p] < 20 {
			t.Errorf("policy %s has %d rows", p, perPolicy[p])
		}
	}
	if allowed == 0 || allowed > len(rows)/10 {
		t.Errorf("%d of %d rows are allowed", allowed, len(rows))
	}
	if n := len(bypassCases()); n != 2*len(rows) {
		t.Errorf("bypassCases has %d cases for %d rows", n, len(rows))
	}
}

// TestBypassCasesAreFresh checks that callers may edit what they get.
func TestBypassCasesAreFresh(t *testing.T) {
	a := bypassRows()
	a[0].Origin[0] = "edited"
	if bypassRows()[0].Origin[0] == "edited" {
		t.Error("bypassRows shares state between calls")
	}
	c := bypassCases()
	c[0].Header.Set("Origin", "edited")
	if bypassCases()[0].Header.Get("Origin") == "edited" {
		t.Error("bypassCases shares state between calls")
	}
}
