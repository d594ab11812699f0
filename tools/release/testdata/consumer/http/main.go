// Command http is the consumer check's net/http app: corshttp wrapping a
// whole http.ServeMux, as the adapter's README shows. The pattern has no
// method, since the consumers build with Go 1.21 too, whose ServeMux has
// no method patterns; the handler switches on the method instead.
package main

import (
	"net"
	"net/http"

	corshttp "github.com/corskit/corskit/adapters/http"

	"example.com/corskit-consumer/internal/probe"
)

// The adapter's public API as documented, signatures included: a change
// here breaks users who store or pass these functions.
var (
	_ func(corshttp.Policy) (func(http.Handler) http.Handler, error) = corshttp.New
	_ func(corshttp.Policy) func(http.Handler) http.Handler          = corshttp.Must
	_ func(*corshttp.Engine) func(http.Handler) http.Handler         = corshttp.FromEngine
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc(probe.Path, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			w.Header().Set(probe.ExposedHeader, "1")
			w.Write([]byte(probe.Body))
		case http.MethodPut:
			w.Write([]byte("updated"))
		default:
			w.Header().Set("Allow", "GET, PUT")
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	cors := corshttp.Must(corshttp.Policy{
		AllowedOrigins: []string{probe.Origin},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", probe.RequestHeader},
		ExposedHeaders: []string{probe.ExposedHeader},
		MaxAge:         600,
	})

	probe.Run("http", func(ln net.Listener) error { return http.Serve(ln, cors(mux)) })
}
