package corsfiber_test

import (
	"testing"

	"github.com/corskit/corskit/core/corstest"
)

// TestReconfigureUnderLoad drives the real fiber app, built with
// FromEngine, from 16 goroutines while the engine's policy is swapped in a
// loop: every answer must come wholly from one policy. App.Test serves
// each request on its own connection, so fasthttp's pools and the
// middleware's scratch pool are shared between them. Run with -race.
func TestReconfigureUnderLoad(t *testing.T) { corstest.RunReconfigure(t, target) }
