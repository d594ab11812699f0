package core

import (
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"github.com/corskit/corskit/core/internal/header"
	"github.com/corskit/corskit/core/internal/origin"
)

// Upper bounds that keep a hostile request's cost constant.
const (
	// MaxRequestHeaderNames is the most items an
	// Access-Control-Request-Headers list may hold, counted by its commas
	// (an empty item counts too); browsers send a handful.
	MaxRequestHeaderNames = 100
	// MaxRequestHeadersLen is the most bytes the Access-Control-Request-Headers
	// lines may hold together.
	MaxRequestHeadersLen = 16 << 10
	// MaxRequestHeaderLines is the most Access-Control-Request-Headers header
	// lines a preflight may carry; browsers send one.
	MaxRequestHeaderLines = 4
	// MaxMaxAge is the largest MaxAge accepted: no browser caches a
	// preflight for longer than a day (Chromium caps at 7200 seconds).
	MaxMaxAge = 86400
)

// maxExactScan is the most exact origins looked up by a linear scan rather
// than a map: comparing a few lengths and strings costs less than hashing.
const maxExactScan = 8

// maxHeaderScan is the most allowed header names looked up by a linear
// case-insensitive scan rather than a map, for the same reason.
const maxHeaderScan = 16

// maxBrowserLineNames is the most allowed header names whose every
// combination is precomputed as a browser sends it (2^n-1 lines): a
// preflight from a browser then matches one line instead of walking its
// names twice. Longer lists fall back to the walk.
const maxBrowserLineNames = 5

// compiled is a validated Policy turned into lookup structures and
// precomputed header values, so that Evaluate only compares and copies.
type compiled struct {
	anyOrigin   bool // "*"
	plainStar   bool // "*" without credentials: answer "*" to everyone
	exact       map[string]struct{}
	exactList   []string // the same origins when few: a scan beats hashing
	patterns    []origin.Spec
	originFunc  func(string) bool
	originReq   func(*Request, string) bool
	credentials bool

	anyMethod     bool
	methods       []string
	allowMethods  string // Access-Control-Allow-Methods unless reflected
	reflectMethod bool   // "*" with credentials: browsers read "*" literally

	anyHeader      bool
	authorization  bool // Authorization named, which "*" never covers
	headers        map[string]struct{}
	headerList     []string // the same lower-case names when few
	browserLines   []string // every Access-Control-Request-Headers line a browser can send that the policy allows
	allowHeaders   string   // Access-Control-Allow-Headers unless reflected
	reflectHeaders bool     // "*" with credentials

	exposeHeaders string
	maxAge        string
	privateNet    bool
	passthrough   bool
	successStatus int

	varyActual    string // "" under a plain "*" policy
	varyPreflight string

	logger *slog.Logger
	policy Policy // as given, for explanations
}

// forbiddenMethods are the methods Fetch forbids scripts to send.
var forbiddenMethods = []string{"CONNECT", "TRACE", "TRACK"}

// normalizedMethods are the methods browsers upper-case whatever a script
// wrote; any other method is sent exactly as written.
var normalizedMethods = []string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

func isForbiddenMethod(m string) bool {
	for _, f := range forbiddenMethods {
		if header.EqualFoldASCII(m, f) {
			return true
		}
	}
	return false
}

