package corstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/corskit/corskit/core"
)

// HostileOrigin is the origin HostilePolicy allows, so that only the
// bounds can refuse a hostile request that carries it.
const HostileOrigin = "https://app.example.com"

// HostilePolicy is the policy hostile requests are sent to. It allows
// their origin, any request header (so that only the bounds stop the walk
// over Access-Control-Request-Headers) and credentials (so that the
// headers would be reflected one by one if a bound failed).
var HostilePolicy = core.Policy{
	AllowedOrigins:   []string{HostileOrigin},
	AllowedHeaders:   []string{"*"},
	AllowCredentials: true,
}

// Hostile is a request built to make a CORS middleware work hard: header
// values far larger, or far more numerous, than any browser sends. Each
// must be refused in bounded time and memory.
type Hostile struct {
	Name   string
	Method string // "GET" for an actual request, "OPTIONS" for a preflight
	Header http.Header
	// Reason is why the core refuses it.
	Reason core.Reason
}

// Request builds h's request to ItemsPath.
func (h Hostile) Request() *http.Request {
	r := httptest.NewRequest(h.Method, "http://api.test"+ItemsPath, nil)
	for k, vs := range h.Header {
		r.Header[k] = append([]string(nil), vs...)
	}
	return r
}

// repeat returns n copies of s.
func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// HostileRequests returns the hostile requests, built afresh on each call.
func HostileRequests() []Hostile {
	pre := func(origin []string, method []string, headers []string) http.Header {
		h := http.Header{"Origin": origin, "Access-Control-Request-Method": method}
		if headers != nil {
			h["Access-Control-Request-Headers"] = headers
		}
		return h
	}
	one := func(s string) []string { return []string{s} }
	mib := strings.Repeat("x-a,", 1<<20/4) // 1 MiB of valid names
	tenThousand := make([]string, 10000)
	for i := range tenThousand {
		tenThousand[i] = "x-header-" + strconv.Itoa(i)
	}
	names10k := strings.Join(tenThousand, ",")                     // about 120 KB
	short8k := strings.TrimSuffix(strings.Repeat("a,", 8000), ",") // 8,000 names in under 16 KiB
	origin64k := HostileOrigin + strings.Repeat("a", 64<<10)
	blank := strings.Repeat(" ,\t", 1<<20/3)

	return []Hostile{
		{"preflight with a 1 MiB Access-Control-Request-Headers", "OPTIONS",
			pre(one(HostileOrigin), one("PUT"), one(mib)), core.ReasonHeadersTooLong},
		{"preflight with 1 MiB of commas and white space in Access-Control-Request-Headers", "OPTIONS",
			pre(one(HostileOrigin), one("PUT"), one(blank)), core.ReasonHeadersTooLong},
		{"preflight with 10,000 header names on one line", "OPTIONS",
			pre(one(HostileOrigin), one("PUT"), one(names10k)), core.ReasonHeadersTooLong},
		{"preflight with 10,000 Access-Control-Request-Headers lines", "OPTIONS",
			pre(one(HostileOrigin), one("PUT"), tenThousand), core.ReasonHeadersTooMany},
		{"preflight with 8,000 header names within 16 KiB", "OPTIONS",
			pre(one(HostileOrigin), one("PUT"), one(short8k)), core.ReasonHeadersTooMany},
		{"actual request with a 64 KiB Origin", "GET",
			http.Header{"Origin": one(origin64k)}, core.ReasonOriginMalformed},
		{"preflight with a 64 KiB Origin", "OPTIONS",
			pre(one(origin64k), one("PUT"), one("content-type")), core.ReasonOriginMalformed},
		{"actual request with 10,000 Origin lines", "GET",
			http.Header{"Origin": repeat(HostileOrigin, 10000)}, core.ReasonOriginRepeated},
		{"preflight with 10,000 Origin lines", "OPTIONS",
			pre(repeat(HostileOrigin, 10000), one("PUT"), one("content-type")), core.ReasonOriginRepeated},
		{"preflight with 10,000 Access-Control-Request-Method lines", "OPTIONS",
			pre(one(HostileOrigin), repeat("PUT", 10000), one("content-type")), core.ReasonMethodRepeated},
		{"preflight with a 64 KiB Access-Control-Request-Method", "OPTIONS",
			pre(one(HostileOrigin), one(strings.Repeat("P", 64<<10)), nil), core.ReasonMethodNotAllowed},
	}
}

// StatusHeaderTooLarge is what a server answers when it refuses a request
// whose headers exceed its own limit, before any middleware runs.
const StatusHeaderTooLarge = http.StatusRequestHeaderFieldsTooLarge

// Check reports whether resp refuses h: a 403 preflight that no handler
// saw, or an actual request the handler answered, with no
// Access-Control-* header and Vary: Origin; or the server's own 431,
// which refuses the request before the middleware sees it.
func (h Hostile) Check(resp *http.Response) error {
	if resp.StatusCode == StatusHeaderTooLarge {
		return checkNoCORS(resp)
	}
	c := Case{Name: h.Name, Method: h.Method, Status: HandlerStatus, Next: true,
		Want: map[string]string{}, WantVary: vary(varyOrigin)}
	if h.Method == "OPTIONS" {
		c.Status, c.Next, c.WantVary = 403, false, vary(varyPreflight)
	}
	return c.Check(resp)
}

func checkNoCORS(resp *http.Response) error {
	for name, v := range resp.Header {
		if strings.HasPrefix(strings.ToLower(name), "access-control-") {
			return fmt.Errorf("the server's %d carries %s: %q", resp.StatusCode, name, v)
		}
	}
	return nil
}

// RunHostile sends every hostile request through target, under
// HostilePolicy, each as a subtest, and checks that it is refused. A
// panic anywhere fails the test; a server that refuses oversized headers
// itself (431) passes.
func RunHostile(t *testing.T, target Target) {
	t.Helper()
	for _, h := range HostileRequests() {
		h := h
		t.Run(h.Name, func(t *testing.T) {
			e, err := core.New(HostilePolicy)
			if err != nil {
				t.Fatal(err)
			}
			resp := target(t, e)(h.Request())
			defer resp.Body.Close()
			if resp.StatusCode == StatusHeaderTooLarge {
				t.Logf("the server refused it before the middleware: %s", resp.Status)
			}
			if err := h.Check(resp); err != nil {
				t.Error(err)
			}
		})
	}
}
