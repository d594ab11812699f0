package corsfiber3_test

import (
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"

	"github.com/corskit/corskit/adapters/fiber3"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// BenchmarkBaseline is fiber serving the scenarios without any middleware:
// the cost of the bare route (a preflight gets fiber's own 405).
func BenchmarkBaseline(b *testing.B) { benchmark(b, false, nil) }

// BenchmarkNoop is fiber with a middleware that only calls the next
// handler: what attaching any middleware with App.Use costs.
func BenchmarkNoop(b *testing.B) {
	benchmark(b, false, func(c fiber.Ctx) error { return c.Next() })
}

// BenchmarkCorsfiber3 is fiber with the CORS middleware attached with
// App.Use, under corstest.App: credentials, exposed headers, max age.
func BenchmarkCorsfiber3(b *testing.B) { benchmark(b, true, corsfiber3.Must(corstest.App)) }

// benchmark sends each scenario through app.Handler() with one reused
// fasthttp.RequestCtx, as a fasthttp server does for a keep-alive
// connection.
func benchmark(b *testing.B, cors bool, mw fiber.Handler) {
	for _, s := range corstest.AppBenchScenarios() {
		b.Run(s.Name, func(b *testing.B) {
			h, ctx := prepare(fiber.New(), mw, s)
			h(ctx)
			if cors && (ctx.Response.StatusCode() != s.Status || string(ctx.Response.Header.Peek(acao)) != s.ACAO) {
				b.Fatalf("%d %q, want %d %q", ctx.Response.StatusCode(), ctx.Response.Header.Peek(acao), s.Status, s.ACAO)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx.Response.Reset()
				ctx.ResetUserValues()
				h(ctx)
			}
		})
	}
}

// prepare attaches mw (when not nil) to app with App.Use, registers the
// routes and returns app's handler with a request for s.
func prepare(app *fiber.App, mw fiber.Handler, s corstest.Scenario) (fasthttp.RequestHandler, *fasthttp.RequestCtx) {
	if mw != nil {
		app.Use(mw)
	}
	routes(app)
	var req fasthttp.Request
	req.Header.SetMethod(s.Method)
	req.SetRequestURI(corstest.BenchPath)
	req.Header.SetHost(corstest.BenchHost)
	for k, vs := range s.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	ctx := new(fasthttp.RequestCtx)
	ctx.Init(&req, nil, nil)
	return app.Handler(), ctx
}

// TestZeroAllocations checks that the middleware adds no allocation to
// any scenario, under one policy and under per-path policies (where the
// core also asks for the app's routing), against the same app with the
// no-op middleware (fiber's own 405 for an unrouted preflight allocates).
func TestZeroAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts mean nothing under the race detector")
	}
	paths, err := core.NewPaths(corstest.App, core.PathPolicy{Prefix: "/public", Policy: corstest.PlainStar})
	if err != nil {
		t.Fatal(err)
	}
	for name, mw := range map[string]fiber.Handler{
		"one policy":        corsfiber3.Must(corstest.App),
		"per-path policies": corsfiber3.FromEngine(paths),
	} {
		for _, s := range corstest.AppBenchScenarios() {
			allocs := func(mw fiber.Handler) float64 {
				h, ctx := prepare(fiber.New(), mw, s)
				return testing.AllocsPerRun(200, func() {
					ctx.Response.Reset()
					ctx.ResetUserValues()
					h(ctx)
				})
			}
			cors, noop := allocs(mw), allocs(func(c fiber.Ctx) error { return c.Next() })
			if s.Status == 204 || s.Status == 403 {
				noop = 0 // the middleware answers; fiber's 405 is not reached
			}
			if cors > noop {
				t.Errorf("%s, %s: %v allocations per request, the no-op middleware %v", name, s.Name, cors, noop)
			}
		}
	}
}

// TestCustomCtxAllocations pins the cost the README states for an app
// with its own context type (fiber.NewWithCustomCtx): one allocation.
func TestCustomCtxAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts mean nothing under the race detector")
	}
	s := corstest.AppBenchScenarios()[0]
	app := fiber.NewWithCustomCtx(func(app *fiber.App) fiber.CustomCtx {
		return &customCtx{DefaultCtx: *fiber.NewDefaultCtx(app)}
	})
	h, ctx := prepare(app, corsfiber3.Must(corstest.App), s)
	if n := testing.AllocsPerRun(200, func() { ctx.Response.Reset(); h(ctx) }); n > 1 {
		t.Errorf("%v allocations per request with a custom context, want at most 1", n)
	}
}