// compile validates p and builds its compiled form, naming every problem.
func compile(p Policy) (*compiled, error) {
	var errs []error
	bad := func(field string, i int, value, problem string) {
		name := field
		if i >= 0 {
			name = fmt.Sprintf("%s[%d]", field, i)
		}
		errs = append(errs, fmt.Errorf("cors policy: %s %q: %s", name, value, problem))
	}
	c := &compiled{
		exact:       make(map[string]struct{}),
		headers:     make(map[string]struct{}),
		originFunc:  p.AllowOriginFunc,
		originReq:   p.AllowOriginRequestFunc,
		credentials: p.AllowCredentials,
		privateNet:  p.AllowPrivateNetwork,
		passthrough: p.OptionsPassthrough,
		logger:      p.Logger,
		policy:      p,
	}
	hasFunc := p.AllowOriginFunc != nil || p.AllowOriginRequestFunc != nil

	// Origins.
	if len(p.AllowedOrigins) == 0 && !hasFunc {
		errs = append(errs, errors.New(`cors policy: allowedOrigins is empty: list the origins of your front ends, e.g. ["https://app.example.com"], or ["*"] for a public API without credentials`))
	}
	for i, o := range p.AllowedOrigins {
		if o == "*" {
			c.anyOrigin = true
			switch {
			case len(p.AllowedOrigins) > 1:
				bad("allowedOrigins", i, o, `"*" already allows every origin; list "*" alone, or only the origins you trust`)
			case p.AllowCredentials:
				bad("allowedOrigins", i, o, `"*" cannot go with allowCredentials: browsers refuse it, and echoing every origin instead would let any site act as your signed-in users; list the origins of your front ends`)
			case hasFunc:
				bad("allowedOrigins", i, o, `"*" allows every origin, so AllowOriginFunc would never be consulted; drop one of them`)
			}
			continue
		}
		spec, err := origin.ParseSpec(o)
		if err != nil {
			bad("allowedOrigins", i, o, err.Error())
			continue
		}
		if spec.Pattern {
			c.patterns = append(c.patterns, spec)
		} else {
			c.exact[spec.Exact] = struct{}{}
		}
	}
	c.plainStar = c.anyOrigin && !c.credentials
	if len(c.exact) <= maxExactScan {
		for o := range c.exact {
			c.exactList = append(c.exactList, o)
		}
	}

	// Methods.
	methods := p.AllowedMethods
	if len(methods) == 0 {
		methods = DefaultAllowedMethods
	}
	for i, m := range methods {
		switch {
		case m == "*":
			c.anyMethod = true
		case !header.IsToken(m):
			bad("allowedMethods", i, m, "not a method name (an HTTP token, such as PATCH)")
		case isForbiddenMethod(m):
			bad("allowedMethods", i, m, "browsers never send this method (the Fetch standard forbids it); remove it")
		default:
			for _, n := range normalizedMethods {
				if m != n && header.EqualFoldASCII(m, n) {
					bad("allowedMethods", i, m, "browsers always send this method in upper case; write "+strconv.Quote(n))
				}
			}
			c.methods = append(c.methods, m)
		}
	}
	c.reflectMethod = c.anyMethod && c.credentials
	if c.anyMethod {
		c.allowMethods = "*"
	} else {
		c.allowMethods = strings.Join(c.methods, ", ")
	}

	// Request headers.
	headers := p.AllowedHeaders
	if len(headers) == 0 {
		headers = DefaultAllowedHeaders
	}
	var names []string
	for i, h := range headers {
		switch {
		case h == "*":
			c.anyHeader = true
		case !header.IsToken(h):
			bad("allowedHeaders", i, h, "not a header name (an HTTP token, such as X-Request-Id)")
		default:
			lower := strings.ToLower(h)
			if _, dup := c.headers[lower]; !dup {
				names = append(names, lower)
			}
			c.headers[lower] = struct{}{}
			if lower == "authorization" {
				c.authorization = true
			}
		}
	}
	if len(names) <= maxHeaderScan {
		c.headerList = names
	}
	if !c.anyHeader && len(names) > 0 && len(names) <= maxBrowserLineNames {
		c.browserLines = browserLines(names)
	}
	c.reflectHeaders = c.anyHeader && c.credentials
	switch {
	case c.anyHeader && c.authorization:
		c.allowHeaders = "*, authorization"
	case c.anyHeader:
		c.allowHeaders = "*"
	default:
		c.allowHeaders = strings.Join(names, ", ")
	}

	// Exposed headers.
	var exposed []string
	for i, h := range p.ExposedHeaders {
		switch {
		case h == "*" && p.AllowCredentials:
			bad("exposedHeaders", i, h, `browsers read "*" literally when credentials are allowed; list the headers scripts may read`)
		case h == "*":
			exposed = append(exposed, h)
		case !header.IsToken(h):
			bad("exposedHeaders", i, h, "not a header name (an HTTP token, such as X-Total-Count)")
		case header.EqualFoldASCII(h, "set-cookie") || header.EqualFoldASCII(h, "set-cookie2"):
			bad("exposedHeaders", i, h, "browsers never let scripts read cookies through CORS; remove it")
		default:
			exposed = append(exposed, h)
		}
	}
	c.exposeHeaders = strings.Join(exposed, ", ")

	// Numbers.
	switch {
	case p.MaxAge > MaxMaxAge:
		bad("maxAge", -1, strconv.Itoa(p.MaxAge), "no browser caches a preflight longer than 86400 seconds (Chromium: 7200); use at most 86400")
	case p.MaxAge < 0:
		c.maxAge = "0"
	case p.MaxAge > 0:
		c.maxAge = strconv.Itoa(p.MaxAge)
	}
	c.successStatus = p.OptionsSuccessStatus
	if c.successStatus == 0 {
		c.successStatus = DefaultOptionsSuccessStatus
	}
	if c.successStatus < 200 || c.successStatus > 299 {
		bad("optionsSuccessStatus", -1, strconv.Itoa(p.OptionsSuccessStatus), "browsers fail a preflight whose status is not 2xx; use 204 (or 200 for old clients)")
	}

	// Vary: the answer depends on Origin unless everyone gets "*".
	if !c.plainStar {
		c.varyActual = "Origin"
		c.varyPreflight = "Origin, "
	}
	c.varyPreflight += "Access-Control-Request-Method, Access-Control-Request-Headers"
	if c.privateNet {
		c.varyPreflight += ", Access-Control-Request-Private-Network"
	}

	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// browserLines returns every non-empty subset of names as a browser
// serialises Access-Control-Request-Headers: lower case, sorted, joined by
// commas without spaces (Fetch's "CORS-unsafe request-header names").
func browserLines(names []string) []string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	var out []string
	for mask := 1; mask < 1<<len(sorted); mask++ {
		var parts []string
		for i, n := range sorted {
			if mask&(1<<i) != 0 {
				parts = append(parts, n)
			}
		}
		out = append(out, strings.Join(parts, ","))
	}
	return out
}
