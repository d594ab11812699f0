package header

import (
	"strings"
	"testing"
)

// FuzzNext checks the list walk against strings.Split: the same items,
// trimmed, with the one empty item after a final comma left out; every
// item is free of commas and surrounding whitespace; the walk ends.
func FuzzNext(f *testing.F) {
	for _, s := range []string{"", ",", "a", "a,b", " a , b ", "a,,b", "a,", ",a", "\tx-foo,\tX-BAR\t", "a, ", strings.Repeat("x,", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []string
		if s != "" {
			parts := strings.Split(s, ",")
			if strings.HasSuffix(s, ",") {
				parts = parts[:len(parts)-1]
			}
			for _, p := range parts {
				want = append(want, strings.Trim(p, " \t"))
			}
		}
		var got []string
		for rest, steps := s, 0; ; steps++ {
			if steps > len(s)+1 {
				t.Fatalf("walk of %q does not end", s)
			}
			item, r, done := Next(rest)
			if done {
				if item != "" || r != "" {
					t.Fatalf("done with item %q rest %q", item, r)
				}
				break
			}
			if strings.Contains(item, ",") || TrimOWS(item) != item {
				t.Fatalf("item %q has a comma or surrounding whitespace", item)
			}
			if len(r) >= len(rest) {
				t.Fatalf("Next(%q) made no progress", rest)
			}
			got = append(got, item)
			rest = r
		}
		if len(got) != len(want) {
			t.Fatalf("walk(%q) = %q, want %q", s, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("walk(%q) = %q, want %q", s, got, want)
			}
		}
		// EqualFoldASCII agrees with strings.EqualFold on ASCII input.
		if isASCII(s) {
			for _, item := range got {
				if EqualFoldASCII(item, strings.ToUpper(item)) != true {
					t.Fatalf("EqualFoldASCII(%q, upper) = false", item)
				}
				if EqualFoldASCII(item, s) != strings.EqualFold(item, s) {
					t.Fatalf("EqualFoldASCII(%q, %q) disagrees with strings.EqualFold", item, s)
				}
			}
		}
		// A token is non-empty and holds no separator.
		if IsToken(s) && (s == "" || strings.ContainsAny(s, " \t,;:\"()/[]{}<>=?@\\")) {
			t.Fatalf("IsToken(%q) = true", s)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
