package corsgin_test

import (
	"testing"

	"github.com/corskit/corskit/core/corstest"
)

// TestBypass runs the origin-bypass corpus through the real gin router,
// the conformance target: every trick refused on actual requests and
// preflights alike, the few truly allowed origins allowed.
func TestBypass(t *testing.T) { corstest.RunBypass(t, target) }

// TestHostile sends the hostile requests through the same router. With no
// server in front to cap header sizes, the middleware meets them whole and
// its core's bounds must refuse them.
func TestHostile(t *testing.T) { corstest.RunHostile(t, target) }
