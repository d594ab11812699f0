// Package bench holds corskit's side-by-side benchmarks: the same policy
// and the same requests, through each framework's real router, for
// corskit's adapter, the CORS middleware that framework's users use today,
// no middleware at all, and a hand-written middleware that only sets fixed
// headers (the floor).
//
// The package is its own module so that peers' CORS libraries never enter
// a corskit user's dependency graph. The benchmarks are in bench_test.go;
// cmd/report turns their output into BENCHMARKS.md and chart.svg; run.sh
// (make bench) runs both.
package bench

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/corskit/corskit/core"
)

// The one policy every implementation is configured with, piece by piece,
// so that each peer can be given it in its own terms.
var (
	// ExactOrigins are the two exact allowed origins.
	ExactOrigins = []string{"https://app.example.com", "https://admin.example.com"}
	// PatternOrigin is the subdomain pattern, given to every peer that
	// supports one.
	PatternOrigin = "https://*.example.org"
	// Methods are the methods a preflight may ask for.
	Methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}
	// Headers are the request headers a preflight may ask for.
	Headers = []string{"Content-Type", "Authorization", "X-Request-Id"}
	// Exposed are the response headers scripts may read.
	Exposed = []string{"X-Total-Count"}
	// MaxAge is the preflight cache time, in seconds.
	MaxAge = 600
)

// Origins returns the exact origins and the pattern.
func Origins() []string {
	return append(append([]string(nil), ExactOrigins...), PatternOrigin)
}

// Policy returns the policy in corskit's terms.
func Policy() core.Policy {
	return core.Policy{
		AllowedOrigins:   Origins(),
		AllowedMethods:   Methods,
		AllowedHeaders:   Headers,
		ExposedHeaders:   Exposed,
		AllowCredentials: true,
		MaxAge:           MaxAge,
	}
}

// Path is the only path the routers serve (GET, POST, PUT, PATCH and
// DELETE; no OPTIONS route).
const Path = "/api/items"

// RouteMethods are the methods registered for Path.
var RouteMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// The request values the scenarios use.
const (
	AllowedOrigin   = "https://app.example.com"
	RefusedOrigin   = "https://evil.example.com"
	PreflightMethod = "PUT"
	// PreflightHeaders is what a browser sends for a request with these
	// three headers: lower case, sorted, no spaces.
	PreflightHeaders = "authorization,content-type,x-request-id"
)

// ManyHeaders is the Access-Control-Request-Headers of the
// preflight-1000-headers scenario: 1000 names in about 20 KB, the three
// the policy allows followed by 997 it does not list. The right answer is
// a refusal, and the question is what it costs to reach it.
var ManyHeaders = func() string {
	var b strings.Builder
	b.WriteString(PreflightHeaders)
	for i := 3; i < 1000; i++ {
		fmt.Fprintf(&b, ",x-custom-header-%04d", i)
	}
	return b.String()
}()

// Scenario is one request, sent again and again.
type Scenario struct {
	Name   string
	Method string
	Header [][2]string // request header lines, in order
	// What the request is about, for the report.
	About string
}

// Scenarios are the requests every benchmark sends, in report order.
var Scenarios = []Scenario{
	{Name: "actual-allowed", Method: "GET",
		Header: [][2]string{{"Origin", AllowedOrigin}},
		About:  "GET from an allowed origin"},
	{Name: "actual-refused", Method: "GET",
		Header: [][2]string{{"Origin", RefusedOrigin}},
		About:  "GET from an origin the policy does not list"},
	{Name: "no-origin", Method: "GET",
		About: "GET without Origin (same-origin or not a browser)"},
	{Name: "preflight-allowed", Method: "OPTIONS",
		Header: [][2]string{{"Origin", AllowedOrigin}, {"Access-Control-Request-Method", PreflightMethod},
			{"Access-Control-Request-Headers", PreflightHeaders}},
		About: "preflight for PUT with authorization, content-type, x-request-id from an allowed origin"},
	{Name: "preflight-refused", Method: "OPTIONS",
		Header: [][2]string{{"Origin", RefusedOrigin}, {"Access-Control-Request-Method", PreflightMethod},
			{"Access-Control-Request-Headers", PreflightHeaders}},
		About: "the same preflight from an origin the policy does not list"},
	{Name: "preflight-1000-headers", Method: "OPTIONS",
		Header: [][2]string{{"Origin", AllowedOrigin}, {"Access-Control-Request-Method", PreflightMethod},
			{"Access-Control-Request-Headers", ManyHeaders}},
		About: fmt.Sprintf("preflight from an allowed origin whose Access-Control-Request-Headers names 1000 headers (%d bytes), 997 of them not allowed", len(ManyHeaders))},
}

