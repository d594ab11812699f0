package origin

import (
	"net/netip"
	"strconv"
	"strings"
)

// Spec is one configured allowed origin, normalised: either an exact origin
// or a subdomain pattern such as https://*.example.com.
type Spec struct {
	// Exact is the normalised serialized origin, for an exact Spec.
	Exact string
	// Pattern is true for a subdomain pattern; Scheme, Suffix (".example.com")
	// and Port (without ':', "" for the default) describe it.
	Pattern bool
	Scheme  string
	Suffix  string
	Port    string
}

// String gives the normalised form of s, as it would be written in a policy.
func (s Spec) String() string {
	if !s.Pattern {
		return s.Exact
	}
	out := s.Scheme + "://*" + s.Suffix
	if s.Port != "" {
		out += ":" + s.Port
	}
	return out
}

// Matches reports whether the strictly parsed request origin o falls under
// the pattern s: same scheme and port, and a host of one or more labels
// followed by s.Suffix. The apex (example.com) never matches.
func (s *Spec) Matches(o Origin) bool {
	return s.Pattern && o.Scheme == s.Scheme && o.Port == s.Port &&
		len(o.Host) > len(s.Suffix) && strings.HasSuffix(o.Host, s.Suffix)
}

// Error is why ParseSpec refused a configured origin: what is wrong, and
// what to write instead.
type Error struct {
	Reason string
	Fix    string // "" when there is nothing better to write
}

func (e *Error) Error() string {
	if e.Fix == "" {
		return e.Reason
	}
	return e.Reason + "; " + e.Fix
}

func problem(reason, fix string) *Error { return &Error{Reason: reason, Fix: fix} }

// ParseSpec parses a configured origin. Case and a default port are
// forgiven and normalised away; anything a browser could never send as an
// Origin is an *Error whose Fix says how to write the value instead. That
// includes what Parse would accept but no browser serialises: a scheme
// whose pages have no origin of their own (data:, file:, javascript:, ...)
// and an http(s) host that the URL parser reads as an IPv4 address written
// in another form (2130706433, 0x7f.0.0.1, 127.1).
func ParseSpec(s string) (Spec, error) {
	spec, err := parseSpec(s)
	if err != nil {
		return Spec{}, err // never a typed nil
	}
	return spec, nil
}

func parseSpec(s string) (Spec, *Error) {
	if s == "" {
		return Spec{}, problem("an origin cannot be empty", `write one like "https://app.example.com"`)
	}
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, " \t\r\n") {
		return Spec{}, problem("an origin has no spaces", "remove them")
	}
	if strings.EqualFold(s, "null") {
		return Spec{}, problem(`"null" is the origin of sandboxed iframes, file: pages and cross-site redirects, which any site can produce`,
			"it cannot be allowed safely: serve the page from a real origin and allow that")
	}
	if scheme, rest, ok := strings.Cut(s, ":"); ok {
		if err := schemeProblem(strings.ToLower(scheme), rest); err != nil {
			return Spec{}, err
		}
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return Spec{}, problem("an origin needs a scheme", "write "+strconv.Quote("https://"+strings.TrimPrefix(s, "//")))
	}
	scheme = strings.ToLower(scheme)
	if !isScheme(scheme) {
		return Spec{}, problem("the scheme is not valid", `write one like "https://app.example.com"`)
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
		fix := "write " + strconv.Quote(scheme+"://"+authority)
		switch tail := rest[i:]; {
		case tail == "/":
			return Spec{}, problem("an origin has no trailing slash", fix)
		case tail[0] == '/':
			return Spec{}, problem("an origin has no path", fix)
		case tail[0] == '?':
			return Spec{}, problem("an origin has no query", fix)
		default:
			return Spec{}, problem("an origin has no fragment", fix)
		}
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		return Spec{}, problem("an origin has no user info", "write "+strconv.Quote(scheme+"://"+authority[i+1:]))
	}
	host, port, err := splitHostPort(authority)
	if err != nil {
		return Spec{}, err
	}
	if port == DefaultPort(scheme) {
		port = ""
	}
	if strings.HasPrefix(host, "[") {
		if !strings.HasSuffix(host, "]") {
			return Spec{}, problem("an IPv6 address is written in brackets", `write one like "http://[::1]:8080"`)
		}
		a, err := netip.ParseAddr(host[1 : len(host)-1])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return Spec{}, problem("the IPv6 address is not valid", `write one like "http://[::1]:8080"`)
		}
		return exact(scheme, "["+serializeIPv6(a)+"]", port)
	}
	host = strings.ToLower(host)
	if strings.Contains(host, "*") {
		return pattern(scheme, host, port)
	}
	if !IsHost(host) {
		return Spec{}, hostProblem(host)
	}
	if err := numberProblem(scheme, host, port); err != nil {
		return Spec{}, err
	}
	return exact(scheme, host, port)
}

