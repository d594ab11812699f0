// Package probe serves one framework's app on a loopback port and checks a
// CORS exchange against it as a browser would make it, printing one line.
package probe

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// The policy every consumer app sets, and the values the probe checks.
const (
	Origin        = "https://app.example.com"  // the allowed origin
	RefusedOrigin = "https://evil.example.net" // an origin the policy does not list
	RequestHeader = "X-Api-Key"                // a request header the policy allows
	ExposedHeader = "X-Total-Count"            // a response header the policy exposes
	Body          = "items"                    // the body of GET /api/items
	Path          = "/api/items"               // the one route, GET and PUT
)

// Run parses the command line (-corscheck PATH: a corscheck binary to judge
// the server with), serves the app with serve on 127.0.0.1:0, runs the
// checks, prints one line saying what it saw, and exits with status 1 when a
// check fails.
func Run(framework string, serve func(net.Listener) error) {
	corscheck := flag.String("corscheck", "", "path of a corscheck binary to judge the server with")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(framework, fmt.Errorf("listen: %w", err))
	}
	served := make(chan error, 1)
	go func() { served <- serve(ln) }()

	base := "http://" + ln.Addr().String()
	seen, err := check(base, served)
	if err == nil && *corscheck != "" {
		var verdict string
		verdict, err = runCorscheck(*corscheck, base+Path)
		seen = append(seen, verdict)
	}
	if err != nil {
		fail(framework, err)
	}
	fmt.Printf("%-6s ok    %s\n", framework, strings.Join(seen, " · "))
}

func fail(framework string, err error) {
	fmt.Printf("%-6s FAIL  %v\n", framework, err)
	os.Exit(1)
}

var client = &http.Client{Timeout: 10 * time.Second}

// check makes the three requests and returns a short account of each.
func check(base string, served <-chan error) ([]string, error) {
	var seen []string

	pre, err := send(http.MethodOptions, base+Path, map[string]string{
		"Origin":                         Origin,
		"Access-Control-Request-Method":  http.MethodPut,
		"Access-Control-Request-Headers": strings.ToLower(RequestHeader),
	}, served)
	if err != nil {
		return seen, fmt.Errorf("preflight: %w", err)
	}
	if err := expect("preflight", pre, http.StatusNoContent, Origin); err != nil {
		return seen, err
	}
	if m := pre.Header.Get("Access-Control-Allow-Methods"); !hasToken(m, http.MethodPut, false) {
		return seen, fmt.Errorf("preflight: Access-Control-Allow-Methods %q does not allow PUT", m)
	}
	if h := pre.Header.Get("Access-Control-Allow-Headers"); !hasToken(h, RequestHeader, true) {
		return seen, fmt.Errorf("preflight: Access-Control-Allow-Headers %q does not allow %s", h, RequestHeader)
	}
	seen = append(seen, fmt.Sprintf("preflight %d Allow-Origin %s", pre.StatusCode, Origin))

	get, err := send(http.MethodGet, base+Path, map[string]string{"Origin": Origin}, served)
	if err != nil {
		return seen, fmt.Errorf("GET: %w", err)
	}
	if err := expect("GET", get, http.StatusOK, Origin); err != nil {
		return seen, err
	}
	if e := get.Header.Get("Access-Control-Expose-Headers"); !hasToken(e, ExposedHeader, true) {
		return seen, fmt.Errorf("GET: Access-Control-Expose-Headers %q does not expose %s", e, ExposedHeader)
	}
	if get.body != Body {
		return seen, fmt.Errorf("GET: body %q, want %q (the handler must run)", get.body, Body)
	}
	seen = append(seen, fmt.Sprintf("GET %d Allow-Origin %s", get.StatusCode, Origin))

	refused, err := send(http.MethodGet, base+Path, map[string]string{"Origin": RefusedOrigin}, served)
	if err != nil {
		return seen, fmt.Errorf("GET from a refused origin: %w", err)
	}
	if err := expect("GET from a refused origin", refused, http.StatusOK, ""); err != nil {
		return seen, err
	}
	seen = append(seen, fmt.Sprintf("refused origin %d without Allow-Origin", refused.StatusCode))
	return seen, nil
}

// response is an answer with its body read.
type response struct {
	*http.Response
	body string
}

func send(method, url string, header map[string]string, served <-chan error) (response, error) {
	select {
	case err := <-served:
		return response{}, fmt.Errorf("the server stopped: %v", err)
	default:
	}
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return response{}, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return response{resp, string(body)}, err
}

// expect checks the status, the Access-Control-Allow-Origin value (absent
// when allowOrigin is empty) and that Vary names Origin.
func expect(what string, r response, status int, allowOrigin string) error {
	if r.StatusCode != status {
		return fmt.Errorf("%s: status %d, want %d", what, r.StatusCode, status)
	}
	got, present := r.Header["Access-Control-Allow-Origin"]
	switch {
	case allowOrigin == "" && present:
		return fmt.Errorf("%s: Access-Control-Allow-Origin %q, want none", what, got)
	case allowOrigin != "" && (len(got) != 1 || got[0] != allowOrigin):
		return fmt.Errorf("%s: Access-Control-Allow-Origin %q, want %q", what, got, allowOrigin)
	}
	if v := strings.Join(r.Header.Values("Vary"), ","); !hasToken(v, "Origin", true) {
		return fmt.Errorf("%s: Vary %q does not name Origin", what, v)
	}
	return nil
}

// hasToken reports whether the comma-separated list holds tok.
func hasToken(list, tok string, foldCase bool) bool {
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == tok || foldCase && strings.EqualFold(t, tok) {
			return true
		}
	}
	return false
}

// runCorscheck asks corscheck whether a browser at Origin may PUT to url
// with the request header; exit status 0 means it would.
func runCorscheck(path, url string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-origin", Origin, "-method", http.MethodPut,
		"-header", RequestHeader, url).CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return "", fmt.Errorf("corscheck says a browser would not allow a PUT (exit %d):\n%s", exit.ExitCode(), out)
	}
	if err != nil {
		return "", fmt.Errorf("corscheck: %w", err)
	}
	return "corscheck: PUT allowed", nil
}
