package corsfiber_test

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/corskit/corskit/adapters/fiber"
	"github.com/corskit/corskit/core/corstest"
)

// scenario is one request a benchmark sends again and again, and the
// status and Access-Control-Allow-Origin the CORS middleware answers it
// with.
type scenario struct {
	name, method string
	header       []string
	status       int
	acao         string
}

var scenarios = []scenario{
	{"actual-allowed", http.MethodGet, []string{"Origin", allowed}, http.StatusOK, allowed},
	{"actual-refused", http.MethodGet, []string{"Origin", "https://evil.example"}, http.StatusOK, ""},
	{"no-origin", http.MethodGet, nil, http.StatusOK, ""},
	{"preflight-allowed", http.MethodOptions, []string{"Origin", allowed,
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"}, http.StatusNoContent, allowed},
	{"preflight-refused", http.MethodOptions, []string{"Origin", "https://evil.example",
		"Access-Control-Request-Method", "PUT"}, http.StatusForbidden, ""},
}

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
	for _, s := range scenarios {
		b.Run(s.name, func(b *testing.B) {
			app := fiber.New()
			if mw != nil {
				app.Use(mw)
			}
			routes(app)
			h := app.Handler()
			var ctx fasthttp.RequestCtx
			ctx.Request.Header.SetMethod(s.method)
			ctx.Request.SetRequestURI(corstest.ItemsPath)
			ctx.Request.Header.SetHost("api.test")
			for i := 0; i+1 < len(s.header); i += 2 {
				ctx.Request.Header.Add(s.header[i], s.header[i+1])
			}
			h(&ctx)
			if cors && (ctx.Response.StatusCode() != s.status || string(ctx.Response.Header.Peek(acao)) != s.acao) {
				b.Fatalf("%d %q, want %d %q", ctx.Response.StatusCode(), ctx.Response.Header.Peek(acao), s.status, s.acao)
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
