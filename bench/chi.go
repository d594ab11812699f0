package bench

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	chicors "github.com/go-chi/cors"

	corschi "github.com/corskit/corskit/adapters/chi"
)

func chiRouter(ran *int, mw ...func(http.Handler) http.Handler) Server {
	r := chi.NewRouter()
	r.Use(mw...)
	h := func(w http.ResponseWriter, _ *http.Request) {
		*ran++
		w.WriteHeader(http.StatusOK)
	}
	for _, m := range RouteMethods {
		r.MethodFunc(m, Path, h)
	}
	return newHTTPServer(r)
}

func chiFramework() Framework {
	return Framework{
		Name: "Chi", Title: "chi v5 (net/http)", Router: "github.com/go-chi/chi/v5",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/chi", Title: "corschi",
				New: func(ran *int) Server { return chiRouter(ran, corschi.Must(Policy())) }},
			{Name: "go-chi-cors", Role: Peer, Module: "github.com/go-chi/cors", Title: "go-chi/cors",
				New: func(ran *int) Server {
					return chiRouter(ran, chicors.Handler(chicors.Options{
						AllowedOrigins:   Origins(),
						AllowedMethods:   Methods,
						AllowedHeaders:   Headers,
						ExposedHeaders:   Exposed,
						AllowCredentials: true,
						MaxAge:           MaxAge,
					}))
				}},
			{Name: "rs-cors", Role: Peer, Module: "github.com/rs/cors", Title: "rs/cors",
				New: func(ran *int) Server { return chiRouter(ran, rsCORS()) }},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return chiRouter(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server { return chiRouter(ran, noopHTTP) }},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server { return chiRouter(ran, floorHTTP) }},
		},
	}
}
