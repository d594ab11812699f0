package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Policy says which cross-origin requests a server accepts. The zero value of
// every field but AllowedOrigins is a sensible default; New validates a Policy
// and compiles it into an Engine.
//
// The same fields load from JSON with LoadJSON and from environment
// variables with FromEnv.
type Policy struct {
	// AllowedOrigins lists the origins whose scripts may read responses:
	// exact origins "scheme://host[:port]" (case and a default port are
	// normalised away), "*" for any origin, or subdomain patterns
	// "https://*.example.com", which match every subdomain at any depth
	// but never example.com itself. It may be empty only when
	// AllowOriginFunc or AllowOriginRequestFunc is set.
	AllowedOrigins []string `json:"allowedOrigins"`

	// AllowedMethods lists the methods a preflight may ask for, compared
	// case-sensitively as browsers do; "*" allows any method. GET, HEAD and
	// POST always pass. Default: GET, HEAD, PUT, PATCH, POST, DELETE.
	AllowedMethods []string `json:"allowedMethods"`

	// AllowedHeaders lists the request headers a preflight may ask for, in
	// any case; "*" allows any header but Authorization, which must be
	// named. Default: Accept, Content-Type, X-Requested-With.
	AllowedHeaders []string `json:"allowedHeaders"`

	// ExposedHeaders lists the response headers scripts may read beyond the
	// CORS-safelisted ones; "*" exposes all (not allowed with credentials).
	ExposedHeaders []string `json:"exposedHeaders"`

	// AllowCredentials lets browsers send cookies and Authorization and let
	// scripts read the answer. It cannot go with "*" origins.
	AllowCredentials bool `json:"allowCredentials"`

	// MaxAge is how long, in seconds, a browser may cache a preflight's
	// answer: 0 leaves Access-Control-Max-Age out (browsers then cache for
	// 5 seconds), a negative value sends 0 (no caching). At most 86400.
	MaxAge int `json:"maxAge"`

	// AllowPrivateNetwork answers Private Network Access preflights
	// (Access-Control-Request-Private-Network: true) with
	// Access-Control-Allow-Private-Network: true.
	AllowPrivateNetwork bool `json:"allowPrivateNetwork"`

	// OptionsPassthrough calls the next handler after a preflight has been
	// answered, for applications that handle OPTIONS themselves.
	OptionsPassthrough bool `json:"optionsPassthrough"`

	// OptionsSuccessStatus is the status of an accepted preflight, 200-299.
	// Default: 204.
	OptionsSuccessStatus int `json:"optionsSuccessStatus"`

	// AllowOriginFunc is consulted for a well-formed origin that no entry
	// of AllowedOrigins matches; it is never called for "null" or a
	// malformed Origin. It must be safe for concurrent use.
	AllowOriginFunc func(origin string) bool `json:"-"`

	// AllowOriginRequestFunc is like AllowOriginFunc but also sees the
	// request, and its Context, for origins kept in a database or chosen
	// per tenant. When both are set, AllowOriginFunc is asked first. req
	// is valid only during the call: the function must not keep it.
	AllowOriginRequestFunc func(req *Request, origin string) bool `json:"-"`

	// Logger, when set, records every refusal at debug level with its
	// reason, origin, method and path. Nothing of it reaches the client.
	Logger *slog.Logger `json:"-"`
}

// The defaults New applies to allowedMethods and allowedHeaders left
// empty. They are not exported as variables: a package that assigned to
// one would change every policy of the program.
var (
	defaultAllowedMethods = []string{"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE"}
	defaultAllowedHeaders = []string{"Accept", "Content-Type", "X-Requested-With"}
)

// DefaultAllowedMethods returns the methods a preflight may ask for when
// AllowedMethods is empty: GET, HEAD, PUT, PATCH, POST, DELETE. The slice
// is a fresh copy, the caller's to change.
func DefaultAllowedMethods() []string { return slices.Clone(defaultAllowedMethods) }

// DefaultAllowedHeaders returns the request headers a preflight may ask
// for when AllowedHeaders is empty: Accept, Content-Type,
// X-Requested-With. The slice is a fresh copy, the caller's to change.
func DefaultAllowedHeaders() []string { return slices.Clone(defaultAllowedHeaders) }

// DefaultOptionsSuccessStatus is the status of an accepted preflight when
// OptionsSuccessStatus is 0.
const DefaultOptionsSuccessStatus = 204

// LoadJSON reads a Policy from JSON. Keys are the lower-camel-case names of
// the fields (allowedOrigins, maxAge, ...), matched case-sensitively; an
// unknown or repeated key (a *KeyError), a value of the wrong type or
// trailing data is an error that names it. LoadJSON does not validate the
// policy: New does.
func LoadJSON(r io.Reader) (Policy, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Policy{}, fmt.Errorf("cors policy: reading JSON: %w", err)
	}
	// encoding/json matches keys case-insensitively; the policy's keys are
	// case-sensitive, so check them first against the exact names.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return Policy{}, fmt.Errorf("cors policy: the JSON is a %s, but a policy is a JSON object, such as {\"allowedOrigins\": [\"https://app.example.com\"]}", te.Value)
		}
		return Policy{}, fmt.Errorf("cors policy: %w", jsonError(data, err))
	}
	var errs []error
	unknown := make([]string, 0, len(raw))
	for key := range raw {
		if !isPolicyKey(key) {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(unknown) // map order is random; the message should not be
	for _, key := range unknown {
		errs = append(errs, &KeyError{Problem: Problem{Field: key, Index: -1, Reason: "unknown key",
			Fix: "the keys are " + strings.Join(policyKeys(), ", ")}})
	}
	errs = append(errs, repeatedKeys(data)...)
	if len(errs) > 0 {
		return Policy{}, errors.Join(errs...)
	}
	var p Policy
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Policy{}, fmt.Errorf("cors policy: %w", jsonError(data, err))
	}
	return p, nil
}

