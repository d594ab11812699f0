package corsgin_test

import (
	"testing"

	"github.com/corskit/corskit/core/corstest"
)

// TestReconfigureUnderLoad drives the real gin router, built with
// FromEngine, from 16 goroutines while the engine's policy is swapped in a
// loop: every answer must come wholly from one policy. Run with -race.
func TestReconfigureUnderLoad(t *testing.T) { corstest.RunReconfigure(t, target) }
