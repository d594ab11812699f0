package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/corskit/corskit/adapters/echo"
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

// BenchmarkBaseline is echo serving the scenarios without any middleware:
// the cost of the bare route (a preflight gets echo's own OPTIONS answer).
func BenchmarkBaseline(b *testing.B) { benchmark(b, false) }

// BenchmarkNoop is echo with a middleware that only calls the next
// handler: echo wraps every middleware around the route per request, so
// this is what any middleware costs before it does anything.
func BenchmarkNoop(b *testing.B) {
	benchmark(b, false, func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error { return next(c) }
	})
}

// BenchmarkCorsecho is echo with the CORS middleware attached with
// Echo.Use, under corstest.App: credentials, exposed headers, max age.
func BenchmarkCorsecho(b *testing.B) { benchmark(b, true, corsecho.Must(corstest.App)) }

func benchmark(b *testing.B, cors bool, mw ...echo.MiddlewareFunc) {
	for _, s := range scenarios {
		b.Run(s.name, func(b *testing.B) {
			e := echo.New()
			e.Use(mw...)
			routes(e)
			r := httptest.NewRequest(s.method, "http://api.test"+corstest.ItemsPath, nil)
			for i := 0; i+1 < len(s.header); i += 2 {
				r.Header.Add(s.header[i], s.header[i+1])
			}
			w := &headerWriter{h: http.Header{}}
			e.ServeHTTP(w, r)
			if cors && (w.status != s.status || w.h.Get(acao) != s.acao) {
				b.Fatalf("%d %q, want %d %q", w.status, w.h.Get(acao), s.status, s.acao)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				clear(w.h)
				e.ServeHTTP(w, r)
			}
		})
	}
}
