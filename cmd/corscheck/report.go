package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/corskit/corskit/cmd/corscheck/internal/check"
)

// width is the column at which report text wraps.
const width = 80

// report writes corscheck's human-readable output.
type report struct {
	w       io.Writer
	verbose bool
}

func (r *report) printf(format string, args ...any) {
	fmt.Fprintf(r.w, format, args...)
}

// wrap writes text wrapped at width, the first line after first and the
// others after an indent as wide as rest.
func (r *report) wrap(first, rest, text string) {
	line := first
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && len(line)+1+len(word) > width {
			r.printf("%s\n", line)
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	r.printf("%s\n", line)
}

// para writes a paragraph of its own.
func (r *report) para(text string) {
	r.printf("\n")
	r.wrap("", "  ", text)
}

// intro describes the call under test.
func (r *report) intro(req check.Request, u *url.URL) {
	r.printf("corscheck: %s %s\n", req.Method, u.Redacted())
	r.printf("  origin:      %s\n", req.Origin)
	if req.Credentials {
		r.printf("  credentials: include (a Cookie header stands for them)\n")
	} else {
		r.printf("  credentials: omit\n")
	}
	if len(req.Header) > 0 {
		var hs []string
		for _, name := range sortedKeys(req.Header) {
			for _, v := range req.Header[name] {
				hs = append(hs, name+": "+v)
			}
		}
		r.wrap("  headers:     ", "               ", strings.Join(hs, "; "))
	}
}

// heading starts a step.
func (r *report) heading(text string) {
	r.printf("\n")
	r.wrap("", "  ", text)
}

// preflightNeeded starts the preflight step with why it is needed.
func (r *report) preflightNeeded(step string, reasons []string) {
	r.heading(step + ": needed, because")
	for _, reason := range reasons {
		r.wrap("  - ", "    ", reason)
	}
}

// note writes a plain fact within a step.
func (r *report) note(text string) {
	r.wrap("  note: ", "        ", text)
}

// request writes the request about to be sent.
func (r *report) request(req *http.Request, bodyLen int) {
	if !r.verbose {
		r.printf("  > %s %s\n", req.Method, req.URL.Redacted())
		return
	}
	r.printf("  > %s %s HTTP/1.1\n", req.Method, req.URL.RequestURI())
	r.printf("  > Host: %s\n", req.URL.Host)
	for _, name := range sortedKeys(req.Header) {
		for _, v := range req.Header[name] {
			r.printf("  > %s: %s\n", name, v)
		}
	}
	if bodyLen > 0 {
		r.printf("  > Content-Length: %d\n", bodyLen)
	}
}

// response writes the response received.
func (r *report) response(resp *http.Response) {
	if !r.verbose {
		r.printf("  < %s\n", resp.Status)
		return
	}
	r.printf("  < %s %s\n", resp.Proto, resp.Status)
	for _, name := range sortedKeys(resp.Header) {
		for _, v := range resp.Header[name] {
			r.printf("  < %s: %s\n", name, v)
		}
	}
}

// verdict writes the judgement of one response.
func (r *report) verdict(v check.Verdict, preflight bool) {
	switch {
	case !v.Allowed:
		r.printf("  BLOCKED:\n")
		for _, f := range v.Blocks {
			r.wrap("  - ", "    ", f.Reason)
			if f.Fix != "" {
				r.wrap("    Fix: ", "    ", f.Fix)
			}
		}
	case preflight:
		r.printf("  ALLOWED: browsers cache this answer for %d seconds.\n", v.CacheSeconds)
	default:
		r.printf("  ALLOWED\n")
	}
	if len(v.Readable) > 0 {
		r.wrap("  readable by the script: ", "    ", strings.Join(v.Readable, ", "))
	}
	if len(v.Hidden) > 0 {
		r.wrap("  hidden from the script: ", "    ", strings.Join(v.Hidden, ", ")+
			" (to let scripts read one, list it in Access-Control-Expose-Headers)")
	}
	for _, f := range v.Warnings {
		r.wrap("  warning: ", "    ", f.Reason)
		if f.Fix != "" {
			r.wrap("    Fix: ", "    ", f.Fix)
		}
	}
	for _, n := range v.Notes {
		r.note(n)
	}
}

// diagnosisStart introduces the extra preflights of a diagnosis.
func (r *report) diagnosisStart() {
	r.printf("  diagnosis: the server gave no reason, so corscheck sent simpler\n")
	r.printf("  preflights (a browser does not send these):\n")
}

// probe writes the outcome of one diagnostic preflight.
func (r *report) probe(label string, status int, accepted bool) {
	verdict := "refused"
	if accepted {
		verdict = "accepted"
	}
	r.wrap("    ", "      ", fmt.Sprintf("%s: %d %s, %s", label, status, http.StatusText(status), verdict))
}

// cause writes the conclusion of a diagnosis.
func (r *report) cause(reason, fix string) {
	r.wrap("  likely cause: ", "    ", reason)
	r.wrap("    Fix: ", "    ", fix)
}

// result writes the overall verdict.
func (r *report) result(allowed bool, warnings int) {
	w := ""
	switch warnings {
	case 0:
	case 1:
		w = ", with 1 warning"
	default:
		w = fmt.Sprintf(", with %d warnings", warnings)
	}
	if allowed {
		r.para("result: ALLOWED" + w + ": a browser lets the script make this call and read the answer.")
		return
	}
	r.para("result: BLOCKED" + w + `: a browser refuses this call, and the script sees only a network error ("TypeError: Failed to fetch").`)
}

func sortedKeys(h http.Header) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
