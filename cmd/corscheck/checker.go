package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/corskit/corskit/cmd/corscheck/internal/check"
)

// maxRedirects is how many redirects a browser follows before it fails.
const maxRedirects = 20

// userAgent identifies corscheck's requests in server logs.
const userAgent = "corscheck (+https://github.com/corskit/corskit/tree/main/cmd/corscheck)"

// checker sends a call the way a browser would and reports on each step.
type checker struct {
	cfg    *config
	out    *report
	stderr io.Writer
	client *http.Client
}

// newClient returns a client that follows no redirect (the checker follows
// them itself, judging each) and leaves response bodies undecoded.
func newClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DisableCompression = true
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// run checks the configured call and returns the exit status.
func (c *checker) run() int {
	r := c.cfg.req
	u := c.cfg.url
	c.out.intro(r, u)

	if serializeOrigin(u) == r.Origin {
		c.out.para(fmt.Sprintf("same origin: the page and %s share the origin %s, so browsers apply no CORS check here. Nothing to judge.", u.Redacted(), r.Origin))
		c.out.result(true, 0)
		return exitAllowed
	}
	if strings.HasPrefix(r.Origin, "https://") && u.Scheme == "http" && !isPotentiallyTrustworthy(u) {
		c.out.heading("request:")
		c.out.verdict(check.Verdict{Blocks: []check.Finding{{
			Reason: "The page is served over https but the URL is http: browsers block this as mixed content, before any CORS check.",
			Fix:    fmt.Sprintf("call https://%s%s instead.", u.Host, u.RequestURI()),
		}}}, false)
		c.out.result(false, 0)
		return exitBlocked
	}

	warnings := 0
	for hop := 0; ; hop++ {
		suffix := ""
		if hop > 0 {
			suffix = fmt.Sprintf(" (after redirect %d)", hop)
		}

		if reasons := check.PreflightReasons(r); len(reasons) > 0 {
			c.out.preflightNeeded("preflight"+suffix, reasons)
			h := check.PreflightHeader(r)
			status, resp, err := c.send(http.MethodOptions, u, h, nil)
			if err != nil {
				return c.networkError("preflight", err)
			}
			v := check.Preflight(r, status, resp)
			warnings += len(v.Warnings)
			c.out.verdict(v, true)
			if !v.Allowed {
				if (status < 200 || status > 299 || resp.Get("Access-Control-Allow-Origin") == "") && !isRedirect(status) {
					if err := c.diagnose(r, u); err != nil {
						return c.networkError("diagnosis", err)
					}
				}
				c.out.para("actual: not sent: a browser does not send the request when its preflight fails.")
				c.out.result(false, warnings)
				return exitBlocked
			}
		} else if hop == 0 {
			c.out.para("preflight: not needed: " + simpleWhy(r))
		}

		h := r.Header.Clone()
		h.Set("Origin", r.Origin)
		if h.Get("Accept") == "" {
			h.Set("Accept", "*/*")
		}
		if r.Credentials {
			h.Set("Cookie", "corscheck=1")
		}
		body, ctype := requestBody(r.Method, h.Get("Content-Type"))
		if ctype != "" {
			h.Set("Content-Type", ctype)
		}
		c.out.heading("actual" + suffix + ":")
		status, resp, err := c.send(r.Method, u, h, body)
		if err != nil {
			return c.networkError("actual request", err)
		}

		loc := resp.Get("Location")
		if !isRedirect(status) || loc == "" {
			v := check.Actual(r, status, resp)
			warnings += len(v.Warnings)
			c.out.verdict(v, false)
			c.out.result(v.Allowed, warnings)
			if v.Allowed {
				return exitAllowed
			}
			return exitBlocked
		}

		v := check.Redirect(r, status, resp)
		next, err := u.Parse(loc)
		switch {
		case !v.Allowed:
		case err != nil:
			v.Blocks = append(v.Blocks, check.Finding{
				Reason: fmt.Sprintf("The redirect's Location %q is not a URL: browsers fail the call.", loc),
				Fix:    "send an absolute URL in Location.",
			})
		case next.Scheme != "http" && next.Scheme != "https":
			v.Blocks = append(v.Blocks, check.Finding{
				Reason: fmt.Sprintf("The redirect leads to %s, which is not an http or https URL: browsers fail the call.", next.Redacted()),
				Fix:    "redirect to an http or https URL, or call the final URL directly.",
			})
		case strings.HasPrefix(c.cfg.req.Origin, "https://") && next.Scheme == "http" && !isPotentiallyTrustworthy(next):
			v.Blocks = append(v.Blocks, check.Finding{
				Reason: fmt.Sprintf("The redirect leads to %s, a plain http URL, from an https page: browsers block this as mixed content.", next.Redacted()),
				Fix:    "redirect to https, or call the final https URL directly.",
			})
		case next.User != nil:
			v.Blocks = append(v.Blocks, check.Finding{
				Reason: "The redirect's Location holds a user name or password: browsers fail a CORS request redirected there.",
				Fix:    "remove the credentials from the Location URL.",
			})
		case hop == maxRedirects:
			v.Blocks = append(v.Blocks, check.Finding{
				Reason: fmt.Sprintf("The call was redirected more than %d times: browsers give up.", maxRedirects),
				Fix:    "look for a redirect loop, and call the final URL directly.",
			})
		}
		v.Allowed = len(v.Blocks) == 0
		c.out.note(fmt.Sprintf("Redirect %d: browsers apply the CORS check to the redirect response before they follow it.", hop+1))
		c.out.verdict(v, false)
		if !v.Allowed {
			c.out.result(false, warnings)
			return exitBlocked
		}
		next.Fragment, next.RawFragment = "", ""
		r = c.follow(r, u, next, status)
		u = next
	}
}

