package core

import (
	"errors"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/corskit/corskit/core/internal/header"
	"github.com/corskit/corskit/core/internal/method"
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

// isForbiddenMethod reports whether m is CONNECT, TRACE or TRACK in any
// case; the rule lives in internal/method.
func isForbiddenMethod(m string) bool { return method.IsForbidden(m) }

// compile validates p and builds its compiled form. Each field is
// validated on its own, and the error joins every problem of every field,
// one typed error (*OriginError, *MethodError, ...) per problem.
func compile(p Policy) (*compiled, error) {
	c := &compiled{
		originFunc:  p.AllowOriginFunc,
		originReq:   p.AllowOriginRequestFunc,
		credentials: p.AllowCredentials,
		privateNet:  p.AllowPrivateNetwork,
		passthrough: p.OptionsPassthrough,
		logger:      p.Logger,
		policy:      p,
	}
	var errs []error

	origins, problems := validateOrigins(p)
	errs = append(errs, problems...)
	c.anyOrigin, c.exact, c.exactList, c.patterns = origins.any, origins.exact, origins.exactList, origins.patterns
	c.plainStar = c.anyOrigin && !c.credentials

	methods, problems := validateMethods(p.AllowedMethods)
	errs = append(errs, problems...)
	c.anyMethod, c.methods = methods.any, methods.names
	c.reflectMethod = c.anyMethod && c.credentials
	if c.anyMethod {
		c.allowMethods = "*"
	} else {
		c.allowMethods = strings.Join(c.methods, ", ")
	}

	headers, problems := validateHeaders(p.AllowedHeaders)
	errs = append(errs, problems...)
	c.anyHeader, c.authorization, c.headers = headers.any, headers.authorization, headers.set
	if len(headers.names) <= maxHeaderScan {
		c.headerList = headers.names
	}
	if !c.anyHeader && len(headers.names) > 0 && len(headers.names) <= maxBrowserLineNames {
		c.browserLines = browserLines(headers.names)
	}
	c.reflectHeaders = c.anyHeader && c.credentials
	switch {
	case c.anyHeader && c.authorization:
		c.allowHeaders = "*, authorization"
	case c.anyHeader:
		c.allowHeaders = "*"
	default:
		c.allowHeaders = strings.Join(headers.names, ", ")
	}

	c.exposeHeaders, problems = validateExposed(p.ExposedHeaders, p.AllowCredentials)
	errs = append(errs, problems...)

	var err error
	if c.maxAge, err = validateMaxAge(p.MaxAge); err != nil {
		errs = append(errs, err)
	}
	if c.successStatus, err = validateStatus(p.OptionsSuccessStatus); err != nil {
		errs = append(errs, err)
	}

	// Vary: the answer depends on Origin unless everyone gets "*".
	if !c.plainStar {
		c.varyActual = hOrigin
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

// originSet is allowedOrigins compiled.
type originSet struct {
	any       bool // "*"
	exact     map[string]struct{}
	exactList []string // the same origins when few: a scan beats hashing
	patterns  []origin.Spec
}

// validateOrigins checks allowedOrigins against the rest of the policy:
// "*" alone and without credentials or an origin function, each other entry
// an origin a browser sends or a subdomain pattern, and no pattern over a
// public suffix when credentials are allowed.
func validateOrigins(p Policy) (originSet, []error) {
	set := originSet{exact: make(map[string]struct{})}
	var errs []error
	bad := func(i int, value, reason, fix string) {
		errs = append(errs, &OriginError{Problem{Field: "allowedOrigins", Index: i, Value: value, Reason: reason, Fix: fix}})
	}
	hasFunc := p.AllowOriginFunc != nil || p.AllowOriginRequestFunc != nil
	if len(p.AllowedOrigins) == 0 && !hasFunc {
		errs = append(errs, &ValueError{Problem{Field: "allowedOrigins", Index: -1, Reason: "is empty",
			Fix: `list the origins of your front ends, e.g. ["https://app.example.com"], or ["*"] for a public API without credentials`}})
	}
	for i, o := range p.AllowedOrigins {
		if o == "*" {
			set.any = true
			switch {
			case len(p.AllowedOrigins) > 1:
				bad(i, o, `"*" already allows every origin`, `list "*" alone, or only the origins you trust`)
			case p.AllowCredentials:
				bad(i, o, `"*" cannot go with allowCredentials: browsers refuse it, and echoing every origin instead would let any site act as your signed-in users`,
					"list the origins of your front ends")
			case hasFunc:
				bad(i, o, `"*" allows every origin, so AllowOriginFunc would never be consulted`, "drop one of them")
			}
			continue
		}
		spec, err := origin.ParseSpec(o)
		if err != nil {
			var oe *origin.Error
			if errors.As(err, &oe) {
				bad(i, o, oe.Reason, oe.Fix)
			} else {
				bad(i, o, err.Error(), "")
			}
			continue
		}
		if !spec.Pattern {
			set.exact[spec.Exact] = struct{}{}
			continue
		}
		if base := spec.Suffix[1:]; p.AllowCredentials && isPublicSuffix(base) {
			bad(i, o, publicSuffixReason(base), publicSuffixFix(spec))
			continue
		}
		set.patterns = append(set.patterns, spec)
	}
	if len(set.exact) <= maxExactScan {
		for o := range set.exact {
			set.exactList = append(set.exactList, o)
		}
	}
	return set, errs
}

// isPublicSuffix reports whether domain is on the public-suffix list
// (either section: ICANN's co.uk, and private entries such as github.io
// and vercel.app), so that anyone can own a name directly under it.
// localhost is not: its subdomains are this machine's.
func isPublicSuffix(domain string) bool {
	if domain == "localhost" {
		return false
	}
	suffix, _ := publicsuffix.PublicSuffix(domain)
	return suffix == domain
}

func publicSuffixReason(base string) string {
	return base + " is a public suffix: anyone can have a site under it, and with allowCredentials every one of those sites could make requests as your signed-in users and read the answers"
}

// publicSuffixFix names, in the pattern's own scheme and port, what to
// write instead: the exact origins of one's own sites, or a pattern one
// label further down, under a name one owns.
func publicSuffixFix(spec origin.Spec) string {
	mine := origin.Spec{Pattern: true, Scheme: spec.Scheme, Suffix: ".yourapp" + spec.Suffix, Port: spec.Port}
	exact := strings.Replace(mine.String(), "*.", "", 1)
	return "list the exact origins of your own front ends, such as " + strconv.Quote(exact) +
		", or a pattern under a name that is yours alone, such as " + strconv.Quote(mine.String())
}

// methodSet is allowedMethods compiled.
type methodSet struct {
	any   bool // "*"
	names []string
}

// validateMethods checks allowedMethods, or the defaults when it is empty:
// each entry "*" or a method name a browser can send, written as it sends
// it.
func validateMethods(methods []string) (methodSet, []error) {
	if len(methods) == 0 {
		methods = defaultAllowedMethods
	}
	var set methodSet
	var errs []error
	bad := func(i int, value, reason, fix string) {
		errs = append(errs, &MethodError{Problem{Field: "allowedMethods", Index: i, Value: value, Reason: reason, Fix: fix}})
	}
	for i, m := range methods {
		switch {
		case m == "*":
			set.any = true
		case !method.IsToken(m):
			bad(i, m, "not a method name (an HTTP token, such as PATCH)", "write the name alone, without spaces or separators")
		case method.IsForbidden(m):
			bad(i, m, "browsers never send this method (the Fetch standard forbids it)", "remove it")
		case method.Normalize(m) != m:
			bad(i, m, "browsers always send this method in upper case", "write "+strconv.Quote(method.Normalize(m)))
		default:
			set.names = append(set.names, m)
		}
	}
	return set, errs
}

// headerSet is allowedHeaders compiled.
type headerSet struct {
	any           bool // "*"
	authorization bool // Authorization named, which "*" never covers
	set           map[string]struct{}
	names         []string // lower case, without repeats, in the given order
}

// validateHeaders checks allowedHeaders, or the defaults when it is empty:
// each entry "*" or a header name.
func validateHeaders(headers []string) (headerSet, []error) {
	if len(headers) == 0 {
		headers = defaultAllowedHeaders
	}
	set := headerSet{set: make(map[string]struct{})}
	var errs []error
	for i, h := range headers {
		if h == "*" {
			set.any = true
			continue
		}
		if err := headerName("allowedHeaders", i, h); err != nil {
			errs = append(errs, err)
			continue
		}
		lower := strings.ToLower(h)
		if _, dup := set.set[lower]; !dup {
			set.names = append(set.names, lower)
			set.set[lower] = struct{}{}
		}
		if lower == "authorization" {
			set.authorization = true
		}
	}
	return set, errs
}

// validateExposed checks exposedHeaders and returns the value of
// Access-Control-Expose-Headers: each entry a header name scripts can be
// let read, or "*" without credentials.
func validateExposed(exposed []string, credentials bool) (string, []error) {
	var names []string
	var errs []error
	for i, h := range exposed {
		switch {
		case h == "*" && credentials:
			errs = append(errs, &HeaderError{Problem{Field: "exposedHeaders", Index: i, Value: h,
				Reason: `browsers read "*" literally when credentials are allowed`, Fix: "list the headers scripts may read"}})
		case h == "*":
			names = append(names, h)
		default:
			if err := headerName("exposedHeaders", i, h); err != nil {
				errs = append(errs, err)
				continue
			}
			names = append(names, h)
		}
	}
	return strings.Join(names, ", "), errs
}

// headerNameExamples gives each header-name field the example its errors
// cite: a request header for allowedHeaders, a response header for
// exposedHeaders.
var headerNameExamples = map[string]string{
	"allowedHeaders": "X-Request-Id",
	"exposedHeaders": "X-Total-Count",
}

// headerName checks entry i of a header-name field: an HTTP token, and for
// exposedHeaders none that browsers hide from scripts whatever CORS says.
func headerName(field string, i int, h string) error {
	bad := func(reason, fix string) error {
		return &HeaderError{Problem{Field: field, Index: i, Value: h, Reason: reason, Fix: fix}}
	}
	switch {
	case !header.IsToken(h):
		return bad("not a header name (an HTTP token, such as "+headerNameExamples[field]+")",
			"write the name alone, without a colon, a value or spaces")
	case field == "exposedHeaders" && header.IsForbiddenResponse(h):
		return bad("browsers never let scripts read cookies through CORS", "remove it")
	}
	return nil
}

// validateMaxAge checks maxAge and returns the value of
// Access-Control-Max-Age: "" to leave it out, "0" for a negative maxAge.
func validateMaxAge(n int) (string, error) {
	switch {
	case n > MaxMaxAge:
		return "", &ValueError{Problem{Field: "maxAge", Index: -1, Value: strconv.Itoa(n),
			Reason: "no browser caches a preflight longer than 86400 seconds (Chromium: 7200)", Fix: "use at most 86400"}}
	case n < 0:
		return "0", nil
	case n > 0:
		return strconv.Itoa(n), nil
	}
	return "", nil
}

// validateStatus checks optionsSuccessStatus and returns the status of an
// accepted preflight, DefaultOptionsSuccessStatus for 0.
func validateStatus(n int) (int, error) {
	if n == 0 {
		return DefaultOptionsSuccessStatus, nil
	}
	if n < 200 || n > 299 {
		return 0, &ValueError{Problem{Field: "optionsSuccessStatus", Index: -1, Value: strconv.Itoa(n),
			Reason: "browsers fail a preflight whose status is not 2xx", Fix: "use 204 (or 200 for old clients)"}}
	}
	return n, nil
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
