package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/corskit/corskit/cmd/corscheck/internal/check"
)

// Exit statuses of corscheck audit.
const (
	exitNoFindings = 0 // nothing found
	exitFindings   = 1 // at least one finding
)

const auditUsage = "usage: corscheck audit [-origin TRUSTED] [-credentials] [-json] [-timeout D] URL"

// auditConfig is the audit to run, from the command line.
type auditConfig struct {
	url         *url.URL
	trusted     string // the front end's origin (-origin), or ""
	credentials bool   // send a Cookie with the actual requests
	json        bool
	timeout     time.Duration
}

// runAudit runs corscheck audit with args (after the word audit) and
// returns the exit status.
func runAudit(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseAuditArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitNoFindings
	}
	var shown usageShown
	if errors.As(err, &shown) {
		return exitError
	}
	if err != nil {
		fmt.Fprintf(stderr, "corscheck audit: %v\n", err)
		fmt.Fprintln(stderr, auditUsage)
		return exitError
	}
	res, err := newAuditor(cfg).run()
	if err != nil {
		fmt.Fprintf(stderr, "corscheck audit: %v\n", err)
		fmt.Fprintln(stderr, "Nothing was judged: the first request, without an Origin header, failed.")
		return exitError
	}
	if cfg.json {
		if err := writeAuditJSON(stdout, res); err != nil {
			fmt.Fprintf(stderr, "corscheck audit: %v\n", err)
			return exitError
		}
	} else {
		writeAuditText(stdout, res)
	}
	for _, e := range res.errors {
		fmt.Fprintf(stderr, "corscheck audit: %s\n", e)
	}
	switch {
	case len(res.errors) > 0:
		return exitError
	case len(res.findings) > 0:
		return exitFindings
	}
	return exitNoFindings
}

func parseAuditArgs(args []string, stderr io.Writer) (*auditConfig, error) {
	fs := flag.NewFlagSet("corscheck audit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	origin := fs.String("origin", "", "`TRUSTED` origin: the front end that should be allowed, e.g. https://app.example.com (optional)")
	credentials := fs.Bool("credentials", false, "send a Cookie header with the actual requests, as a signed-in user's browser does")
	jsonOut := fs.Bool("json", false, `print {"findings": [...], "requests": N, "notes": [...]} for CI`)
	timeout := fs.Duration("timeout", 10*time.Second, "the time allowed for each request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, auditUsage)
		fmt.Fprintln(stderr, "Probes a URL with untrusted origins and reports every CORS misconfiguration found.")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "Exit status: 0 no findings, 1 findings, 2 usage or network error.")
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageShown{err}
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(positional) == 0:
		return nil, errors.New("no URL to audit")
	case len(positional) > 1:
		return nil, fmt.Errorf("one URL at a time, got %d: %s", len(positional), strings.Join(positional, " "))
	case *timeout <= 0:
		return nil, fmt.Errorf("-timeout %s: give a positive duration, e.g. 10s", *timeout)
	}
	if *origin == "null" {
		return nil, errors.New("-origin null: the trusted origin is the front end's real origin, e.g. https://app.example.com; null is one of the untrusted origins audit sends")
	}
	if *origin != "" {
		if err := checkOrigin(*origin); err != nil {
			return nil, err
		}
	}
	u, err := parseURL(positional[0])
	if err != nil {
		return nil, err
	}
	return &auditConfig{url: u, trusted: *origin, credentials: *credentials, json: *jsonOut, timeout: *timeout}, nil
}

// maxAuditRedirects is how many redirects within the target's origin an
// actual request follows. Redirects to another origin are never followed.
const maxAuditRedirects = 3

// auditor sends the probes of one audit.
type auditor struct {
	cfg    *auditConfig
	target string // the URL's origin
	client *http.Client
	sent   atomic.Int64 // requests sent, redirects included
}