// follow returns the request a browser makes after a redirect from cur to
// next with the given status, reporting what changes.
func (c *checker) follow(r check.Request, cur, next *url.URL, status int) check.Request {
	r.Header = r.Header.Clone()
	c.out.note(fmt.Sprintf("A browser follows the redirect to %s.", next.Redacted()))
	if serializeOrigin(next) != serializeOrigin(cur) {
		if r.Origin != serializeOrigin(cur) && r.Origin != "null" {
			r.Origin = "null"
			c.out.note("The redirect moves from one foreign origin to another, so from here on the browser sends Origin: null. Only * or allowing null passes then, and allowing null lets any site in: call the final URL directly instead.")
		}
		if r.Header.Get("Authorization") != "" {
			r.Header.Del("Authorization")
			c.out.note("The redirect changes origin, so the browser drops the Authorization header.")
		}
	}
	if (status == 301 || status == 302) && r.Method == http.MethodPost ||
		status == 303 && r.Method != http.MethodGet && r.Method != http.MethodHead {
		c.out.note(fmt.Sprintf("A %d redirect turns %s into GET without a body.", status, r.Method))
		r.Method = http.MethodGet
		for _, name := range []string{"Content-Encoding", "Content-Language", "Content-Location", "Content-Type"} {
			r.Header.Del(name)
		}
	}
	return r
}