// pattern parses the host of a subdomain pattern, "*." and a domain.
func pattern(scheme, host, port string) (Spec, *Error) {
	suffix, ok := strings.CutPrefix(host, "*.")
	if !ok || strings.Contains(suffix, "*") {
		return Spec{}, problem(`"*" must be a whole leading label, as in "https://*.example.com"`,
			`write "*." before the domain whose subdomains you allow`)
	}
	if !IsHost(suffix) {
		return Spec{}, hostProblem(suffix)
	}
	if endsInNumber(suffix) {
		return Spec{}, problem(`a pattern names a domain, not an IP address: "*.`+suffix+`" would match IPv4 hosts`,
			"list the addresses as exact origins")
	}
	if !strings.Contains(suffix, ".") && suffix != "localhost" {
		return Spec{}, problem(`"*.`+suffix+`" would allow every site under a top-level domain`,
			`name a domain you own, of at least two labels, as in "https://*.example.com"`)
	}
	return Spec{Pattern: true, Scheme: scheme, Suffix: "." + suffix, Port: port}, nil
}

func exact(scheme, host, port string) (Spec, *Error) {
	s := Origin{Scheme: scheme, Host: host, Port: port}.String()
	if len(s) > MaxLen {
		// Parse refuses request origins this long, so the entry could never match.
		return Spec{}, problem("an origin is at most "+strconv.Itoa(MaxLen)+" bytes, and no browser sends a longer one",
			"remove it: no request can match it")
	}
	return Spec{Exact: s}, nil
}

// splitHostPort splits an authority into host and a canonical port.
func splitHostPort(authority string) (host, port string, err *Error) {
	host = authority
	if i := strings.LastIndexByte(authority, ':'); i >= 0 && i > strings.LastIndexByte(authority, ']') {
		host, port = authority[:i], authority[i+1:]
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 || strings.HasPrefix(port, "+") {
			return "", "", problem("the port "+strconv.Quote(port)+" is not a number from 1 to 65535",
				"write one in that range, or none for the scheme's default port")
		}
		port = strconv.Itoa(n)
	}
	if host == "" {
		return "", "", problem("an origin needs a host", `write one like "https://app.example.com"`)
	}
	return host, port, nil
}

func hostProblem(host string) *Error {
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			return problem("the host "+strconv.Quote(host)+" is not ASCII", "write it in the punycode form browsers send (xn--...)")
		}
	}
	if strings.HasSuffix(host, ".") {
		return problem("the host "+strconv.Quote(host)+" ends in a dot, which browsers never send", "remove it")
	}
	return problem("the host "+strconv.Quote(host)+" is not a valid host name",
		"use letters, digits, '-' and '_' in dot-separated labels of 1 to 63 characters")
}

// serializeIPv6 writes a as the WHATWG URL standard's IPv6 serializer does,
// which is how browsers put it in an Origin: lower-case hex pieces without
// leading zeros, the first longest run of two or more zero pieces
// compressed to "::". It differs from netip's RFC 5952 form for
// IPv4-mapped addresses, which browsers never write in dotted form:
// http://[::ffff:127.0.0.1] is sent as http://[::ffff:7f00:1].
func serializeIPv6(a netip.Addr) string {
	b := a.As16()
	var pieces [8]uint16
	for i := range pieces {
		pieces[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	compress, longest := -1, 1
	for i := 0; i < len(pieces); {
		if pieces[i] != 0 {
			i++
			continue
		}
		j := i
		for j < len(pieces) && pieces[j] == 0 {
			j++
		}
		if j-i > longest {
			compress, longest = i, j-i
		}
		i = j
	}
	var out []byte
	ignoreZero := false
	for i, piece := range pieces {
		if ignoreZero && piece == 0 {
			continue
		}
		ignoreZero = false
		if i == compress {
			if i == 0 {
				out = append(out, "::"...)
			} else {
				out = append(out, ':')
			}
			ignoreZero = true
			continue
		}
		out = strconv.AppendUint(out, uint64(piece), 16)
		if i != len(pieces)-1 {
			out = append(out, ':')
		}
	}
	return string(out)
}
