package header

import (
	"strings"
	"testing"
)

func TestIsToken(t *testing.T) {
	for _, s := range []string{"GET", "patch", "X-Request-Id", "x_y", "!#$%&'*+-.^_`|~", "a1", "*"} {
		if !IsToken(s) {
			t.Errorf("IsToken(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", " ", "X Foo", "x/y", "a:b", "a,b", "a;b", `a"b`, "(a)", "a\tb", "é", "a\x00", "a\x7f", "[x]", "{x}", "a=b", "a@b", "a?b", "a\\b"} {
		if IsToken(s) {
			t.Errorf("IsToken(%q) = true, want false", s)
		}
	}
}

func TestTrimOWS(t *testing.T) {
	for in, want := range map[string]string{
		"": "", " ": "", "\t \t": "", "a": "a", " a ": "a", "\ta\t": "a", " \t a b \t ": "a b",
		"\na\n":   "\na\n", // only spaces and tabs are optional whitespace
		"\u00a0a": "\u00a0a",
	} {
		if got := TrimOWS(in); got != want {
			t.Errorf("TrimOWS(%q) = %q, want %q", in, got, want)
		}
	}
}

// walk collects every item Next returns, empty ones included.
func walk(s string) []string {
	var items []string
	for rest := s; ; {
		item, r, done := Next(rest)
		if done {
			return items
		}
		items = append(items, item)
		rest = r
	}
}

func TestNext(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a,b", []string{"a", "b"}},
		{" a , b ", []string{"a", "b"}},
		{"\ta,\tb\t", []string{"a", "b"}},
		{"a,,b", []string{"a", "", "b"}},
		{",a", []string{"", "a"}},
		{"a,", []string{"a"}},
		{"a, ", []string{"a", ""}},
		{",", []string{""}},
		{" , , ", []string{"", "", ""}},
		{"Content-Type, X-Request-Id", []string{"Content-Type", "X-Request-Id"}},
	}
	for _, tt := range tests {
		got := walk(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("walk(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEqualFoldASCII(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"", "", true}, {"a", "A", true}, {"Content-Type", "content-type", true}, {"AUTHORIZATION", "authorization", true},
		{"a", "b", false}, {"a", "ab", false}, {"[", "{", false}, {"@", "`", false}, {"k", "\u212a", false},
		{"x-1", "X-1", true}, {"x_1", "x-1", false},
	}
	for _, tt := range tests {
		if got := EqualFoldASCII(tt.a, tt.b); got != tt.want {
			t.Errorf("EqualFoldASCII(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	s := " Content-Type , x-request-id,, authorization "
	n := testing.AllocsPerRun(100, func() {
		for rest := s; ; {
			item, r, done := Next(rest)
			if done {
				break
			}
			_ = IsToken(item) && EqualFoldASCII(item, "authorization")
			rest = r
		}
	})
	if n != 0 {
		t.Errorf("walking a list allocates %v times", n)
	}
}

func TestIsForbiddenResponse(t *testing.T) {
	for name, want := range map[string]bool{
		"Set-Cookie": true, "set-cookie": true, "SET-COOKIE2": true, "set-cookie2": true,
		"Set-Cookie3": false, "Cookie": false, "X-Total-Count": false, "": false,
	} {
		if got := IsForbiddenResponse(name); got != want {
			t.Errorf("IsForbiddenResponse(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestItems(t *testing.T) {
	var got []string
	for item := range Items(" a ,, b\t,") {
		got = append(got, item)
	}
	if strings.Join(got, "|") != "a||b" {
		t.Errorf("Items = %q, want [a, \"\", b] (a trailing comma ends the list)", got)
	}
	var first []string
	for item := range Items("x,y,z") {
		first = append(first, item)
		break
	}
	if len(first) != 1 || first[0] != "x" {
		t.Errorf("break after the first item gave %q", first)
	}
	if n := testing.AllocsPerRun(10, func() {
		for range Items("a, b, c") {
		}
	}); n != 0 {
		t.Errorf("Items allocates %v times", n)
	}
}