// repeatedKeys reports each policy key that data, a valid JSON object,
// holds more than once. encoding/json would let the last one win without a
// word, so {"allowCredentials": true, "allowCredentials": false} would load
// false from a file whose reader sees true.
func repeatedKeys(data []byte) []error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	first := make(map[string]int) // key -> its first line
	var errs []error
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return errs
		}
		key, _ := tok.(string)
		line := lineOf(data, dec.InputOffset())
		if at, seen := first[key]; seen && isPolicyKey(key) {
			errs = append(errs, &KeyError{Problem: Problem{Field: key, Index: -1, Reason: "repeated key",
				Fix: "keep only one (the first is on line " + strconv.Itoa(at) + "): otherwise the last silently wins"}, Line: line})
		} else if !seen {
			first[key] = line
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return errs
		}
	}
	return errs
}

// lineOf returns the line, counting from 1, of byte offset in data.
func lineOf(data []byte, offset int64) int {
	return 1 + bytes.Count(data[:min(int(offset), len(data))], []byte("\n"))
}

func jsonError(data []byte, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("key %q: a %s cannot hold the JSON %s", te.Field, te.Type, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := lineOf(data, se.Offset)
		return fmt.Errorf("JSON syntax error on line %d: %w", line, err)
	}
	return err
}

// policyField describes one field of Policy for JSON and the environment.
type policyField struct {
	key    string // JSON key
	env    string // environment variable suffix
	target func(p *Policy) any
}

var policyFields = []policyField{
	{"allowedOrigins", "ALLOWED_ORIGINS", func(p *Policy) any { return &p.AllowedOrigins }},
	{"allowedMethods", "ALLOWED_METHODS", func(p *Policy) any { return &p.AllowedMethods }},
	{"allowedHeaders", "ALLOWED_HEADERS", func(p *Policy) any { return &p.AllowedHeaders }},
	{"exposedHeaders", "EXPOSED_HEADERS", func(p *Policy) any { return &p.ExposedHeaders }},
	{"allowCredentials", "ALLOW_CREDENTIALS", func(p *Policy) any { return &p.AllowCredentials }},
	{"maxAge", "MAX_AGE", func(p *Policy) any { return &p.MaxAge }},
	{"allowPrivateNetwork", "ALLOW_PRIVATE_NETWORK", func(p *Policy) any { return &p.AllowPrivateNetwork }},
	{"optionsPassthrough", "OPTIONS_PASSTHROUGH", func(p *Policy) any { return &p.OptionsPassthrough }},
	{"optionsSuccessStatus", "OPTIONS_SUCCESS_STATUS", func(p *Policy) any { return &p.OptionsSuccessStatus }},
}

func isPolicyKey(k string) bool {
	for _, f := range policyFields {
		if f.key == k {
			return true
		}
	}
	return false
}

func policyKeys() []string {
	keys := make([]string, len(policyFields))
	for i, f := range policyFields {
		keys[i] = f.key
	}
	return keys
}

// FromEnv reads a Policy from environment variables named prefix + "_" +
// the field in upper snake case, e.g. with prefix "CORS":
//
//	CORS_ALLOWED_ORIGINS=https://app.example.com,https://admin.example.com
//	CORS_ALLOW_CREDENTIALS=true
//	CORS_MAX_AGE=600
//
// Lists are comma-separated (spaces around items are ignored), booleans are
// those strconv.ParseBool accepts, numbers are decimal. A variable that is
// unset or empty leaves the field at its default. A bad value is an
// *EnvError naming the variable. FromEnv does not validate the policy: New
// does.
func FromEnv(prefix string) (Policy, error) {
	return fromLookup(prefix, os.LookupEnv)
}

func fromLookup(prefix string, lookup func(string) (string, bool)) (Policy, error) {
	if prefix != "" && !strings.HasSuffix(prefix, "_") {
		prefix += "_"
	}
	var p Policy
	var errs []error
	for _, f := range policyFields {
		name := prefix + f.env
		v, ok := lookup(name)
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			continue
		}
		switch t := f.target(&p).(type) {
		case *[]string:
			for _, item := range strings.Split(v, ",") {
				if item = strings.TrimSpace(item); item != "" {
					*t = append(*t, item)
				}
			}
		case *bool:
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, &EnvError{Problem{Field: name, Index: -1, Value: v, Reason: "not a boolean", Fix: "write true or false"}})
			}
			*t = b
		case *int:
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, &EnvError{Problem{Field: name, Index: -1, Value: v, Reason: "not a whole number", Fix: "write one like 600"}})
			}
			*t = n
		}
	}
	return p, errors.Join(errs...)
}
