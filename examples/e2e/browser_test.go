package e2e

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of Debian's chromium, or of the browser that
// CORSKIT_CHROMIUM names. When it is missing the browser tests skip, except
// in CI (CI=true), where they must run.
func chromium(t *testing.T) string {
	t.Helper()
	candidates := []string{"/usr/bin/chromium", "chromium"}
	if env := os.Getenv("CORSKIT_CHROMIUM"); env != "" {
		candidates = []string{env}
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c); err == nil {
			return path
		}
	}
	msg := fmt.Sprintf("no browser: looked for %s; install Debian's with: apt-get install -y chromium", strings.Join(candidates, ", "))
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatal(msg + " (CI is set, so the browser tests must run, not skip)")
	}
	t.Skip(msg)
	return ""
}

// browser is one headless Chromium for the whole run; each page gets a
// tab of its own. Starting Chromium costs far more than a page load.
var browser struct {
	once sync.Once
	ctx  context.Context
	stop func()
	err  error
}

func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromium(t)
	browser.once.Do(func() {
		dir, err := os.MkdirTemp("", "corskit-chromium-")
		if err != nil {
			browser.err = err
			return
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path),
			chromedp.UserDataDir(dir), // a fresh profile: no cached preflights or cookies
			chromedp.Headless,
			chromedp.NoSandbox, // CI runs as root, where the sandbox cannot start
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			// Loopback only: no proxy, and no host name resolves, so
			// nothing leaves the machine; the tests use 127.0.0.1.
			chromedp.Flag("no-proxy-server", true),
			chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		)
		ctx, cancel := chromedp.NewContext(alloc)
		browser.stop = func() {
			cancel()
			cancelAlloc()
			os.RemoveAll(dir)
		}
		// Start it now, so that a broken install fails here with its own error.
		if err := chromedp.Do(ctx); err != nil {
			browser.err = fmt.Errorf("starting %s: %w", path, err)
			return
		}
		browser.ctx = ctx
	})
	if browser.err != nil {
		t.Fatal(browser.err)
	}
	return browser.ctx
}

func stopBrowser() {
	if browser.stop != nil {
		browser.stop()
	}
}

// result is one entry of the demo page's window.results: what JavaScript
// saw of one fetch().
type result struct {
	ID       string             `json:"id"`
	Method   string             `json:"method"`
	Outcome  string             `json:"outcome"` // "passed" or "blocked"
	Status   int                `json:"status"`
	Readable []string           `json:"readable"`
	Headers  map[string]*string `json:"headers"`
	Body     string             `json:"body"`
	Error    string             `json:"error"`
}

