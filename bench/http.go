package bench

import (
	"net/http"

	rscors "github.com/rs/cors"

	corshttp "github.com/corskit/corskit/adapters/http"
)

// httpMux is the standard library's ServeMux with a Go 1.22 method pattern
// per route ("PUT /api/items"), wrapped as a whole by mw, the way net/http
// users attach CORS.
func httpMux(ran *int, mw ...func(http.Handler) http.Handler) Server {
	mux := http.NewServeMux()
	h := func(w http.ResponseWriter, _ *http.Request) {
		*ran++
		w.WriteHeader(http.StatusOK)
	}
	for _, m := range RouteMethods {
		mux.HandleFunc(m+" "+Path, h)
	}
	var handler http.Handler = mux
	for i := len(mw) - 1; i >= 0; i-- {
		handler = mw[i](handler)
	}
	return newHTTPServer(handler)
}

func httpFramework() Framework {
	return Framework{
		Name: "Http", Title: "net/http ServeMux",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/http", Title: "corshttp",
				New: func(ran *int) Server { return httpMux(ran, corshttp.Must(Policy())) }},
			{Name: "rs-cors", Role: Peer, Module: "github.com/rs/cors", Title: "rs/cors",
				New: func(ran *int) Server { return httpMux(ran, rsCORS()) }},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return httpMux(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server { return httpMux(ran, noopHTTP) }},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server { return httpMux(ran, floorHTTP) }},
		},
	}
}

// The net/http middleware that chi's table and net/http's share.

// rsCORS is rs/cors configured with the policy.
func rsCORS() func(http.Handler) http.Handler {
	return rscors.New(rscors.Options{
		AllowedOrigins:   Origins(),
		AllowedMethods:   Methods,
		AllowedHeaders:   Headers,
		ExposedHeaders:   Exposed,
		AllowCredentials: true,
		MaxAge:           MaxAge,
	}).Handler
}

// noopHTTP only calls the next handler.
func noopHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(w, r) })
}

// floorHTTP sets the floor's fixed headers (FloorHTTP) and answers a
// preflight with 204.
func floorHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if FloorHTTP(w.Header(), r.Method) {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
