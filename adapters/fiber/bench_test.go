package corsfiber_test

import (
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/corskit/corskit/adapters/fiber"
	"github.com/corskit/corskit/core/corstest"
)

// BenchmarkBaseline is fiber serving the scenarios without any middleware:
// the cost of the bare route (a preflight gets fiber's own 405).
func BenchmarkBaseline(b *testing.B) { benchmark(b, false, nil) }

// BenchmarkNoop is fiber with a middleware that only calls the next
// handler: what attaching any middleware with App.Use costs.
func BenchmarkNoop(b *testing.B) {
	benchmark(b, false, func(c *fiber.Ctx) error { return c.Next() })
}

// BenchmarkCorsfiber is fiber with the CORS middleware attached with
// App.Use, under corstest.App: credentials, exposed headers, max age.
func BenchmarkCorsfiber(b *testing.B) { benchmark(b, true, corsfiber.Must(corstest.App)) }

// benchmark sends each scenario through app.Handler() with one reused
// fasthttp.RequestCtx, as a fasthttp server does for a keep-alive
// connection.
func benchmark(b *testing.B, cors bool, mw fiber.Handler) {
	for _, s := range corstest.AppBenchScenarios() {
		b.Run(s.Name, func(b *testing.B) {
			app := fiber.New()
			if mw != nil {
				app.Use(mw)
			}
			routes(app)
			h := app.Handler()
			var ctx fasthttp.RequestCtx
			ctx.Request.Header.SetMethod(s.Method)
			ctx.Request.SetRequestURI(corstest.BenchPath)
			ctx.Request.Header.SetHost(corstest.BenchHost)
			for k, vs := range s.Header {
				for _, v := range vs {
					ctx.Request.Header.Add(k, v)
				}
			}
			h(&ctx)
			if cors && (ctx.Response.StatusCode() != s.Status || string(ctx.Response.Header.Peek(acao)) != s.ACAO) {
				b.Fatalf("%d %q, want %d %q", ctx.Response.StatusCode(), ctx.Response.Header.Peek(acao), s.Status, s.ACAO)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx.Response.Reset()
				ctx.ResetUserValues()
				h(&ctx)
			}
		})
	}
}
