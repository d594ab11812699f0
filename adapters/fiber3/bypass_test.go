package corsfiber3_test

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"net/http"
	"net/http/httputil"
	"strconv"
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"

	"github.com/corskit/corskit/adapters/fiber3"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestHostile sends the hostile requests to the middleware whole: fasthttp
// parses each from a reader large enough to hold it, so that no read
// buffer stops it first, and the core's bounds must refuse it.
func TestHostile(t *testing.T) { corstest.RunHostile(t, wholeTarget) }

// wholeTarget is a corstest.Target like target, without fasthttp's read
// buffer limit.
func wholeTarget(t testing.TB, eng *core.Engine) func(*http.Request) *http.Response {
	app := fiber.New()
	app.Use(corsfiber3.FromEngine(eng))
	routes(app)
	handler := app.Handler()
	return func(r *http.Request) *http.Response {
		dump, err := httputil.DumpRequest(r, true)
		if err != nil {
			t.Fatal(err)
		}
		var req fasthttp.Request
		if err := req.Read(bufio.NewReaderSize(bytes.NewReader(dump), len(dump)+1)); err != nil {
			t.Fatalf("fasthttp cannot read the request: %v", err)
		}
		var ctx fasthttp.RequestCtx
		ctx.Init(&req, nil, nil)
		handler(&ctx)
		return response(t, &ctx.Response, r)
	}
}

// TestHostileServerLimits sends the hostile requests to fiber apps served
// by fasthttp's own connection handling (App.Test), with the default 4 KiB
// read buffer and with 64 KiB. fasthttp answers 431 to headers its buffer
// cannot hold before any handler runs; whatever fits must be refused by
// the middleware. Nothing may panic.
func TestHostileServerLimits(t *testing.T) {
	for _, size := range []int{0, 64 << 10} {
		for _, h := range corstest.HostileRequests() {
			t.Run("buffer "+strconv.Itoa(size)+"/"+h.Name, func(t *testing.T) {
				e, err := core.New(corstest.HostilePolicy)
				if err != nil {
					t.Fatal(err)
				}
				app := fiber.New(fiber.Config{ReadBufferSize: size})
				app.Use(corsfiber3.FromEngine(e))
				routes(app)
				resp, err := app.Test(h.Request(), fiber.TestConfig{})
				var small *fasthttp.ErrSmallBuffer
				switch {
				case errors.As(err, &small):
					// App.Test reports the 431 fasthttp wrote as this error.
					t.Logf("fasthttp refused it before the middleware (431)")
					return
				case err != nil:
					t.Fatalf("App.Test: %v", err)
				}
				defer resp.Body.Close()
				if err := h.Check(resp); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

// TestServerRefusesControlCharacters pins what sendOrBuild works around:
// a fasthttp server (fiber v3's) answers 400 to an Origin with a control
// character before any handler runs, so no CORS header can come back.
func TestServerRefusesControlCharacters(t *testing.T) {
	app := fiber.New()
	app.Use(corsfiber3.Must(corstest.App))
	routes(app)
	for _, origin := range []string{"https://app.example.com\x00.evil.com", "\vhttps://app.example.com"} {
		client, server := net.Pipe()
		srv := &fasthttp.Server{Handler: app.Handler()}
		go srv.ServeConn(server)
		r, _ := http.NewRequest(http.MethodGet, "http://api.test"+corstest.ItemsPath, nil)
		go func() {
			client.Write([]byte("GET " + corstest.ItemsPath + " HTTP/1.1\r\nHost: api.test\r\nOrigin: " + origin + "\r\n\r\n"))
		}()
		resp, err := http.ReadResponse(bufio.NewReader(client), r)
		if err != nil {
			t.Fatalf("%q: %v", origin, err)
		}
		resp.Body.Close()
		client.Close()
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get(acao) != "" || resp.Header.Get(corstest.HandlerHeader) != "" {
			t.Errorf("%q: %d %q, handler %q; want fasthttp's 400 before the middleware (if fasthttp now lets it through, sendOrBuild is no longer needed)",
				origin, resp.StatusCode, resp.Header.Get(acao), resp.Header.Get(corstest.HandlerHeader))
		}
	}
}

// TestEarlierCORSLinesReplaced checks that header lines an earlier handler
// set under a name the middleware sets are replaced, every one of them, as
// the net/http adapters do: a stale second Access-Control-Expose-Headers
// line would expose what the policy does not, and a stale
// Access-Control-Allow-Origin line would break the answer.
func TestEarlierCORSLinesReplaced(t *testing.T) {
	app := fiber.New()
	app.Use(func(c fiber.Ctx) error {
		for _, name := range []string{"Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Access-Control-Allow-Credentials"} {
			c.Response().Header.Add(name, "stale-1")
			c.Response().Header.Add(name, "stale-2")
		}
		return c.Next()
	})
	app.Use(corsfiber3.Must(corsfiber3.Policy{
		AllowedOrigins:   []string{allowed},
		ExposedHeaders:   []string{"X-Total-Count"},
		AllowCredentials: true,
	}))
	routes(app)
	resp := do(t, app, "GET", corstest.ItemsPath, "Origin", allowed)
	for name, want := range map[string]string{
		"Access-Control-Allow-Origin":      allowed,
		"Access-Control-Expose-Headers":    "X-Total-Count",
		"Access-Control-Allow-Credentials": "true",
	} {
		if got := resp.Header.Values(name); len(got) != 1 || got[0] != want {
			t.Errorf("%s: %q, want only %q", name, got, want)
		}
	}
}
