// Command chi serves the items API with chi and corskit's CORS middleware,
// attached to the top-level router with r.Use so that it sees preflights
// before chi looks for a route: no OPTIONS route is needed.
//
//	go run ./examples/chi -addr 127.0.0.1:8080 -config cors.json
//
// Without -config it serves a built-in demo policy. kill -HUP reloads the
// -config file without a restart.
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	corschi "github.com/corskit/corskit/adapters/chi"
	"github.com/corskit/corskit/examples/internal/demo"
)

func main() {
	// An Engine rather than corschi.New(policy), so that SIGHUP can swap
	// the policy of the running middleware.
	addr, engine := demo.Setup()

	r := chi.NewRouter()
	r.Use(middleware.Recoverer)
	r.Use(corschi.FromEngine(engine))

	items := demo.NewStore()
	r.Get("/api/items", func(w http.ResponseWriter, r *http.Request) {
		list := items.List()
		w.Header().Set("X-Handler", "ran")
		w.Header().Set("X-Request-Id", demo.RequestID())
		w.Header().Set("X-Total-Count", strconv.Itoa(len(list)))
		writeJSON(w, http.StatusOK, list)
	})
	r.Post("/api/items", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(r.Body)
		created, err := items.Create(body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write(created)
	})
	r.Put("/api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(r.Body)
		item, err := items.Replace(chi.URLParam(r, "id"), body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, item)
	})
	r.Patch("/api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(r.Body)
		item, err := items.Update(chi.URLParam(r, "id"), body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, item)
	})
	r.Delete("/api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		items.Delete(chi.URLParam(r, "id"))
		w.WriteHeader(http.StatusNoContent)
	})
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok")
	})

	ln, err := demo.Listen(addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(ln, r))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
