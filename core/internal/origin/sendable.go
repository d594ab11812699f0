package origin

import (
	"net/netip"
	"strconv"
	"strings"
)

// What Parse accepts is shaped like an origin; these checks refuse, in a
// configuration, what has that shape but is still never in an Origin
// header, since a browser serialises it otherwise or not at all.

// schemeProblem refuses the schemes of URLs that have no origin of their
// own to send: rest is what follows the scheme's colon.
func schemeProblem(scheme, rest string) *Error {
	never := `browsers never send a "` + scheme + `:" origin: `
	switch scheme {
	case "blob":
		// blob:https://app.example.com/uuid belongs to https://app.example.com.
		fix := `allow the origin of the page that created it, e.g. "https://app.example.com"`
		if i := strings.Index(rest, "://"); i >= 0 {
			if j := strings.IndexAny(rest[i+3:], "/?#"); j >= 0 {
				rest = rest[:i+3+j]
			}
			if spec, err := parseSpec(rest); err == nil && !spec.Pattern {
				fix = "write " + strconv.Quote(spec.Exact)
			}
		}
		return problem(never+"a blob: URL has the origin of the page that created it, and that is what they send", fix)
	case "about", "javascript":
		return problem(never+"such a page runs with the origin of the page that opened it, and that is what they send",
			`allow that page's origin, e.g. "https://app.example.com"`)
	case "file":
		return problem(never+`a page opened from a file has an opaque origin, sent as "null"`,
			`serve the page over HTTP and allow that origin, e.g. "http://localhost:8080"`)
	case "data", "mailto", "tel":
		return problem(never+`such a URL has an opaque origin, sent as "null"`,
			`serve the page from a real origin and allow that, e.g. "https://app.example.com"`)
	}
	return nil
}

// numberProblem refuses a host that the WHATWG URL parser reads as an
// IPv4 address but that is not that address's dotted-decimal form: a
// browser sends http://127.0.0.1 for http://2130706433, http://0x7f.0.0.1,
// http://0177.0.0.1 and http://127.1, and no origin at all for a host like
// 1.2.3.999, whose last label makes it an address that does not parse.
// Only special schemes (http, https, ws, wss, ftp) have IPv4 hosts; the
// host of tauri://123 is opaque, and sent as written.
func numberProblem(scheme, host, port string) *Error {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp":
	default:
		return nil
	}
	if !endsInNumber(host) {
		return nil
	}
	a, ok := parseIPv4(host)
	if !ok {
		return problem("the host "+strconv.Quote(host)+" ends in a number, so browsers read it as an IPv4 address, and it is not a valid one",
			`write an address as four decimal numbers, as in "http://127.0.0.1", or a host name`)
	}
	if canon := a.String(); canon != host {
		return problem("browsers serialise this host as "+canon,
			"write "+strconv.Quote(Origin{Scheme: scheme, Host: canon, Port: port}.String()))
	}
	return nil
}

// neverSent reports why a browser never sends o, which Parse accepted;
// nil when it may.
func neverSent(o Origin) *Error {
	if err := schemeProblem(o.Scheme, "//"+o.Host); err != nil {
		return err
	}
	return numberProblem(o.Scheme, o.Host, o.Port)
}

// endsInNumber is the URL standard's "ends in a number" check: whether the
// host's last label (after one trailing dot) is all digits or an IPv4
// number such as 0x7f, which makes the parser read the host as IPv4.
func endsInNumber(host string) bool {
	host = strings.TrimSuffix(host, ".")
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.Trim(last, "0123456789") == "" {
		return true
	}
	_, ok := ipv4Number(last)
	return ok
}

// parseIPv4 is the URL standard's IPv4 parser: one to four dot-separated
// numbers, each decimal, hexadecimal after "0x" or octal after "0", the
// last filling the bytes the others leave.
func parseIPv4(host string) (netip.Addr, bool) {
	parts := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var n [4]uint64
	for i, p := range parts {
		v, ok := ipv4Number(p)
		if !ok || i < len(parts)-1 && v > 255 {
			return netip.Addr{}, false
		}
		n[i] = v
	}
	last := n[len(parts)-1]
	if last >= 1<<(8*(5-len(parts))) {
		return netip.Addr{}, false
	}
	addr := last
	for i := 0; i < len(parts)-1; i++ {
		addr += n[i] << (8 * (3 - i))
	}
	return netip.AddrFrom4([4]byte{byte(addr >> 24), byte(addr >> 16), byte(addr >> 8), byte(addr)}), true
}

// ipv4Number is the URL standard's IPv4 number parser. A number too large
// for 64 bits is still a number (the caller then finds it out of range).
func ipv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		s, base = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, base = s[1:], 8
	}
	if s == "" {
		return 0, true // "0x" alone is zero
	}
	v, err := strconv.ParseUint(s, base, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 1<<64 - 1, true
		}
		return 0, false
	}
	return v, true
}
