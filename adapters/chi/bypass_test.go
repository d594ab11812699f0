package corschi_test

import (
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"

	corschi "github.com/corskit/corskit/adapters/chi"
	"github.com/corskit/corskit/core"
	"github.com/corskit/corskit/core/corstest"
)

// TestHostileOverLoopback sends the hostile requests to a real net/http
// server on the loopback interface, with its default limits, as gin, echo
// and chi applications run. net/http accepts up to 1 MiB of headers, so
// all of them reach the middleware, which must refuse them; a 431 from
// the server would count as a refusal too.
func TestHostileOverLoopback(t *testing.T) {
	for _, h := range corstest.HostileRequests() {
		h := h
		t.Run(h.Name, func(t *testing.T) {
			e, err := core.New(corstest.HostilePolicy)
			if err != nil {
				t.Fatal(err)
			}
			r := chi.NewRouter()
			r.Use(corschi.FromEngine(e))
			for _, rt := range corstest.Routes {
				r.MethodFunc(rt.Method, rt.Path, corstest.Handler)
			}
			srv := httptest.NewServer(r) // listens on 127.0.0.1
			defer srv.Close()

			req := h.Request()
			req.RequestURI = "" // a client request
			req.URL.Scheme, req.URL.Host = "http", srv.Listener.Addr().String()
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode == corstest.StatusHeaderTooLarge {
				t.Logf("net/http refused it before the middleware: %s", resp.Status)
			}
			if err := h.Check(resp); err != nil {
				t.Error(err)
			}
		})
	}
}
