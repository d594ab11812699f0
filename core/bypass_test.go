package core_test

import (
	"testing"

	"github.com/corskit/corskit/core/corstest"
)

// TestBypass runs the origin-bypass corpus against the core alone, through
// the conformance target.
func TestBypass(t *testing.T) { corstest.RunBypass(t, target) }

// TestHostile sends the hostile requests through the conformance target:
// with no server in front, the core's own bounds must refuse them.
func TestHostile(t *testing.T) { corstest.RunHostile(t, target) }

// TestReconfigureUnderLoad is the adapters' concurrency test on the core's
// own target: Apply from 16 goroutines while the policy is swapped, every
// answer wholly from one policy. Run with -race.
func TestReconfigureUnderLoad(t *testing.T) { corstest.RunReconfigure(t, target) }

// TestFollowsReconfigure runs the same swap one request at a time.
func TestFollowsReconfigure(t *testing.T) { corstest.RunFollowsReconfigure(t, target) }
