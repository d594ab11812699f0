// Package method holds the Fetch standard's rules about HTTP method names
// in one place: which methods scripts may never send, which ones browsers
// upper-case, and which ones pass a preflight without being listed.
package method

import "github.com/corskit/corskit/core/internal/header"

// forbidden are the methods Fetch forbids scripts to send, in any case: a
// browser refuses them before any request, so allowing one means nothing.
var forbidden = [...]string{"CONNECT", "TRACE", "TRACK"}

// normalized are the methods browsers upper-case whatever a script wrote
// (Fetch's "normalize a method"); any other method is sent exactly as
// written, so "patch" stays "patch".
var normalized = [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

// safelisted are the CORS-safelisted methods, which need no
// Access-Control-Allow-Methods to pass a preflight.
var safelisted = [...]string{"GET", "HEAD", "POST"}

// IsToken reports whether m is a method name: a non-empty HTTP token.
func IsToken(m string) bool { return header.IsToken(m) }

// IsForbidden reports whether m is CONNECT, TRACE or TRACK in any case.
func IsForbidden(m string) bool {
	for _, f := range forbidden {
		if header.EqualFoldASCII(m, f) {
			return true
		}
	}
	return false
}

// Normalize returns m as a browser sends it: upper case when m is DELETE,
// GET, HEAD, OPTIONS, POST or PUT in any case, otherwise m unchanged.
func Normalize(m string) string {
	for _, n := range normalized {
		if header.EqualFoldASCII(m, n) {
			return n
		}
	}
	return m
}

// IsSafelisted reports whether m is GET, HEAD or POST, compared
// case-sensitively as Fetch does: a browser sends those upper case.
func IsSafelisted(m string) bool {
	for _, s := range safelisted {
		if m == s {
			return true
		}
	}
	return false
}