// ScenarioByName returns the scenario called name.
func ScenarioByName(name string) (Scenario, bool) {
	for _, s := range Scenarios {
		if s.Name == name {
			return s, true
		}
	}
	return Scenario{}, false
}

// Get returns the first value of the request header name, and whether
// there is one.
func (s Scenario) Get(name string) (string, bool) {
	for _, kv := range s.Header {
		if http.CanonicalHeaderKey(kv[0]) == http.CanonicalHeaderKey(name) {
			return kv[1], true
		}
	}
	return "", false
}

// HTTPRequest builds s as a net/http server would hand it to a handler.
func (s Scenario) HTTPRequest() *http.Request {
	r, err := http.NewRequest(s.Method, "http://api.test"+Path, nil)
	if err != nil {
		panic(err)
	}
	r.RequestURI = Path
	r.RemoteAddr = "192.0.2.1:1234"
	for _, kv := range s.Header {
		r.Header.Add(kv[0], kv[1])
	}
	return r
}

// Writer is a ResponseWriter cheap enough not to hide a middleware's cost:
// one header map, cleared and reused, and no body kept.
type Writer struct {
	H      http.Header
	Status int
	Body   int // bytes written
}

// NewWriter returns a Writer with an empty header map.
func NewWriter() *Writer { return &Writer{H: make(http.Header, 8)} }

// Header implements http.ResponseWriter.
func (w *Writer) Header() http.Header { return w.H }

// Write implements http.ResponseWriter.
func (w *Writer) Write(p []byte) (int, error) {
	if w.Status == 0 {
		w.Status = http.StatusOK
	}
	w.Body += len(p)
	return len(p), nil
}

// WriteHeader implements http.ResponseWriter.
func (w *Writer) WriteHeader(status int) {
	if w.Status == 0 {
		w.Status = status
	}
}

// Reset readies w for the next response, keeping the map's storage.
func (w *Writer) Reset() {
	clear(w.H)
	w.Status = 0
	w.Body = 0
}

// Result is what came back for one request.
type Result struct {
	Status     int
	Header     http.Header
	HandlerRan bool
	// Shared names the response headers whose value slice was the very
	// same one in two responses to two requests: a handler that edits one
	// response's header in place edits the other's (the data race of
	// rs/cors#198). Only net/http frameworks can share; fasthttp copies.
	Shared []string
}

// Role says what an implementation is in a framework's table.
type Role int

// The roles.
const (
	Corskit Role = iota // corskit's adapter
	Peer                // another CORS middleware
	None                // the bare router, no middleware
	Floor               // a middleware that only sets fixed headers
	Noop                // a middleware that only calls the next handler: what the framework charges for any middleware
)

// Impl is one row of a framework's table.
type Impl struct {
	Name   string // as in the benchmark name: impl=Name
	Role   Role
	Module string // the module path, for the versions list; "" for none
	Title  string // how the report names it
	Config string // how the policy was given to it, when it needs saying
	// New builds a router with this implementation attached app-wide and
	// the routes of Path; ran is incremented by every route handler.
	New func(ran *int) Server
}

// Server serves one scenario again and again through one router.
type Server interface {
	// Prepare readies the server to serve s: the request is built once
	// and reused, and so is the response.
	Prepare(s Scenario)
	// Serve serves the prepared request once, resetting the response
	// first.
	Serve()
	// Result returns what the last Serve answered; serveOnce fills in
	// HandlerRan.
	Result() Result
}

