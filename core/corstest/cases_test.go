package corstest

import (
	"net/http"
	"testing"

	"github.com/corskit/corskit/core"
)

// TestTableIsRoutable keeps the table runnable through real routers: every
// request goes to a registered route, or is a preflight on ItemsPath that
// the middleware must answer alone.
func TestTableIsRoutable(t *testing.T) {
	registered := map[Route]bool{}
	for _, r := range Routes {
		registered[r] = true
	}
	all := append(tableCases(), pathCases(core.Routing{})...)

	if len(tableCases()) < 70 {
		t.Errorf("the table has %d cases, want at least 70", len(tableCases()))
	}
	seen := map[string]bool{}
	for _, c := range all {
		if seen[c.Name] {
			t.Errorf("case name %q appears twice", c.Name)
		}
		seen[c.Name] = true
		path := c.Path
		if path == "" {
			path = ItemsPath
		}
		if path != ItemsPath && path != PassthroughPath && c.Next {
			t.Errorf("%s: path %q is neither ItemsPath nor PassthroughPath", c.Name, path)
		}
		if c.Next && !registered[Route{c.Method, path}] {
			t.Errorf("%s: the handler runs, but %s %s is not a registered route", c.Name, c.Method, path)
		}
		if !c.Next && c.Method != "OPTIONS" {
			t.Errorf("%s: only a preflight stops before the handler", c.Name)
		}
		if c.Next && c.Status != HandlerStatus {
			t.Errorf("%s: the handler ran, so the status is %d, not %d", c.Name, HandlerStatus, c.Status)
		}
		if len(c.Header["Access-Control-Request-Method"]) > 0 && len(c.Header["Origin"]) > 0 &&
			c.Method == "OPTIONS" && c.Next && path != PassthroughPath {
			t.Errorf("%s: a passthrough preflight must use PassthroughPath", c.Name)
		}
		for k := range c.Header {
			if k != http.CanonicalHeaderKey(k) {
				t.Errorf("%s: header %q is not in canonical form", c.Name, k)
			}
		}
		if _, err := core.NewPaths(c.Policy, c.Paths...); err != nil {
			t.Errorf("%s: policy refused: %v", c.Name, err)
		}
	}
}

// TestFoldingCasesArePreflights keeps the cases for routers that fold case
// and trailing slashes runnable on any router: each is a preflight, which
// the middleware answers whatever route the path reaches, and none repeats
// a name.
func TestFoldingCasesArePreflights(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range spellingCases(core.Routing{CaseInsensitive: true, IgnoreTrailingSlash: true}) {
		if c.Next || c.Method != "OPTIONS" {
			t.Errorf("%s: not a preflight answered by the middleware", c.Name)
		}
		if seen[c.Name] {
			t.Errorf("case name %q appears twice", c.Name)
		}
		seen[c.Name] = true
	}
}

// TestCasesAreFresh checks that tableCases returns a copy that callers may edit.
func TestCasesAreFresh(t *testing.T) {
	a := tableCases()
	a[0].Want["X-Edited"] = "yes"
	a[0].Name = "edited"
	b := tableCases()
	if b[0].Name == "edited" || b[0].Want["X-Edited"] != "" {
		t.Fatal("tableCases shares state between calls")
	}
}
