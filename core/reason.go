package core

import (
	"strconv"
	"strings"
)

// Reason says why a request was refused. Its String is short and stable,
// for logs and metrics; Decision.Explain adds the detail and the fix.
type Reason uint8

const (
	ReasonNone             Reason = iota // not refused
	ReasonOriginMalformed                // Origin is not scheme://host[:port] as browsers send it
	ReasonOriginRepeated                 // several Origin header lines
	ReasonOriginNotAllowed               // a well-formed origin the policy does not allow
	ReasonMethodMalformed                // Access-Control-Request-Method is empty or not a token
	ReasonMethodRepeated                 // several Access-Control-Request-Method lines
	ReasonMethodForbidden                // CONNECT, TRACE or TRACK, in any case
	ReasonMethodNotAllowed               // a method the policy does not allow
	ReasonHeaderMalformed                // a requested header name that is not a token
	ReasonHeaderNotAllowed               // a requested header the policy does not allow
	ReasonHeadersTooLong                 // Access-Control-Request-Headers over MaxRequestHeadersLen
	ReasonHeadersTooMany                 // over MaxRequestHeaderNames names or MaxRequestHeaderLines lines
)

var reasonText = [...]string{
	ReasonNone:             "allowed",
	ReasonOriginMalformed:  "origin malformed",
	ReasonOriginRepeated:   "origin repeated",
	ReasonOriginNotAllowed: "origin not allowed",
	ReasonMethodMalformed:  "method malformed",
	ReasonMethodRepeated:   "method repeated",
	ReasonMethodForbidden:  "method forbidden",
	ReasonMethodNotAllowed: "method not allowed",
	ReasonHeaderMalformed:  "header malformed",
	ReasonHeaderNotAllowed: "header not allowed",
	ReasonHeadersTooLong:   "request headers too long",
	ReasonHeadersTooMany:   "request headers too many",
}

// String is the reason's short, stable text, such as "origin not allowed".
func (r Reason) String() string {
	if int(r) < len(reasonText) {
		return reasonText[r]
	}
	return "reason(" + strconv.Itoa(int(r)) + ")"
}

// Why returns the short, machine-readable reason with its detail, e.g.
// "method not allowed: PATCH" or "header not allowed: x-foo"; "" when the
// request was allowed. It allocates; call it only to report.
func (d *Decision) Why() string {
	if d.Reason == ReasonNone {
		return ""
	}
	if d.Detail == "" {
		return d.Reason.String()
	}
	detail := d.Detail
	if d.Reason == ReasonHeaderNotAllowed || d.Reason == ReasonHeaderMalformed {
		detail = strings.ToLower(detail)
	}
	return d.Reason.String() + ": " + detail
}

// Explain returns a sentence a person can act on: what was refused, what
// the policy allows, and the fix; "" when the request was allowed. It is
// meant for logs and never for the client.
func (d *Decision) Explain() string {
	if d.Reason == ReasonNone || d.policy == nil {
		return ""
	}
	p := &d.policy.policy
	prefix := "CORS headers withheld: "
	if d.Kind == Preflight {
		prefix = "preflight refused: "
	}
	q := strconv.Quote
	switch d.Reason {
	case ReasonOriginMalformed:
		return prefix + "origin " + q(d.Detail) + " is not scheme://host[:port] as a browser sends it (lower case, no default port, no path); the client is not a browser or the value was altered"
	case ReasonOriginRepeated:
		return prefix + "the request has several Origin headers; a browser sends one, so a proxy or the client added one"
	case ReasonOriginNotAllowed:
		return prefix + "origin " + q(d.Detail) + " not in allowedOrigins " + list(p.AllowedOrigins) + "; add it to allowedOrigins if that front end is yours"
	case ReasonMethodMalformed:
		return prefix + "Access-Control-Request-Method " + q(d.Detail) + " is empty or not a method name"
	case ReasonMethodRepeated:
		return prefix + "the preflight has several Access-Control-Request-Method headers; a browser sends one"
	case ReasonMethodForbidden:
		return prefix + "method " + q(d.Detail) + " is forbidden by the Fetch standard and never allowed"
	case ReasonMethodNotAllowed:
		fix := "; add it to allowedMethods"
		if up := strings.ToUpper(d.Detail); up != d.Detail {
			fix += " (methods compare case-sensitively: a script that wrote " + q(d.Detail) + " sends it in that case; write " + q(up) + " in the script, or list " + q(d.Detail) + ")"
		}
		return prefix + "method " + q(d.Detail) + " not in allowedMethods " + list(orDefault(p.AllowedMethods, defaultAllowedMethods)) + fix
	case ReasonHeaderMalformed:
		return prefix + "requested header " + q(d.Detail) + " is not a header name"
	case ReasonHeaderNotAllowed:
		name := strings.ToLower(d.Detail)
		if name == "authorization" && d.policy.anyHeader {
			return prefix + `header "authorization" is not covered by "*" in allowedHeaders; list "Authorization" by name beside "*"`
		}
		return prefix + "header " + q(name) + " not in allowedHeaders " + list(lowerAll(orDefault(p.AllowedHeaders, defaultAllowedHeaders))) + "; add it to allowedHeaders"
	case ReasonHeadersTooLong:
		return prefix + "Access-Control-Request-Headers is over " + strconv.Itoa(MaxRequestHeadersLen) + " bytes; browsers send a short list"
	case ReasonHeadersTooMany:
		return prefix + "Access-Control-Request-Headers names over " + strconv.Itoa(MaxRequestHeaderNames) + " headers or spans over " + strconv.Itoa(MaxRequestHeaderLines) + " lines; browsers send a short list on one line"
	}
	return prefix + d.Reason.String()
}

func orDefault(v, def []string) []string {
	if len(v) == 0 {
		return def
	}
	return v
}

func lowerAll(v []string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = strings.ToLower(s)
	}
	return out
}

func list(v []string) string { return "[" + strings.Join(v, " ") + "]" }
