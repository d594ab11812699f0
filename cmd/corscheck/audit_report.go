package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// maxAlsoShown is how many other requests showing a finding the text
// report names; -json names them all.
const maxAlsoShown = 4

// writeAuditText writes the audit for a person: what was probed, one block
// per finding, the result, the number of requests, then the notes.
func writeAuditText(w io.Writer, res *auditResult) {
	r := &report{w: w}
	p := res.plan
	r.printf("corscheck audit: %s\n", res.cfg.url.Redacted())
	if p.trusted != "" {
		r.printf("  trusted origin: %s\n", p.trusted)
	} else {
		r.printf("  trusted origin: none given; probes built from %s\n", p.base)
	}
	if res.cfg.credentials {
		r.printf("  credentials:    a Cookie header on the actual requests\n")
	} else {
		r.printf("  credentials:    none sent (-credentials sends a Cookie)\n")
	}
	r.wrap("  probes:         ", "                  ", fmt.Sprintf("%d requests: a GET without Origin, a GET and a preflight from each of %d origins, "+
		"and 2 preflights for the allowed methods and headers; one at a time, %s each at most; "+
		"redirects followed only within %s.", p.requests, len(p.origins), res.cfg.timeout, p.target))

	for i, f := range res.findings {
		r.printf("\nfinding %d of %d: %s (%s)\n", i+1, len(res.findings), f.Class, f.Severity)
		r.wrap("  ", "  ", f.Summary)
		r.printf("  request: %s %s\n", f.Method, f.URL)
		for _, name := range requestHeaders {
			if v, ok := f.RequestHeaders[name]; ok {
				r.printf("    %s: %s\n", name, v)
			}
		}
		r.printf("  answer:  %s\n", statusText(f.Status))
		for _, name := range evidenceHeaders {
			if v, ok := f.Evidence[name]; ok {
				r.printf("    %s: %s\n", name, v)
			}
		}
		if f.Class == classMissingVary && f.Evidence["Vary"] == "" {
			r.printf("    (no Vary header)\n")
		}
		if len(f.Also) > 0 {
			var also []string
			for i, a := range f.Also {
				if i == maxAlsoShown && len(f.Also) > maxAlsoShown+1 {
					also = append(also, fmt.Sprintf("and %d more (-json lists them all)", len(f.Also)-i))
					break
				}
				also = append(also, fmt.Sprintf("%s from %s (%d)", a.Method, a.Origin, a.Status))
			}
			r.wrap("  also:    ", "    ", strings.Join(also, "; "))
		}
		r.wrap("  fix:     ", "    ", f.Fix)
	}

	r.printf("\n")
	r.wrap("", "  ", "result: "+tally(res.findings))
	r.printf("requests: %d\n", res.requests)
	if len(res.notes) > 0 {
		r.printf("notes:\n")
		for _, n := range res.notes {
			r.wrap("  - ", "    ", n)
		}
	}
}

// tally counts findings by severity: "no findings.", or
// "3 findings: 1 high, 2 low."
func tally(fs []finding) string {
	if len(fs) == 0 {
		return "no findings."
	}
	var parts []string
	for _, sev := range severities {
		n := 0
		for _, f := range fs {
			if f.Severity == sev {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	word := "findings"
	if len(fs) == 1 {
		word = "finding"
	}
	return fmt.Sprintf("%d %s: %s.", len(fs), word, strings.Join(parts, ", "))
}

// auditJSON is the -json output.
type auditJSON struct {
	URL           string    `json:"url"`
	TrustedOrigin string    `json:"trustedOrigin,omitempty"`
	Findings      []finding `json:"findings"`
	Requests      int       `json:"requests"`
	Notes         []string  `json:"notes"`
	Errors        []string  `json:"errors,omitempty"`
}

func writeAuditJSON(w io.Writer, res *auditResult) error {
	out := auditJSON{
		URL:           res.cfg.url.Redacted(),
		TrustedOrigin: res.plan.trusted,
		Findings:      res.findings,
		Requests:      res.requests,
		Notes:         res.notes,
		Errors:        res.errors,
	}
	if out.Findings == nil {
		out.Findings = []finding{}
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
