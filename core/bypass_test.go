package core_test

import (
	"testing"

	"github.com/corskit/corskit/core/corstest"
)

// TestBypass runs the origin-bypass corpus against the core alone, through
// the conformance target.
func TestBypass(t *testing.T) { corstest.RunBypass(t, target) }