func newAuditor(cfg *auditConfig) *auditor {
	a := &auditor{cfg: cfg, target: serializeOrigin(cfg.url)}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableCompression = true
	a.client = &http.Client{
		Transport: countingTransport{tr, &a.sent},
		Timeout:   cfg.timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			switch {
			case via[0].Method == http.MethodOptions:
				return http.ErrUseLastResponse // browsers never follow a preflight's redirect
			case serializeOrigin(req.URL) != a.target:
				return http.ErrUseLastResponse // off the target's origin: never
			case len(via) > maxAuditRedirects:
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
	return a
}

// countingTransport counts the requests that go out.
type countingTransport struct {
	rt http.RoundTripper
	n  *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.rt.RoundTrip(r)
}

// probe is one request of the audit.
type probe struct {
	originProbe
	method string        // GET, or OPTIONS for a preflight
	ask    check.Request // for a preflight: the call it asks permission for
}

// exchange is a probe and the answer to it.
type exchange struct {
	probe
	reqHeader http.Header
	status    int
	header    http.Header
	finalURL  string // after redirects within the origin
	offOrigin string // a redirect's Location on another origin, not followed
	err       error
}

func (x *exchange) preflight() bool { return x.method == http.MethodOptions }

func (x *exchange) ok() bool { return x.err == nil && 200 <= x.status && x.status <= 299 }

// auditResult is everything an audit found.
type auditResult struct {
	cfg       *auditConfig
	plan      *plan
	exchanges []*exchange
	requests  int
	findings  []finding
	notes     []string
	errors    []string
}

// run sends every probe, one at a time, and judges the answers. It fails
// only when the first request, the baseline without Origin, fails.
func (a *auditor) run() (*auditResult, error) {
	p := buildPlan(a.cfg.url, a.cfg.trusted)
	res := &auditResult{cfg: a.cfg, plan: p}

	base := a.do(probe{originProbe: originProbe{kind: kindBaseline, what: "no Origin header"}, method: http.MethodGet})
	if base.err != nil {
		return nil, fmt.Errorf("GET %s: network error: %v", a.cfg.url.Redacted(), base.err)
	}
	xs := []*exchange{base}
	for _, o := range p.origins {
		xs = append(xs,
			a.do(probe{originProbe: o, method: http.MethodGet}),
			a.do(probe{originProbe: o, method: http.MethodOptions, ask: preflightFor(o.origin)}))
	}

	// The allowed methods and headers are judged from an origin the
	// server allows: the trusted one, or else the first probe it allowed.
	ref, refKind := p.trusted, kindTrusted
	if ref == "" {
		for _, x := range xs {
			if x.origin != "" && reflected(x) {
				ref, refKind = x.origin, x.kind
				break
			}
		}
	}
	if ref == "" {
		ref = p.guess
		p.notes = append(p.notes, fmt.Sprintf("No probed origin was allowed, so the allowed-methods and allowed-headers preflights came from %s, "+
			"a guess at the front end, and were likely refused: pass -origin to judge them.", ref))
	} else if refKind != kindTrusted {
		p.notes = append(p.notes, fmt.Sprintf("The allowed-methods and allowed-headers preflights came from %s, the first probed origin the server allowed.", ref))
	}
	hdrs := preflightFor(ref)
	hdrs.Header.Set(probeHeader, "1")
	xs = append(xs,
		a.do(probe{originProbe: originProbe{kind: kindPolicyHdr, origin: ref, what: "a header no policy lists"}, method: http.MethodOptions, ask: hdrs}),
		a.do(probe{originProbe: originProbe{kind: kindPolicyMth, origin: ref, what: "a method no policy lists"}, method: http.MethodOptions,
			ask: check.Request{Origin: ref, Method: probeMethod, Header: http.Header{}}}))

	res.exchanges = xs
	res.requests = int(a.sent.Load())
	for _, x := range xs {
		if x.err != nil {
			res.errors = append(res.errors, fmt.Sprintf("%s from %s: network error: %v", x.method, originLabel(x.origin), x.err))
		}
	}
	res.findings, res.notes = judge(p, xs)
	return res, nil
}

// probeHeader and probeMethod are a request header and a method that no
// policy lists: a server that allows them allows anything.
const (
	probeHeader = "X-Corscheck-Probe"
	probeMethod = "CORSCHECK"
)

// do sends one probe and records the answer.
func (a *auditor) do(pr probe) *exchange {
	x := &exchange{probe: pr}
	var h http.Header
	if pr.method == http.MethodOptions {
		h = check.PreflightHeader(pr.ask)
	} else {
		h = http.Header{}
		h.Set("Accept", "*/*")
		if pr.origin != "" {
			h.Set("Origin", pr.origin)
		}
		if a.cfg.credentials {
			h.Set("Cookie", "corscheck=1")
		}
	}
	x.reqHeader = h.Clone()
	req, err := http.NewRequest(pr.method, a.cfg.url.String(), nil)
	if err != nil {
		x.err = err
		return x
	}
	req.Header = h
	req.Header.Set("User-Agent", userAgent)
	resp, err := a.client.Do(req)
	if err != nil {
		x.err = err
		return x
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	x.status, x.header = resp.StatusCode, resp.Header
	x.finalURL = resp.Request.URL.Redacted()
	if isRedirect(x.status) {
		if next, err := resp.Request.URL.Parse(resp.Header.Get("Location")); err == nil && resp.Header.Get("Location") != "" &&
			serializeOrigin(next) != a.target && pr.method != http.MethodOptions {
			x.offOrigin = next.Redacted()
		}
	}
	return x
}

// originLabel names an Origin value in the report.
func originLabel(origin string) string {
	if origin == "" {
		return "no origin"
	}
	return origin
}

// httpHeader builds a header from name, value pairs.
func httpHeader(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}
