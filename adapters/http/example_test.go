//go:build go1.22

package corshttp_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	corshttp "github.com/corskit/corskit/adapters/http"
	"github.com/corskit/corskit/core"
)

func ExampleNew() {
	cors, err := corshttp.New(corshttp.Policy{
		AllowedOrigins: []string{"https://app.example.com"},
		MaxAge:         600,
	})
	if err != nil {
		panic(err) // a bad policy: the error names every problem
	}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/items", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusCreated) })
	h := cors(mux) // the whole mux: preflights need no OPTIONS pattern

	// A browser's preflight for fetch(url, {method: "POST", headers: {"Content-Type": ...}}).
	req := httptest.NewRequest("OPTIONS", "/api/items", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)

	fmt.Println(w.Code)
	fmt.Println(w.Header().Get("Access-Control-Allow-Origin"))
	fmt.Println(w.Header().Get("Access-Control-Max-Age"))
	// Output:
	// 204
	// https://app.example.com
	// 600
}

func ExampleFromEngine() {
	// An Engine from the core can be reconfigured while the server runs,
	// e.g. when the list of origins changes in a database.
	e, err := core.New(corshttp.Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/items", func(w http.ResponseWriter, _ *http.Request) {})
	h := corshttp.FromEngine(e)(mux)

	get := func() string {
		req := httptest.NewRequest("GET", "/api/items", nil)
		req.Header.Set("Origin", "https://admin.example.com")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Header().Get("Access-Control-Allow-Origin")
	}
	fmt.Printf("before: %q\n", get())
	if err := e.Reconfigure(corshttp.Policy{AllowedOrigins: []string{"https://app.example.com", "https://admin.example.com"}}); err != nil {
		panic(err)
	}
	fmt.Printf("after: %q\n", get())
	// Output:
	// before: ""
	// after: "https://admin.example.com"
}
