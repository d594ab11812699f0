package core

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// PathPolicy applies Policy to the requests whose path is Prefix or lies
// under it. Prefixes match whole path segments: "/api" covers "/api" and
// "/api/items" but not "/apis"; "/api/" covers "/api/items" only. Prefixes
// compare case-sensitively with Request.Path, so an adapter whose router
// ignores case (fiber's default) passes the path as the router matches it.
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
	def        *compiled
	routes     []route
	privateNet bool // some policy answers Private Network Access
}

type route struct {
	prefix string
	policy *compiled
}

// policyFor returns the policy serving path. It does not allocate.
func (s *state) policyFor(path string) *compiled {
	for _, r := range s.routes {
		if underPrefix(path, r.prefix) {
			return r.policy
		}
	}
	return s.def
}

func underPrefix(path, prefix string) bool {
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	return len(path) == len(prefix) || prefix[len(prefix)-1] == '/' || path[len(prefix)] == '/'
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
		where := fmt.Sprintf("cors policy: paths[%d] %q", i, pp.Prefix)
		switch {
		case pp.Prefix == "":
			errs = append(errs, errors.New(where+`: an empty prefix would cover every path; put that policy in the default`))
			continue
		case pp.Prefix[0] != '/':
			errs = append(errs, errors.New(where+": a prefix starts with \"/\"; write \"/"+pp.Prefix+"\""))
			continue
		case seen[pp.Prefix]:
			errs = append(errs, errors.New(where+": this prefix is listed twice; merge the two policies"))
			continue
		}
		seen[pp.Prefix] = true
		pc, err := compile(pp.Policy)
		if err != nil {
			// Name the path in each problem, keeping them separate.
			for _, e := range problems(err) {
				msg := strings.TrimPrefix(e.Error(), "cors policy: ")
				errs = append(errs, fmt.Errorf("%s: %s", where, msg))
			}
			continue
		}
		s.routes = append(s.routes, route{pp.Prefix, pc})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s.privateNet = c != nil && c.privateNet
	for _, r := range s.routes {
		s.privateNet = s.privateNet || r.policy.privateNet
	}
	sort.SliceStable(s.routes, func(i, j int) bool { return len(s.routes[i].prefix) > len(s.routes[j].prefix) })
	return s, nil
}

// problems returns the separate problems of compile's error, so that the
// error New and NewPaths return is one flat errors.Join with an entry per
// problem rather than a join nested in a join.
func problems(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