// Framework is one table: a router and the implementations attached to it.
type Framework struct {
	Name   string // as in the benchmark name: BenchmarkName
	Title  string // for the report
	Router string // the router's module
	Impls  []Impl
}

// Frameworks are the tables, in report order.
func Frameworks() []Framework {
	return []Framework{ginFramework(), echoFramework(), echo5Framework(), fiberFramework(), fiber3Framework(), chiFramework(), httpFramework()}
}

// FrameworkByName returns the framework called name.
func FrameworkByName(name string) (Framework, bool) {
	for _, f := range Frameworks() {
		if f.Name == name {
			return f, true
		}
	}
	return Framework{}, false
}

// httpServer serves an http.Handler with a reused request and Writer.
type httpServer struct {
	h   http.Handler
	req *http.Request
	w   *Writer
}

func newHTTPServer(h http.Handler) *httpServer {
	return &httpServer{h: h, w: NewWriter()}
}

func (s *httpServer) Prepare(sc Scenario) { s.req = sc.HTTPRequest() }

func (s *httpServer) Serve() {
	s.w.Reset()
	s.h.ServeHTTP(s.w, s.req)
}

func (s *httpServer) Result() Result {
	st := s.w.Status
	if st == 0 {
		st = http.StatusOK
	}
	return Result{Status: st, Header: s.w.H.Clone()}
}

// sharedLines serves a second, freshly built request for s and returns
// the CORS header names (Access-Control-* and Vary) whose value slice in
// the second response is the one the previous response held, sorted. The
// framework's own headers are its business, not the middleware's: gin,
// for one, shares its Content-Type slices.
func (s *httpServer) sharedLines(sc Scenario) []string {
	first := map[string]*string{}
	for k, v := range s.w.H {
		if len(v) > 0 {
			first[k] = &v[0]
		}
	}
	s.Prepare(sc)
	s.Serve()
	var shared []string
	for k, v := range s.w.H {
		cors := k == "Vary" || strings.HasPrefix(k, "Access-Control-")
		if cors && len(v) > 0 && first[k] == &v[0] {
			shared = append(shared, k)
		}
	}
	sort.Strings(shared)
	return shared
}

// serveOnce serves the prepared request once and returns the result,
// telling whether a route handler ran.
func serveOnce(srv Server, ran *int) Result {
	before := *ran
	srv.Serve()
	r := srv.Result()
	r.HandlerRan = *ran > before
	return r
}

// Run builds impl's router, sends it s once and returns the answer.
func Run(impl Impl, s Scenario) Result {
	ran := new(int)
	srv := impl.New(ran)
	srv.Prepare(s)
	r := serveOnce(srv, ran)
	if hs, ok := srv.(*httpServer); ok {
		r.Shared = hs.sharedLines(s)
	}
	return r
}

// floorActual and floorPreflight are the floor's fixed headers. The floor
// copies them into one fresh backing array per response, as corskit does,
// so that no header slice is shared between responses.
var (
	floorActualNames = [...]string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
		"Access-Control-Expose-Headers", "Vary"}
	floorActualValues = [...]string{AllowedOrigin, "true", "X-Total-Count", "Origin"}

	floorPreflightNames = [...]string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
		"Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age", "Vary"}
	floorPreflightValues = [...]string{AllowedOrigin, "true", "GET, POST, PUT, PATCH, DELETE",
		"Content-Type, Authorization, X-Request-Id", "600",
		"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}
)

// FloorHTTP sets the floor's fixed headers in h, the preflight ones when
// preflight is true, with one allocation. It reports whether the response
// is a preflight's, to be answered with 204 without calling the next
// handler. It decides nothing else: it is not a CORS middleware, only the
// cost of setting a CORS response's headers.
func FloorHTTP(h http.Header, method string) (preflight bool) {
	if method == http.MethodOptions {
		v := make([]string, len(floorPreflightValues))
		copy(v, floorPreflightValues[:])
		for i, n := range floorPreflightNames {
			h[n] = v[i : i+1 : i+1]
		}
		return true
	}
	v := make([]string, len(floorActualValues))
	copy(v, floorActualValues[:])
	for i, n := range floorActualNames {
		h[n] = v[i : i+1 : i+1]
	}
	return false
}
