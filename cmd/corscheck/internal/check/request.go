// Package check judges CORS exchanges the way a browser does, following the
// CORS protocol of the WHATWG Fetch standard
// (https://fetch.spec.whatwg.org/#http-cors-protocol).
//
// Every function is pure: it takes the request a script would make and the
// status and headers a server answered with, and returns a Verdict that says
// whether a browser would allow the exchange, why not, and how to fix it. The
// package sends nothing over the network; corscheck's main package does that.
package check

import (
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strings"
)

// Request is the cross-origin call a script makes, as fetch() would build it.
type Request struct {
	// Origin is the serialized origin of the calling page, such as
	// "https://app.example.com", or "null".
	Origin string
	// Method is the request method after NormalizeMethod.
	Method string
	// Header holds the headers the script sets (fetch's "author" headers).
	// Headers the browser adds itself, such as Origin or Cookie, are not here.
	Header http.Header
	// Credentials reports whether the request's credentials mode is
	// "include" (fetch's credentials: "include", XHR's withCredentials).
	Credentials bool
}

// NormalizeMethod returns method as fetch() sends it: DELETE, GET, HEAD,
// OPTIONS, POST and PUT are upper-cased when they match case-insensitively;
// every other method, PATCH included, is sent exactly as written.
func NormalizeMethod(method string) string {
	switch up := strings.ToUpper(method); up {
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
		return up
	}
	return method
}

// IsForbiddenMethod reports whether fetch() refuses method outright
// (CONNECT, TRACE and TRACK, in any case).
func IsForbiddenMethod(method string) bool {
	switch strings.ToUpper(method) {
	case "CONNECT", "TRACE", "TRACK":
		return true
	}
	return false
}

// IsSafelistedMethod reports whether method is a CORS-safelisted method
// (GET, HEAD or POST, compared case-sensitively).
func IsSafelistedMethod(method string) bool {
	return method == "GET" || method == "HEAD" || method == "POST"
}

// IsForbiddenHeader reports whether name is a forbidden request-header name:
// one that scripts cannot set, because the browser controls it.
func IsForbiddenHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "accept-charset", "accept-encoding", "access-control-request-headers",
		"access-control-request-method", "connection", "content-length",
		"cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
		"origin", "referer", "set-cookie", "te", "trailer",
		"transfer-encoding", "upgrade", "via":
		return true
	}
	return strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-")
}

// IsSafelistedHeader reports whether the header name: value is a
// CORS-safelisted request-header, one a script may send without a preflight.
// Only Accept, Accept-Language, Content-Language, Content-Type (for
// application/x-www-form-urlencoded, multipart/form-data and text/plain) and a
// simple Range qualify, each with a value of at most 128 bytes.
func IsSafelistedHeader(name, value string) bool {
	if len(value) > 128 {
		return false
	}
	switch strings.ToLower(name) {
	case "accept":
		return !hasUnsafeByte(value)
	case "accept-language", "content-language":
		for i := 0; i < len(value); i++ {
			c := value[i]
			if !isAlnum(c) && !strings.ContainsRune(" *,-.;=", rune(c)) {
				return false
			}
		}
		return true
	case "content-type":
		if hasUnsafeByte(value) {
			return false
		}
		return IsSafelistedContentType(value)
	case "range":
		return isSimpleRange(value)
	}
	return false
}

// IsSafelistedContentType reports whether the essence of the MIME type in
// value is one of the three types a form can send:
// application/x-www-form-urlencoded, multipart/form-data or text/plain.
func IsSafelistedContentType(value string) bool {
	mt, _, err := mime.ParseMediaType(value)
	if err != nil {
		// mime.ParseMediaType is stricter about parameters than Fetch's
		// MIME sniffing; the essence is what matters here.
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(value, ";", 2)[0]))
	}
	switch mt {
	case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
		return true
	}
	return false
}

// hasUnsafeByte reports whether v holds a CORS-unsafe request-header byte.
func hasUnsafeByte(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if (c < 0x20 && c != '\t') || c == 0x7f || strings.IndexByte(`"():<>?@[\]{}`, c) >= 0 {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// isSimpleRange reports whether v is "bytes=N-" or "bytes=N-M" with N <= M.
func isSimpleRange(v string) bool {
	rest, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return false
	}
	first, last, ok := strings.Cut(rest, "-")
	if !ok || !isDigits(first) || (last != "" && !isDigits(last)) {
		return false
	}
	if last == "" {
		return true
	}
	// Compare as decimal numbers of any length.
	first = strings.TrimLeft(first, "0")
	last = strings.TrimLeft(last, "0")
	if len(first) != len(last) {
		return len(first) < len(last)
	}
	return first <= last
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// UnsafeHeaderNames returns the CORS-unsafe request-header names of h:
// lower-cased, sorted and without duplicates, as a browser lists them in
// Access-Control-Request-Headers. A header is unsafe when it is not
// safelisted, or when the safelisted values add up to more than 1024 bytes.
func UnsafeHeaderNames(h http.Header) []string {
	set := map[string]bool{}
	var safe []string
	size := 0
	for name, values := range h {
		for _, v := range values {
			if IsSafelistedHeader(name, v) {
				safe = append(safe, name)
				size += len(v)
			} else {
				set[strings.ToLower(name)] = true
			}
		}
	}
	if size > 1024 {
		for _, name := range safe {
			set[strings.ToLower(name)] = true
		}
	}
	names := make([]string, 0, len(set))
	for name := range set {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// PreflightReasons returns why a browser sends a CORS-preflight request
// before r, one plain sentence per cause; it returns nil when r is a simple
// request that goes out without one.
func PreflightReasons(r Request) []string {
	var reasons []string
	if !IsSafelistedMethod(r.Method) {
		reasons = append(reasons, fmt.Sprintf("method %s is not one of GET, HEAD, POST", r.Method))
	}
	for _, name := range UnsafeHeaderNames(r.Header) {
		v := strings.Join(r.Header.Values(name), ", ")
		switch name {
		case "authorization":
			reasons = append(reasons, "header authorization is never safelisted")
		case "content-type":
			if IsSafelistedContentType(v) {
				reasons = append(reasons, fmt.Sprintf("header content-type %q has characters or a length browsers do not safelist", v))
			} else {
				reasons = append(reasons, fmt.Sprintf("content-type %s is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain", v))
			}
		case "accept", "accept-language", "content-language", "range":
			reasons = append(reasons, fmt.Sprintf("header %s has a value browsers do not safelist (%q)", name, v))
		default:
			reasons = append(reasons, fmt.Sprintf("header %s is not safelisted", name))
		}
	}
	return reasons
}

// PreflightHeader returns the headers a browser puts on the CORS-preflight
// request for r: Origin, Access-Control-Request-Method, and, when r sets
// unsafe headers, Access-Control-Request-Headers with their names lower-cased,
// sorted and joined by a bare comma, as Chromium and Firefox send them.
func PreflightHeader(r Request) http.Header {
	h := http.Header{}
	h.Set("Accept", "*/*")
	h.Set("Origin", r.Origin)
	h.Set("Access-Control-Request-Method", r.Method)
	if names := UnsafeHeaderNames(r.Header); len(names) > 0 {
		h.Set("Access-Control-Request-Headers", strings.Join(names, ","))
	}
	return h
}
