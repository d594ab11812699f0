// Command corscheck tells whether a browser would allow a cross-origin call
// to a live server, and if not, why and how to fix it.
//
// Usage:
//
//	corscheck -origin https://app.example.com [flags] URL
//
// It sends what a browser would send, following the CORS protocol of the
// WHATWG Fetch standard: the CORS-preflight request when the call needs one,
// then the actual request. It judges each answer as a browser does and
// prints a verdict per step, with the reason and the fix in plain words.
//
// The flags are:
//
//	-origin ORIGIN      the calling page's origin, e.g. https://app.example.com (required)
//	-method METHOD      the request method (default GET)
//	-header NAME[: VALUE]
//	                    a header the script sets; repeat the flag, or give
//	                    several names separated by commas
//	-body-type TYPE     the Content-Type of the request body
//	-credentials        send credentials (fetch's credentials: "include")
//	-timeout DURATION   the time allowed for each request (default 10s)
//	-v                  print the raw request and response headers
//
// The exit status is 0 when a browser would allow the call, 1 when it would
// block it, and 2 on a usage error or a network error.
//
// corscheck audit probes a whole API for CORS misconfigurations instead:
//
//	corscheck audit [-origin TRUSTED] [-credentials] [-json] [-timeout D] URL
//
// It sends a fixed set of requests with untrusted Origin values built from
// TRUSTED (the front end that should be allowed) or from the URL's host,
// and reports every finding with its class, severity, evidence and fix. The
// exit status is 0 without findings, 1 with findings, and 2 on a usage error
// or a network error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/corskit/corskit/cmd/corscheck/internal/check"
)

// Exit statuses.
const (
	exitAllowed = 0 // a browser would allow the call
	exitBlocked = 1 // a browser would block it
	exitError   = 2 // usage error or network error
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is the call to check, from the command line.
type config struct {
	req      check.Request
	url      *url.URL
	bodyType string
	timeout  time.Duration
	verbose  bool
}

// run runs corscheck with the command-line arguments args (without the
// program name), writing the report to stdout and usage errors to stderr,
// and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "audit" {
		return runAudit(args[1:], stdout, stderr)
	}
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitAllowed
	}
	var shown usageShown
	if errors.As(err, &shown) {
		return exitError // the flag package has printed the error and the usage
	}
	if err != nil {
		fmt.Fprintf(stderr, "corscheck: %v\n", err)
		fmt.Fprintln(stderr, "usage: corscheck -origin ORIGIN [-method M] [-header NAME]... [-credentials] [-body-type TYPE] [-v] URL")
		return exitError
	}
	c := &checker{
		cfg:    cfg,
		out:    &report{w: stdout, verbose: cfg.verbose},
		stderr: stderr,
		client: newClient(cfg.timeout),
	}
	return c.run()
}

// usageShown is a command-line error that the flag package has already
// reported, with the usage.
type usageShown struct{ error }

// headerFlag collects -header flags into the headers a script sets.
type headerFlag struct {
	h http.Header
}

func (f *headerFlag) String() string {
	if f == nil || f.h == nil {
		return ""
	}
	return fmt.Sprint(f.h)
}

// Set adds one -header value: "Name: value", or one or more names separated
// by commas, each with a plausible value.
func (f *headerFlag) Set(s string) error {
	if f.h == nil {
		f.h = http.Header{}
	}
	if name, value, ok := strings.Cut(s, ":"); ok {
		return f.add(strings.TrimSpace(name), strings.Trim(value, " \t"))
	}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if strings.EqualFold(name, "Content-Type") {
			return errors.New(`Content-Type needs a value: use -body-type application/json, or -header "Content-Type: text/plain"`)
		}
		if err := f.add(name, defaultValue(name)); err != nil {
			return err
		}
	}
	return nil
}

func (f *headerFlag) add(name, value string) error {
	if !isToken(name) {
		return fmt.Errorf("%q is not a header name", name)
	}
	if strings.ContainsAny(value, "\r\n\x00") {
		return fmt.Errorf("the value of header %s holds a line break or NUL", name)
	}
	if check.IsForbiddenHeader(name) {
		if strings.EqualFold(name, "Cookie") {
			return errors.New("scripts cannot set Cookie (a forbidden request header); use -credentials to send cookies")
		}
		return fmt.Errorf("scripts cannot set %s (a forbidden request header): browsers set it themselves", name)
	}
	f.h.Add(name, value)
	return nil
}

// defaultValue returns a plausible value for a header given by name only.
func defaultValue(name string) string {
	switch strings.ToLower(name) {
	case "accept":
		return "application/json"
	case "accept-language", "content-language":
		return "en"
	case "range":
		return "bytes=0-"
	case "authorization":
		return "Bearer corscheck"
	}
	return "corscheck"
}