// runPage opens the demo page, pointed at the API at api, waits until all
// its requests are done and returns what the page's JavaScript saw.
func runPage(t *testing.T, page, api string) map[string]result {
	t.Helper()
	// A browser context of its own, like a fresh profile: no cookie, cached
	// response or cached preflight of an earlier case, whose server may
	// have had the same port under another policy, can decide this one.
	tab, cancel := chromedp.NewContext(startBrowser(t), chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(tab, 30*time.Second)
	defer cancelTimeout()
	err := chromedp.Do(ctx,
		chromedp.Navigate(page+"/?api="+url.QueryEscape(api)),
		chromedp.Poll[chromedp.Void]("window.resultsDone === true", chromedp.WithPollingInterval(20*time.Millisecond)),
	)
	var results []result
	if err == nil {
		results, err = chromedp.Run(ctx, chromedp.Evaluate[[]result]("window.results"))
	}
	if err != nil {
		t.Fatalf("demo page at %s: %v", page, err)
	}
	m := make(map[string]result, len(results))
	for _, r := range results {
		m[r.ID] = r
	}
	return m
}

// expect is what a probe of the demo page must show.
type expect struct {
	passed bool
	status int
	reads  map[string]string // lower-case header name → value; "*" for any
	hides  []string          // header names JavaScript must not read
	body   string            // the exact body, when not ""
}

var blocked = expect{}

func ok(status int) expect { return expect{passed: true, status: status} }

// reading adds headers JavaScript must read: "name" for any value or
// "name=value".
func (e expect) reading(headers ...string) expect {
	e.reads = maps.Clone(e.reads)
	if e.reads == nil {
		e.reads = make(map[string]string)
	}
	for _, h := range headers {
		name, value, found := strings.Cut(h, "=")
		if !found {
			value = "*"
		}
		e.reads[strings.ToLower(name)] = value
	}
	return e
}

func (e expect) hiding(headers ...string) expect {
	e.hides = append(slices.Clip(e.hides), headers...)
	return e
}

func (e expect) withBody(body string) expect {
	e.body = body
	return e
}

// policyCase is one policy and what the page must show under it, by probe
// id (see examples/browser/static/app.js). "PAGE" in the policy stands for
// the demo page's origin.
type policyCase struct {
	name   string
	policy string
	want   map[string]expect
	// router overrides want for one framework, where its router rather
	// than CORS decides the answer.
	router map[string]map[string]expect
	// refusals are the reasons the API server must log: proof that a
	// blocked request was refused by the policy, not lost on the way.
	refusals []string
}

const (
	refusedPatch  = "method not allowed: patch"
	refusedAPIKey = "header not allowed: x-api-key"
	refusedAuth   = "header not allowed: authorization"
)

var policyCases = []policyCase{
	{
		name: "exact origins",
		policy: `{"allowedOrigins": ["https://app.example.com", "PAGE", "https://*.example.org"],
			"allowedHeaders": ["Content-Type", "Authorization"]}`,
		want: map[string]expect{
			// Nothing exposed: only safelisted headers are readable.
			"simple-get":       ok(200).reading("content-type").hiding("x-total-count", "x-request-id", "x-handler"),
			"post-json":        ok(201).withBody(`{"name":"Added by the demo page"}`),
			"put-auth":         ok(200).withBody(`{"id":"1","name":"Renamed by the demo page","done":true}`),
			"patch-upper":      ok(200),
			"patch-lower":      blocked,
			"delete":           ok(204),
			"credentialed-get": blocked, // no Access-Control-Allow-Credentials
			"refused-header":   blocked,
		},
		refusals: []string{refusedPatch, refusedAPIKey},
	},
	{
		name: "wildcard without credentials",
		policy: `{"allowedOrigins": ["*"], "allowedHeaders": ["Content-Type", "Authorization"],
			"exposedHeaders": ["X-Total-Count"]}`,
		want: map[string]expect{
			"simple-get":       ok(200).reading("x-total-count").hiding("x-request-id", "x-handler"),
			"post-json":        ok(201),
			"put-auth":         ok(200),
			"patch-upper":      ok(200),
			"patch-lower":      blocked,
			"delete":           ok(204),
			"credentialed-get": blocked, // Allow-Origin * never goes with credentials
			"refused-header":   blocked,
		},
		refusals: []string{refusedPatch, refusedAPIKey},
	},
	{
		name: "credentials",
		policy: `{"allowedOrigins": ["PAGE"], "allowCredentials": true,
			"allowedHeaders": ["Content-Type", "Authorization"],
			"exposedHeaders": ["X-Total-Count", "X-Request-Id"]}`,
		want: map[string]expect{
			"simple-get":       ok(200).reading("x-total-count", "x-request-id").hiding("x-handler"),
			"post-json":        ok(201),
			"put-auth":         ok(200),
			"patch-upper":      ok(200),
			"patch-lower":      blocked,
			"delete":           ok(204),
			"credentialed-get": ok(200).reading("x-total-count", "x-request-id"),
			"refused-header":   blocked,
		},
		refusals: []string{refusedPatch, refusedAPIKey},
	},
	{
		name:   "exposed headers and default methods and headers",
		policy: `{"allowedOrigins": ["PAGE"], "exposedHeaders": ["X-Request-Id", "X-Handler"]}`,
		want: map[string]expect{
			"simple-get":       ok(200).reading("x-request-id", "x-handler=ran").hiding("x-total-count"),
			"post-json":        ok(201).reading("x-handler=ran"),
			"put-auth":         blocked, // Authorization is not a default allowed header
			"patch-upper":      ok(200).reading("x-handler=ran"),
			"patch-lower":      blocked,
			"delete":           ok(204).reading("x-handler=ran"),
			"credentialed-get": blocked,
			"refused-header":   blocked,
		},
		refusals: []string{refusedAuth, refusedPatch, refusedAPIKey},
	},
	{
		name:   "any header but Authorization",
		policy: `{"allowedOrigins": ["PAGE"], "allowedHeaders": ["*"]}`,
		want: map[string]expect{
			"simple-get":       ok(200),
			"post-json":        ok(201),
			"put-auth":         blocked, // "*" does not cover Authorization
			"patch-upper":      ok(200),
			"patch-lower":      blocked,
			"delete":           ok(204),
			"credentialed-get": blocked,
			"refused-header":   ok(200), // X-Api-Key is covered by "*"
		},
		refusals: []string{refusedAuth, refusedPatch},
	},
	{
		// "*" lets a lower-case method through the preflight; then the
		// router answers the actual request, each in its own way.
		name: "any method",
		policy: `{"allowedOrigins": ["PAGE"], "allowedMethods": ["*"],
			"allowedHeaders": ["Content-Type", "Authorization"], "exposedHeaders": ["X-Handler"]}`,
		want: map[string]expect{
			"simple-get":       ok(200).reading("x-handler=ran"),
			"post-json":        ok(201).reading("x-handler=ran"),
			"put-auth":         ok(200).reading("x-handler=ran"),
			"patch-upper":      ok(200).reading("x-handler=ran"),
			"patch-lower":      ok(405).hiding("x-handler"), // no route for the method "patch"
			"delete":           ok(204).reading("x-handler=ran"),
			"credentialed-get": blocked,
			"refused-header":   blocked,
		},
		refusals: []string{refusedAPIKey},
		router: map[string]map[string]expect{
			"gin": {"patch-lower": ok(404).hiding("x-handler")},
			// fasthttp refuses a lower-case method with 400 before any
			// middleware runs, so the answer has no CORS headers.
			"fiber": {"patch-lower": blocked},
			// fiber v3 answers a method it does not know with 501 before
			// any middleware runs.
			"fiber3": {"patch-lower": blocked},
		},
	},
	{
		name: "refused origin",
		policy: `{"allowedOrigins": ["https://app.example.com"], "allowCredentials": true,
			"allowedHeaders": ["*"], "exposedHeaders": ["X-Total-Count"]}`,
		want: map[string]expect{
			"simple-get":       blocked,
			"post-json":        blocked,
			"put-auth":         blocked,
			"patch-upper":      blocked,
			"patch-lower":      blocked,
			"delete":           blocked,
			"credentialed-get": blocked,
			"refused-header":   blocked,
		},
		refusals: []string{"origin not allowed: PAGE"},
	},
}

// TestBrowser runs the demo page in headless Chromium against every
// example under every policy of policyCases and checks what JavaScript
// could read: the same cases for all four frameworks.
func TestBrowser(t *testing.T) {
	startBrowser(t)
	for _, fw := range frameworks {
		binary(t, fw) // build first, so that the time below is the browser's
	}
	began := time.Now()
	// The page's ?api= picks the API, so one page server serves every case.
	pageServer := start(t, binary(t, "browser"), "-addr", "127.0.0.1:0", "-api", "http://127.0.0.1:1")
	page := pageServer.URL

	ran := make(map[string]int) // browser cases run, by framework
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			for _, pc := range policyCases {
				t.Run(strings.ReplaceAll(pc.name, " ", "_"), func(t *testing.T) {
					config := writePolicy(t, strings.ReplaceAll(pc.policy, "PAGE", page))
					api := start(t, binary(t, fw), "-addr", "127.0.0.1:0", "-config", config)
					got := runPage(t, page, api.URL)
					if len(got) != len(pc.want) {
						t.Errorf("the page ran %d requests, the case expects %d", len(got), len(pc.want))
					}
					for _, id := range slices.Sorted(maps.Keys(pc.want)) {
						want := pc.want[id]
						r, found := got[id]
						if !found {
							t.Errorf("%s: the page did not run it", id)
							continue
						}
						if w, found := pc.router[fw][id]; found {
							want = w
						}
						checkProbe(t, r, want)
						ran[fw]++
					}
					for _, reason := range pc.refusals {
						api.waitFor(t, `reason="`+strings.ReplaceAll(reason, "PAGE", page)+`"`, 1)
					}
				})
			}
		})
	}
	// go test -v shows this line; make test prints it (see the Makefile).
	total, per := 0, []string{}
	for _, fw := range frameworks {
		total += ran[fw]
		per = append(per, fmt.Sprintf("%s %d", fw, ran[fw]))
	}
	fmt.Printf("browser cases run: %d (%s) in %v\n", total, strings.Join(per, ", "), time.Since(began).Round(10*time.Millisecond))
}

