// Command chi is the consumer check's chi app: corschi attached with r.Use,
// as the adapter's README shows.
package main

import (
	"net"
	"net/http"

	corschi "github.com/corskit/corskit/adapters/chi"
	"github.com/go-chi/chi/v5"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corschi.Policy) (func(http.Handler) http.Handler, error) = corschi.New
	_ func(corschi.Policy) func(http.Handler) http.Handler          = corschi.Must
	_ func(*corschi.Engine) func(http.Handler) http.Handler         = corschi.FromEngine
)

func main() {
	r := chi.NewRouter()
	r.Use(corschi.Must(corschi.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	}))
	r.Get(probe.Path, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set(probe.ExposedHeader, "1")
		w.Write([]byte(probe.Body))
	})
	r.Put(probe.Path, func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("updated")) })

	probe.Run("chi", func(ln net.Listener) error { return http.Serve(ln, r) })
}
