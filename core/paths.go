package core

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/corskit/corskit/core/internal/header"
)

// PathPolicy applies Policy to the requests whose path is Prefix or lies
// under it. Prefixes match whole path segments: "/api" covers "/api" and
// "/api/items" but not "/apis"; "/api/" covers "/api/items" only (and
// "/api" too where the router routes "/api/" and "/api" alike).
//
// The path a policy is chosen by is the path the router routes: cleaned
// of repeated slashes and dot segments, as routers clean it or refuse it
// ("//admin" and "/x/../admin" are "/admin"), and compared as the router
// compares paths (see Routing). Spelling a path differently therefore
// cannot pick another route's policy.
type PathPolicy struct {
	Prefix string
	Policy Policy
}

// NewPaths compiles an engine that serves several policies chosen by the
// request's path: the longest matching PathPolicy prefix wins and def
// serves every other path. This is what one application-wide middleware
// needs to give, say, "/api/public/" to any origin and "/api/" to the
// application's own origins with credentials, without attaching CORS to
// route groups (where preflights can miss the middleware and get a 404 or
// 405). Every policy is validated as New does, and a prefix must start with
// "/" and appear once.
func NewPaths(def Policy, paths ...PathPolicy) (*Engine, error) {
	s, err := compileState(def, paths)
	if err != nil {
		return nil, err
	}
	e := &Engine{}
	e.state.Store(s)
	return e, nil
}

// ReconfigurePaths replaces every policy of the engine at once, as
// Reconfigure does for a single policy. On error the old policies keep
// serving.
func (e *Engine) ReconfigurePaths(def Policy, paths ...PathPolicy) error {
	s, err := compileState(def, paths)
	if err != nil {
		return err
	}
	e.state.Store(s)
	return nil
}

// state is what an Engine serves at one moment: a default policy and
// per-path policies, longest prefix first.
type state struct {
	def    *compiled
	routes []route
}

type route struct {
	prefix string
	policy *compiled
}

// Routing says how a router matches request paths to routes, so that the
// per-path policy chosen for a request is the one of the route it reaches.
// The zero Routing is net/http's, chi's, gin's and echo's: case-sensitive,
// and "/a/" is not "/a".
type Routing struct {
	// CaseInsensitive is set when "/Admin" and "/admin" reach the same
	// route (fiber's default, unless Config.CaseSensitive).
	CaseInsensitive bool
	// IgnoreTrailingSlash is set when "/admin/" and "/admin" reach the
	// same route (fiber's default, unless Config.StrictRouting).
	IgnoreTrailingSlash bool
}

// policyFor returns the policy serving path under the router's rt. It does
// not allocate unless path needs cleaning.
func (s *state) policyFor(path string, rt Routing) *compiled {
	if len(s.routes) == 0 {
		return s.def
	}
	path = cleanPath(path)
	if rt.IgnoreTrailingSlash {
		path = trimSlashes(path)
	}
	for _, r := range s.routes {
		prefix := r.prefix
		if rt.IgnoreTrailingSlash {
			prefix = trimSlashes(prefix)
		}
		if underPrefix(path, prefix, rt.CaseInsensitive) {
			return r.policy
		}
	}
	return s.def
}

// underPrefix reports whether path is prefix or lies under it, by whole
// segments.
func underPrefix(path, prefix string, fold bool) bool {
	if len(path) < len(prefix) {
		return false
	}
	head := path[:len(prefix)]
	if fold && !header.EqualFoldASCII(head, prefix) || !fold && head != prefix {
		return false
	}
	return len(path) == len(prefix) || prefix[len(prefix)-1] == '/' || path[len(prefix)] == '/'
}

// trimSlashes removes trailing slashes, keeping the root "/".
func trimSlashes(p string) string {
	for len(p) > 1 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}

// cleanPath returns p without repeated slashes and dot segments, rooted,
// keeping a trailing slash: the path routers route (httprouter's and
// gin's CleanPath, chi's middleware.CleanPath) or redirect to. A clean
// path, the usual case, is returned as it is, without allocating.
func cleanPath(p string) string {
	if isClean(p) {
		return p
	}
	c := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// isClean reports whether p is rooted and has no empty, "." or ".."
// segment but a trailing slash.
func isClean(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	start := 1
	for i := 1; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		seg := p[start:i]
		if (seg == "" && i < len(p)) || seg == "." || seg == ".." {
			return false
		}
		start = i + 1
	}
	return true
}

func compileState(def Policy, paths []PathPolicy) (*state, error) {
	var errs []error
	c, err := compile(def)
	if err != nil {
		errs = append(errs, problems(err)...)
	}
	s := &state{def: c}
	seen := make(map[string]bool)
	for i, pp := range paths {
		bad := func(reason string) { errs = append(errs, &PathError{Index: i, Prefix: pp.Prefix, Reason: reason}) }
		switch {
		case pp.Prefix == "":
			bad("an empty prefix would cover every path; put that policy in the default")
			continue
		case pp.Prefix[0] != '/':
			bad(`a prefix starts with "/"; write "/` + pp.Prefix + `"`)
			continue
		case seen[pp.Prefix]:
			bad("this prefix is listed twice; merge the two policies")
			continue
		}
		seen[pp.Prefix] = true
		pc, err := compile(pp.Policy)
		if err != nil {
			// Name the path in each problem, keeping them separate and
			// typed: errors.As still finds the *OriginError inside.
			for _, e := range problems(err) {
				errs = append(errs, &PathError{Index: i, Prefix: pp.Prefix, Err: e})
			}
			continue
		}
		s.routes = append(s.routes, route{pp.Prefix, pc})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.SliceStable(s.routes, func(i, j int) bool { return len(s.routes[i].prefix) > len(s.routes[j].prefix) })
	return s, nil
}

// PathError is a problem with one PathPolicy of NewPaths: with its Prefix
// (Reason says what), or with its Policy (Err is the policy's problem, which
// errors.As finds through Unwrap).
type PathError struct {
	Index  int    // the PathPolicy's position in the list
	Prefix string // its Prefix, as given
	Reason string // what is wrong with the prefix, when Err is nil
	Err    error  // the problem with the policy
}

// Error renders e as `cors policy: paths[i] "prefix": problem`.
func (e *PathError) Error() string {
	what := e.Reason
	if e.Err != nil {
		what = strings.TrimPrefix(e.Err.Error(), "cors policy: ")
	}
	return fmt.Sprintf("cors policy: paths[%d] %q: %s", e.Index, e.Prefix, what)
}

// Unwrap returns the policy's problem, nil for a problem with the prefix.
func (e *PathError) Unwrap() error { return e.Err }

// problems returns the separate problems of compile's error, so that the
// error New and NewPaths return is one flat errors.Join with an entry per
// problem rather than a join nested in a join.
func problems(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