// checkProbe compares what the page saw of one request with want.
func checkProbe(t *testing.T, r result, want expect) {
	t.Helper()
	what := r.Method + " " + r.ID
	if !want.passed {
		if r.Outcome != "blocked" {
			t.Errorf("%s: JavaScript read the answer (status %d, headers %v), want blocked by CORS", what, r.Status, r.Readable)
		}
		return
	}
	if r.Outcome != "passed" {
		t.Errorf("%s: blocked (%s), want JavaScript to read status %d", what, r.Error, want.status)
		return
	}
	if r.Status != want.status {
		t.Errorf("%s: status %d, want %d", what, r.Status, want.status)
	}
	for name, value := range want.reads {
		got := r.Headers[name]
		switch {
		case got == nil:
			t.Errorf("%s: JavaScript could not read %s (readable: %v)", what, name, r.Readable)
		case value == "*" && *got == "":
			t.Errorf("%s: %s is empty", what, name)
		case value != "*" && *got != value:
			t.Errorf("%s: %s %q, want %q", what, name, *got, value)
		}
	}
	for _, name := range want.hides {
		if got := r.Headers[name]; got != nil {
			t.Errorf("%s: JavaScript read %s: %q, want it hidden", what, name, *got)
		}
	}
	if want.body != "" && compact(r.Body) != compact(want.body) {
		t.Errorf("%s: body %s, want %s", what, r.Body, want.body)
	}
	if n := r.Headers["x-total-count"]; n != nil {
		if _, err := strconv.Atoi(*n); err != nil {
			t.Errorf("%s: X-Total-Count %q is not a number", what, *n)
		}
	}
}
