// Package header holds the small HTTP grammar pieces CORS needs: tokens
// (RFC 9110 5.6.2), optional whitespace, and a bounded, allocation-free walk
// over comma-separated lists such as Access-Control-Request-Headers.
package header

import "iter"

// IsToken reports whether s is a non-empty HTTP token: the grammar of header
// names and methods.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTokenByte(s[i]) {
			return false
		}
	}
	return true
}

func isTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// TrimOWS removes the spaces and tabs that may surround a header value or a
// list item. net/http strips them from values but fasthttp keeps tabs, so the
// core trims whatever the server did.
func TrimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// Next returns the first item of the comma-separated list s, trimmed, and the
// rest of the list after its comma. Empty items are returned as "" so the
// caller decides to skip them; done is true when s held nothing more.
func Next(s string) (item, rest string, done bool) {
	if s == "" {
		return "", "", true
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return TrimOWS(s[:i]), s[i+1:], false
		}
	}
	return TrimOWS(s), "", false
}

// EqualFoldASCII reports whether a and b are equal under ASCII case folding,
// which is all header names need; it is cheaper than strings.EqualFold.
func EqualFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// forbiddenResponse are Fetch's forbidden response-header names: a
// browser never lets a script read them, whatever
// Access-Control-Expose-Headers says.
var forbiddenResponse = [...]string{"Set-Cookie", "Set-Cookie2"}

// IsForbiddenResponse reports whether name, in any case, is a response
// header scripts can never read (Set-Cookie, Set-Cookie2), so exposing it
// is a mistake.
func IsForbiddenResponse(name string) bool {
	for _, f := range forbiddenResponse {
		if EqualFoldASCII(name, f) {
			return true
		}
	}
	return false
}

// Items yields the items of the comma-separated list s in order, trimmed,
// empty ones included as "": the walk of Next as a range loop. It
// allocates nothing.
func Items(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for rest := s; ; {
			item, r, done := Next(rest)
			if done || !yield(item) {
				return
			}
			rest = r
		}
	}
}
