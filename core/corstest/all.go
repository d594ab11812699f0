package corstest

import (
	"testing"

	"github.com/corskit/corskit/core"
)

// RunAll runs the whole shared kit against target, each part a subtest:
// the conformance table with the path cases for a router that matches
// paths as rt says (the zero Routing for net/http routers, chi, gin and
// echo), the header and isolation cases, the origin-bypass corpus, the
// hostile requests, the strings user code keeps, and Reconfigure one
// request at a time and under load. A case added to the kit is checked
// by every adapter that calls RunAll.
func RunAll(t *testing.T, target Target, rt core.Routing) {
	t.Helper()
	t.Run("conformance", func(t *testing.T) { runCases(t, target, append(tableCases(), pathCases(rt)...)) })
	t.Run("headers", func(t *testing.T) { runCases(t, target, headerCases()) })
	t.Run("isolation", func(t *testing.T) { runIsolation(t, target) })
	t.Run("bypass", func(t *testing.T) { runBypass(t, target) })
	t.Run("hostile", func(t *testing.T) { RunHostile(t, target) })
	t.Run("retained", func(t *testing.T) { runRetained(t, target) })
	t.Run("reconfigure", func(t *testing.T) { runFollowsReconfigure(t, target) })
	t.Run("reconfigure under load", func(t *testing.T) { runReconfigure(t, target) })
}
