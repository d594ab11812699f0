// Package origin parses and matches serialized origins (RFC 6454,
// scheme "://" host [ ":" port ]) the way a browser sends them in the Origin
// request header.
//
// Request origins are parsed strictly and compared as sent: browsers always
// serialize an origin in lower case, without a default port, without a
// trailing dot or slash, so anything else did not come from a browser and is
// refused. Configured origins are parsed leniently (any case, default ports)
// and normalised once, so that a configuration typo does not silently refuse
// every request.
package origin

import (
	"net/netip"
	"strings"
)

// Limits of a well-formed origin's host, from RFC 1035.
const (
	maxLabelLen = 63
	maxHostLen  = 253
	// MaxLen bounds a request origin: scheme, "://", a 253-octet host or a
	// bracketed IPv6 address, and ":65535", with room for a long scheme.
	MaxLen = 320
)

// Origin is a parsed origin. Its fields are substrings of the parsed text.
type Origin struct {
	Scheme string // lower case, without "://"
	Host   string // DNS name or IPv4 address; IPv6 addresses keep their brackets
	Port   string // digits, "" when absent
}

// Parse parses a request's Origin value strictly: a lower-case scheme, "://",
// a lower-case DNS name, an IPv4 address or a bracketed IPv6 address, and an
// optional port of 1 to 65535 without leading zeros. It does not allocate.
func Parse(s string) (Origin, bool) {
	if len(s) > MaxLen {
		return Origin{}, false
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !isScheme(scheme) {
		return Origin{}, false
	}
	host, port := rest, ""
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return Origin{}, false
		}
		host, rest = rest[:end+1], rest[end+1:]
		if !isIPv6Literal(host) {
			return Origin{}, false
		}
		if rest != "" {
			if rest[0] != ':' {
				return Origin{}, false
			}
			port = rest[1:]
			if !isPort(port) {
				return Origin{}, false
			}
		}
		return Origin{Scheme: scheme, Host: host, Port: port}, true
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		host, port = rest[:i], rest[i+1:]
		if !isPort(port) {
			return Origin{}, false
		}
	}
	if !IsHost(host) {
		return Origin{}, false
	}
	return Origin{Scheme: scheme, Host: host, Port: port}, true
}

// Byte classes for the scanners below: one table lookup per byte instead
// of a chain of comparisons, since every refused or pattern-matched Origin
// is scanned on the request path.
const (
	schemeFirst = 1 << iota // a-z
	schemeRest              // a-z 0-9 + - .
	hostLabel               // a-z 0-9 - _
)

var class = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = schemeFirst | schemeRest | hostLabel
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = schemeRest | hostLabel
	}
	t['+'] |= schemeRest
	t['-'] |= schemeRest | hostLabel
	t['.'] |= schemeRest
	t['_'] |= hostLabel
	return t
}()

// isScheme reports whether s is a lower-case URL scheme (RFC 3986 3.1).
func isScheme(s string) bool {
	if s == "" || class[s[0]]&schemeFirst == 0 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if class[s[i]]&schemeRest == 0 {
			return false
		}
	}
	return true
}

// IsHost reports whether s is a lower-case DNS name (labels of a-z, 0-9, '-'
// and '_', 1 to 63 octets each, 253 in all, no empty label and so no trailing
// dot) or an IPv4 address in that alphabet.
func IsHost(s string) bool {
	if s == "" || len(s) > maxHostLen {
		return false
	}
	labelLen := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if class[c]&hostLabel != 0 {
			labelLen++
			if labelLen > maxLabelLen {
				return false
			}
			continue
		}
		if c != '.' || labelLen == 0 {
			return false
		}
		labelLen = 0
	}
	return labelLen > 0
}

// isIPv6Literal reports whether s is "[" IPv6 address "]" in lower case and
// without a zone.
func isIPv6Literal(s string) bool {
	if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	inner := s[1 : len(s)-1]
	for i := 0; i < len(inner); i++ {
		c := inner[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || c == ':' || c == '.') {
			return false // rejects zones ('%'), upper case and anything else
		}
	}
	a, err := netip.ParseAddr(inner)
	return err == nil && a.Is6()
}

// isPort reports whether s is a decimal port 1-65535 without leading zeros.
func isPort(s string) bool {
	if s == "" || len(s) > 5 || s[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n <= 65535
}

// DefaultPort is the port a scheme implies, which browsers leave out of an
// origin; "" for schemes without one.
func DefaultPort(scheme string) string {
	switch scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	}
	return ""
}

// String serializes o as a browser would.
func (o Origin) String() string {
	if o.Port == "" {
		return o.Scheme + "://" + o.Host
	}
	return o.Scheme + "://" + o.Host + ":" + o.Port
}
