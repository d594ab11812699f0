// Command http serves the items API with the standard library's
// http.ServeMux and corskit's CORS middleware, wrapped around the whole mux
// so that it sees preflights before the mux looks for a pattern: no
// OPTIONS pattern is needed.
//
//	go run ./examples/http -addr 127.0.0.1:8080 -config cors.json
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

	corshttp "github.com/corskit/corskit/adapters/http"
	"github.com/corskit/corskit/examples/internal/demo"
)

func main() {
	// An Engine rather than corshttp.New(policy), so that SIGHUP can swap
	// the policy of the running middleware.
	addr, engine := demo.Setup()

	// Method patterns ("GET /api/items"): the mux answers 405 for any
	// other method, OPTIONS included, which is why CORS wraps the mux
	// rather than each handler.
	mux := http.NewServeMux()
	items := demo.NewStore()
	mux.HandleFunc("GET /api/items", func(w http.ResponseWriter, r *http.Request) {
		list := items.List()
		w.Header().Set("X-Handler", "ran")
		w.Header().Set("X-Request-Id", demo.RequestID())
		w.Header().Set("X-Total-Count", strconv.Itoa(len(list)))
		writeJSON(w, http.StatusOK, list)
	})
	mux.HandleFunc("POST /api/items", func(w http.ResponseWriter, r *http.Request) {
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
	mux.HandleFunc("PUT /api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(r.Body)
		item, err := items.Replace(r.PathValue("id"), body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, item)
	})
	mux.HandleFunc("PATCH /api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		body, _ := io.ReadAll(r.Body)
		item, err := items.Update(r.PathValue("id"), body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, item)
	})
	mux.HandleFunc("DELETE /api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		items.Delete(r.PathValue("id"))
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Handler", "ran")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok")
	})

	ln, err := demo.Listen(addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.Serve(ln, corshttp.FromEngine(engine)(mux)))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
