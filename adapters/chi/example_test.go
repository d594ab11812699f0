package corschi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/go-chi/chi/v5"

	corschi "github.com/corskit/corskit/adapters/chi"
	"github.com/corskit/corskit/core"
)

func ExampleNew() {
	cors, err := corschi.New(corschi.Policy{
		AllowedOrigins: []string{"https://app.example.com"},
		MaxAge:         600,
	})
	if err != nil {
		panic(err) // a bad policy: the error names every problem
	}

	r := chi.NewRouter()
	r.Use(cors) // router-wide: preflights need no OPTIONS route
	r.Post("/api/items", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusCreated) })

	// A browser's preflight for fetch(url, {method: "POST", headers: {"Content-Type": ...}}).
	req := httptest.NewRequest("OPTIONS", "/api/items", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)

	fmt.Println(w.Code)
	fmt.Println(w.Header().Get("Access-Control-Allow-Origin"))
	fmt.Println(w.Header().Get("Access-Control-Max-Age"))
	// Output:
	// 204
	// https://app.example.com
	// 600
}

// The middleware is a plain func(http.Handler) http.Handler: wrap any
// handler, such as the standard library's ServeMux, as a whole.
func ExampleMust_serveMux() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/items", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "[]") })
	h := corschi.Must(corschi.Policy{AllowedOrigins: []string{"https://app.example.com"}})(mux)

	req := httptest.NewRequest("GET", "/api/items", nil)
	req.Header.Set("Origin", "https://app.example.com")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)

	fmt.Println(w.Header().Get("Access-Control-Allow-Origin"), w.Body)
	// Output:
	// https://app.example.com []
}

func ExampleFromEngine() {
	// An Engine from the core can be reconfigured while the server runs,
	// e.g. when the list of origins changes in a database.
	e, err := core.New(corschi.Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	r := chi.NewRouter()
	r.Use(corschi.FromEngine(e))
	r.Get("/api/items", func(w http.ResponseWriter, _ *http.Request) {})

	get := func() string {
		req := httptest.NewRequest("GET", "/api/items", nil)
		req.Header.Set("Origin", "https://admin.example.com")
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w.Header().Get("Access-Control-Allow-Origin")
	}
	fmt.Printf("before: %q\n", get())
	if err := e.Reconfigure(corschi.Policy{AllowedOrigins: []string{"https://app.example.com", "https://admin.example.com"}}); err != nil {
		panic(err)
	}
	fmt.Printf("after: %q\n", get())
	// Output:
	// before: ""
	// after: "https://admin.example.com"
}