func parseArgs(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("corscheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	origin := fs.String("origin", "", "`ORIGIN` of the calling page, e.g. https://app.example.com (required)")
	method := fs.String("method", "GET", "the request `METHOD`")
	var headers headerFlag
	fs.Var(&headers, "header", "a request header the script sets, as `NAME` or \"NAME: VALUE\"; repeatable, and several names may be separated by commas")
	credentials := fs.Bool("credentials", false, "send credentials, as fetch's credentials: \"include\" does (a Cookie header stands for them)")
	bodyType := fs.String("body-type", "", "send a body of content `TYPE`, e.g. application/json (sets Content-Type)")
	timeout := fs.Duration("timeout", 10*time.Second, "the time allowed for each request")
	verbose := fs.Bool("v", false, "print the raw request and response headers")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corscheck -origin ORIGIN [flags] URL")
		fmt.Fprintln(stderr, "Tells whether a browser would allow a cross-origin call, and why not.")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "Exit status: 0 allowed, 1 blocked, 2 usage or network error.")
		fmt.Fprintln(stderr, "To probe a whole API for misconfigurations: corscheck audit -h")
	}

	// Accept flags after the URL too: parse, take one argument, repeat.
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
	case *origin == "":
		return nil, errors.New("-origin is required: the origin of the page that makes the call, e.g. -origin https://app.example.com")
	case len(positional) == 0:
		return nil, errors.New("no URL to check")
	case len(positional) > 1:
		return nil, fmt.Errorf("one URL at a time, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	if err := checkOrigin(*origin); err != nil {
		return nil, err
	}
	u, err := parseURL(positional[0])
	if err != nil {
		return nil, err
	}
	if !isToken(*method) {
		return nil, fmt.Errorf("-method %q is not a method name", *method)
	}
	if check.IsForbiddenMethod(*method) {
		return nil, fmt.Errorf("-method %s: browsers refuse to send CONNECT, TRACE and TRACK", *method)
	}
	h := headers.h
	if h == nil {
		h = http.Header{}
	}
	if *bodyType != "" {
		if h.Get("Content-Type") != "" {
			return nil, errors.New("-body-type and -header Content-Type both set the Content-Type: give one")
		}
		if strings.ContainsAny(*bodyType, "\r\n\x00") {
			return nil, errors.New("-body-type holds a line break or NUL")
		}
		h.Set("Content-Type", *bodyType)
	}
	return &config{
		req: check.Request{
			Origin:      *origin,
			Method:      check.NormalizeMethod(*method),
			Header:      h,
			Credentials: *credentials,
		},
		url:      u,
		bodyType: h.Get("Content-Type"),
		timeout:  *timeout,
		verbose:  *verbose,
	}, nil
}

// checkOrigin reports an error unless s is an origin as browsers serialize
// it: "null", or scheme://host[:port] in lower case without a default port,
// path, query or fragment.
func checkOrigin(s string) error {
	if s == "null" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("-origin %q is not an origin; write scheme://host[:port], e.g. https://app.example.com", s)
	}
	if msg := portProblem(u); msg != "" {
		return fmt.Errorf("-origin %q is not an origin: %s", s, msg)
	}
	want := serializeOrigin(u)
	switch {
	case u.User != nil:
		return fmt.Errorf("-origin %q: an origin has no user name or password; browsers send %s", s, want)
	case u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.HasSuffix(s, "#"):
		return fmt.Errorf("-origin %q: an origin has no path, query or fragment; browsers send %s", s, want)
	case s != want:
		return fmt.Errorf("-origin %q: browsers send this origin as %s (lower case, no default port)", s, want)
	}
	return nil
}

// portProblem says what is wrong when the host of u holds more than one
// colon outside brackets: several ports (http://127.0.0.1:8081:80), or an
// IPv6 address without brackets. It returns "" when the host is fine.
// url.Parse accepts both, and u.Hostname would keep all but the last port.
func portProblem(u *url.URL) string {
	hp := u.Host
	if strings.HasPrefix(hp, "[") || strings.Count(hp, ":") < 2 {
		return ""
	}
	if ip := net.ParseIP(hp); ip != nil {
		return fmt.Sprintf("an IPv6 address goes in brackets, e.g. %s://[%s]", u.Scheme, ip)
	}
	host, rest, _ := strings.Cut(hp, ":")
	port, _, _ := strings.Cut(rest, ":")
	example := &url.URL{Scheme: strings.ToLower(u.Scheme), Host: host + ":" + port}
	return fmt.Sprintf("an origin is scheme://host[:port], with one port, e.g. %s (more than one port given)", serializeOrigin(example))
}

// serializeOrigin returns the origin of u as browsers serialize it.
func serializeOrigin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host
}

// parseURL parses the target URL as fetch() would accept it.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("bad URL %q: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("bad URL %q: CORS applies to http and https URLs only", s)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("bad URL %q: no host", s)
	}
	if msg := portProblem(u); msg != "" {
		return nil, fmt.Errorf("bad URL %q: %s", s, strings.Replace(msg, "an origin is scheme://host[:port]", "write scheme://host[:port]/path", 1))
	}
	if u.User != nil {
		return nil, fmt.Errorf("bad URL %q: fetch() refuses URLs with a user name or password", s)
	}
	u.Fragment, u.RawFragment = "", "" // never sent
	return u, nil
}

// isPotentiallyTrustworthy reports whether the host of u counts as secure
// for mixed-content rules although u is http: localhost and loopback.
func isPotentiallyTrustworthy(u *url.URL) bool {
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') &&
			!strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}
