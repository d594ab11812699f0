package corstest

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"

	"github.com/corskit/corskit/core"
)

// retainedRequests is how many requests runRetained sends, each from
// another origin of the same length, so that a view of a reused buffer
// would read as a later request's origin.
const retainedRequests = 64

// runRetained checks that the strings user code receives are its own:
// AllowOriginFunc, AllowOriginRequestFunc and a Logger handler keep every
// string they are given across many requests, and each must still read
// as it did when it was given. A middleware that handed user code a view
// of a buffer its server reuses (fasthttp's) fails: the view changes to
// a later request's origin, which a cache of approved origins would then
// approve.
func runRetained(t *testing.T, target Target) {
	var mu sync.Mutex
	var kept []string
	keep := func(s ...string) {
		mu.Lock()
		kept = append(kept, s...)
		mu.Unlock()
	}
	logs := &keepingHandler{keep: keep}
	e, err := core.New(core.Policy{
		AllowCredentials: true,
		AllowOriginFunc:  func(o string) bool { keep(o); return false },
		AllowOriginRequestFunc: func(r *core.Request, o string) bool {
			keep(o, r.Origin[0], r.Method, r.Path)
			return false
		},
		Logger: slog.New(logs),
	})
	if err != nil {
		t.Fatal(err)
	}
	send := target(t, e)
	var want []string
	for i := 0; i < retainedRequests; i++ {
		origin := fmt.Sprintf("https://tenant-%03d.example.com", i)
		c := Case{Method: "GET", Header: hdr("Origin", origin)}
		resp := send(c.Request())
		resp.Body.Close()
		// The origin func, the request func (origin, its Origin line,
		// method, path), then the logger's origin, method and path.
		want = append(want, origin, origin, origin, "GET", ItemsPath, origin, "GET", ItemsPath)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(kept) != len(want) {
		t.Fatalf("user code was given %d strings, want %d: %q", len(kept), len(want), kept)
	}
	for i := range want {
		if kept[i] != want[i] {
			t.Fatalf("string %d that user code kept reads %q, want %q: it was a view of a buffer the server reused", i, kept[i], want[i])
		}
	}
}

// keepingHandler is a slog.Handler that keeps the string attributes of
// every record, as a buffered or asynchronous handler does.
type keepingHandler struct{ keep func(...string) }

func (h *keepingHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *keepingHandler) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "origin", "method", "path":
			h.keep(a.Value.String())
		}
		return true
	})
	return nil
}

func (h *keepingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *keepingHandler) WithGroup(string) slog.Handler      { return h }
