package corstest

import (
	"net/http"
	"net/http/httptest"
)

// Discard is a ResponseWriter cheap enough not to hide a middleware's cost
// in a benchmark: it keeps headers and the status, discards the body, and
// Reset clears the one header map for reuse.
type Discard struct {
	H      http.Header
	Status int
}

// NewDiscard returns a Discard with an empty header map.
func NewDiscard() *Discard { return &Discard{H: make(http.Header)} }

func (w *Discard) Header() http.Header         { return w.H }
func (w *Discard) Write(p []byte) (int, error) { return len(p), nil }
func (w *Discard) WriteHeader(status int)      { w.Status = status }

// Reset clears the headers and status between iterations.
func (w *Discard) Reset() { clear(w.H); w.Status = 0 }

// Scenario is one request a benchmark sends again and again to ItemsPath
// on host api.test. Method and Header are exposed raw so that adapters not
// built on net/http (fiber) can build their own request. Status and ACAO,
// when Status is not 0, are the answer the CORS middleware must give.
type Scenario struct {
	Name   string
	Method string
	Header http.Header
	Status int
	ACAO   string
}

// BenchHost and BenchPath are the request target every Scenario uses.
const (
	BenchHost = "api.test"
	BenchPath = ItemsPath
)

// Request builds the scenario's *http.Request.
func (s Scenario) Request() *http.Request {
	r := httptest.NewRequest(s.Method, "http://"+BenchHost+BenchPath, nil)
	for k, v := range s.Header {
		r.Header[k] = append([]string(nil), v...)
	}
	return r
}

func scenario(name, method string, kv ...string) Scenario {
	h := make(http.Header)
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return Scenario{Name: name, Method: method, Header: h}
}

// AppBenchScenarios are the requests every adapter's benchmarks send,
// under App, so that their numbers compare: preflights ask for PUT, the refused
// preflight carries no Access-Control-Request-Headers, the refused origin
// is https://evil.example, and each scenario records the status and
// Access-Control-Allow-Origin the CORS middleware must answer with.
func AppBenchScenarios() []Scenario {
	const ok, evil = "https://app.example.com", "https://evil.example"
	with := func(s Scenario, status int, acao string) Scenario {
		s.Status, s.ACAO = status, acao
		return s
	}
	return []Scenario{
		with(scenario("actual-allowed", http.MethodGet, "Origin", ok), http.StatusOK, ok),
		with(scenario("actual-refused", http.MethodGet, "Origin", evil), http.StatusOK, ""),
		with(scenario("no-origin", http.MethodGet), http.StatusOK, ""),
		with(scenario("preflight-allowed", http.MethodOptions, "Origin", ok,
			"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"), http.StatusNoContent, ok),
		with(scenario("preflight-refused", http.MethodOptions, "Origin", evil,
			"Access-Control-Request-Method", "PUT"), http.StatusForbidden, ""),
	}
}
