// Package corstest holds corskit's conformance table: one list of cases (a
// policy, a request, the answer the README's Behaviour on the wire requires) that the core and every
// adapter run through their real router, so that a case added once is
// checked everywhere.
//
// An adapter's test registers Routes on its framework with the middleware
// attached application-wide, each route answering with Handler's behaviour,
// and calls RunAll with a Target that builds such a server around an Engine.
package corstest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/corskit/corskit/core"
)

// Route is one route a Target registers: method and path.
type Route struct{ Method, Path string }

// The paths the cases use. Only ItemsPath's GET, POST, PUT, PATCH and
// DELETE are registered, and no OPTIONS route, so preflights must be
// answered by the middleware alone. PassthroughPath also has an OPTIONS
// route, for OptionsPassthrough cases.
const (
	ItemsPath       = "/api/items"
	PassthroughPath = "/api/passthrough"
)

// Routes are the routes every Target registers, each with Handler's
// behaviour.
var Routes = []Route{
	{"GET", ItemsPath}, {"POST", ItemsPath}, {"PUT", ItemsPath}, {"PATCH", ItemsPath}, {"DELETE", ItemsPath},
	{"GET", PassthroughPath}, {"OPTIONS", PassthroughPath},
}

// What a route's handler does, so a case can tell whether it ran.
const (
	HandlerHeader = "X-Handler" // set to "ran"
	HandlerStatus = 200
	HandlerBody   = "ok"
)

// Handler is the net/http form of a route's handler. Asked by the
// request (EditHeader, HandlerHeadersHeader), it also edits the
// middleware's values in place or sets headers of its own; a Target
// installs PresetVary before the middleware for PresetVaryHeader.
func Handler(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(EditHeader) != "" {
		editInPlace(w.Header())
	}
	if r.Header.Get(HandlerHeadersHeader) != "" {
		setHandlerHeaders(w.Header())
	}
	w.Header().Set(HandlerHeader, "ran")
	w.WriteHeader(HandlerStatus)
	io.WriteString(w, HandlerBody)
}

// Case is one request and the answer it must get.
type Case struct {
	Name   string
	Policy core.Policy
	// Paths, when set, makes the engine serve these per-path policies,
	// with Policy as the default (core.NewPaths).
	Paths  []core.PathPolicy
	Method string
	Path   string      // ItemsPath when empty
	Header http.Header // request headers as sent; a key may hold several lines

	// Status is the answer's status: HandlerStatus when the handler ran.
	Status int
	// Next says whether the route's handler ran.
	Next bool
	// Want holds every Access-Control-* response header the answer must
	// carry, with its lines joined by ", "; any other Access-Control-*
	// header fails the case. Any other header named in Want must be there
	// too, with the value given. Vary is compared the same way when
	// WantVary is set.
	Want     map[string]string
	WantVary *string
}

// Target builds a server that applies the engine application-wide and
// serves Routes, and returns a function that sends one request through it.
// The server honours the request headers PresetVaryHeader, EditHeader and
// HandlerHeadersHeader, so that the header and isolation cases run through it.
type Target func(t testing.TB, e *core.Engine) func(*http.Request) *http.Response

// HandlerTarget adapts a net/http handler to the form Target returns.
func HandlerTarget(h http.Handler) func(*http.Request) *http.Response {
	return func(r *http.Request) *http.Response {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Result()
	}
}

// runCases runs cases against target, each as a subtest.
func runCases(t *testing.T, target Target, cases []Case) {
	t.Helper()
	for _, c := range cases {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			e, err := core.NewPaths(c.Policy, c.Paths...)
			if err != nil {
				t.Fatalf("policy refused: %v", err)
			}
			send := target(t, e)
			resp := send(c.Request())
			defer resp.Body.Close()
			if err := c.Check(resp); err != nil {
				t.Error(err)
			}
		})
	}
}

// Request builds the case's request.
func (c Case) Request() *http.Request {
	path := c.Path
	if path == "" {
		path = ItemsPath
	}
	r := httptest.NewRequest(c.Method, "http://api.test"+path, nil)
	for k, vs := range c.Header {
		r.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	return r
}

// Check compares resp with what the case wants and describes every
// difference.
func (c Case) Check(resp *http.Response) error {
	var problems []string
	if resp.StatusCode != c.Status {
		problems = append(problems, fmt.Sprintf("status %d, want %d", resp.StatusCode, c.Status))
	}
	ran := resp.Header.Get(HandlerHeader) == "ran"
	if ran != c.Next {
		problems = append(problems, fmt.Sprintf("handler ran: %v, want %v", ran, c.Next))
	}
	for name, want := range c.Want {
		lines, ok := resp.Header[http.CanonicalHeaderKey(name)]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s missing, want %q", name, want))
			continue
		}
		if got := strings.Join(lines, ", "); got != want {
			problems = append(problems, fmt.Sprintf("%s: %q, want %q", name, got, want))
		}
	}
	var extra []string
	for name, lines := range resp.Header {
		if !strings.HasPrefix(strings.ToLower(name), "access-control-") {
			continue
		}
		if _, ok := c.Want[name]; ok {
			continue
		}
		if _, ok := c.Want[strings.ToLower(name)]; ok {
			continue
		}
		extra = append(extra, fmt.Sprintf("%s: %q", name, strings.Join(lines, ", ")))
	}
	sort.Strings(extra)
	for _, e := range extra {
		problems = append(problems, "unexpected "+e)
	}
	if c.WantVary != nil {
		got := strings.Join(resp.Header.Values("Vary"), ", ")
		if got != *c.WantVary {
			problems = append(problems, fmt.Sprintf("Vary: %q, want %q", got, *c.WantVary))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s %s: %s", c.Method, c.Name, strings.Join(problems, "; "))
	}
	return nil
}