func isRedirect(status int) bool {
	switch status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// simpleWhy explains why r goes out without a preflight.
func simpleWhy(r check.Request) string {
	s := fmt.Sprintf("%s is a CORS-safelisted method", r.Method)
	if len(r.Header) == 0 {
		return s + " and the script sets no header."
	}
	return s + " and every header the script sets is safelisted."
}

// requestBody returns a small body of content type ctype for a method that
// may carry one, and the Content-Type to send with it.
func requestBody(method, ctype string) ([]byte, string) {
	if ctype == "" || method == http.MethodGet || method == http.MethodHead {
		return nil, ""
	}
	essence := strings.ToLower(strings.TrimSpace(strings.SplitN(ctype, ";", 2)[0]))
	switch {
	case essence == "multipart/form-data":
		if !strings.Contains(strings.ToLower(ctype), "boundary=") {
			ctype += "; boundary=corscheck"
		}
		b := ctype[strings.Index(strings.ToLower(ctype), "boundary=")+len("boundary="):]
		b = strings.Trim(strings.SplitN(b, ";", 2)[0], `" `)
		return []byte("--" + b + "--\r\n"), ctype
	case essence == "application/x-www-form-urlencoded":
		return []byte("corscheck=1"), ctype
	case strings.HasSuffix(essence, "json"):
		return []byte("{}"), ctype
	}
	return []byte("corscheck"), ctype
}

// send makes one request and returns the response's status and headers.
func (c *checker) send(method string, u *url.URL, h http.Header, body []byte) (int, http.Header, error) {
	req, err := http.NewRequest(method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body == nil {
		req.Body, req.ContentLength = nil, 0
	}
	req.Header = h.Clone()
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	c.out.request(req, len(body))
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	c.out.response(resp)
	return resp.StatusCode, resp.Header, nil
}

// maxProbes bounds the extra preflights diagnose sends for single headers.
const maxProbes = 10

// diagnose runs after a preflight that the server refused without saying
// why (a non-2xx status, or no Access-Control-Allow-Origin), as a
// well-behaved CORS middleware does. It sends simpler preflights, which a
// browser would not send, to tell which part of the request the server
// refuses: a request header, the method, or the origin itself.
func (c *checker) diagnose(r check.Request, u *url.URL) error {
	c.out.diagnosisStart()
	quiet := *c
	quiet.out = &report{w: io.Discard}

	// accepted reports whether the server accepts a preflight for pr: a 2xx
	// status and an Access-Control-Allow-Origin. Whether a browser would
	// then allow the call is the verdict's business, not the diagnosis's.
	accepted := func(label string, pr check.Request) (bool, error) {
		status, h, err := quiet.send(http.MethodOptions, u, check.PreflightHeader(pr), nil)
		if err != nil {
			return false, err
		}
		ok := 200 <= status && status <= 299 && h.Get("Access-Control-Allow-Origin") != ""
		c.out.probe(label, status, ok)
		return ok, nil
	}
	bare := r
	bare.Header = http.Header{}

	if names := check.UnsafeHeaderNames(r.Header); len(names) > 0 {
		ok, err := accepted(fmt.Sprintf("%s without request headers", r.Method), bare)
		if err != nil {
			return err
		}
		if ok {
			var refused []string
			for i, name := range names {
				if i == maxProbes {
					break
				}
				one := r
				one.Header = http.Header{name: r.Header.Values(name)}
				ok, err := accepted(fmt.Sprintf("%s with header %s alone", r.Method, name), one)
				if err != nil {
					return err
				}
				if !ok {
					refused = append(refused, name)
				}
			}
			switch {
			case len(refused) > 0:
				canon := make([]string, len(refused))
				for i, n := range refused {
					canon[i] = http.CanonicalHeaderKey(n)
				}
				c.out.cause(fmt.Sprintf("the server refuses the request header %s.", strings.Join(refused, ", ")),
					fmt.Sprintf("add %s to its allowed headers (corskit: allowedHeaders), or stop sending it.", strings.Join(canon, ", ")))
			default:
				c.out.cause("the server accepts each header alone but not all of them together.",
					"look for a limit on the number or length of Access-Control-Request-Headers.")
			}
			return nil
		}
	}
	if !check.IsSafelistedMethod(r.Method) {
		get := bare
		get.Method = http.MethodGet
		ok, err := accepted("GET without request headers", get)
		if err != nil {
			return err
		}
		if ok {
			c.out.cause(fmt.Sprintf("the server refuses the method %s.", r.Method),
				fmt.Sprintf("add %s to its allowed methods (corskit: allowedMethods).", r.Method))
			return nil
		}
	}
	if r.Origin == "null" {
		c.out.cause("the server refuses every preflight from null, as it should.", check.NullOriginFix)
		return nil
	}
	c.out.cause(fmt.Sprintf("the server refuses every preflight from %s: the origin is not allowed, or nothing answers CORS preflights on this path.", r.Origin),
		fmt.Sprintf("add %s to the allowed origins, and attach the CORS middleware to the whole application, before routing and authentication.", r.Origin))
	return nil
}

func (c *checker) networkError(step string, err error) int {
	fmt.Fprintf(c.stderr, "corscheck: %s: network error: %v\n", step, err)
	fmt.Fprintln(c.stderr, "A browser fails the call too, before any CORS check; corscheck cannot judge it.")
	return exitError
}
