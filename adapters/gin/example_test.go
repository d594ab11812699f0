package corsgin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gin-gonic/gin"

	corsgin "github.com/corskit/corskit/adapters/gin"
	"github.com/corskit/corskit/core"
)

func ExampleNew() {
	cors, err := corsgin.New(corsgin.Policy{
		AllowedOrigins: []string{"https://app.example.com"},
		MaxAge:         600,
	})
	if err != nil {
		panic(err) // a bad policy: the error names every problem
	}

	r := gin.New()
	r.Use(cors) // engine-wide: preflights need no OPTIONS route
	r.POST("/api/items", func(c *gin.Context) { c.Status(http.StatusCreated) })

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

func ExampleFromEngine() {
	// An Engine from the core can be reconfigured while the server runs,
	// e.g. when the list of origins changes in a database.
	e, err := core.New(corsgin.Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	r := gin.New()
	r.Use(corsgin.FromEngine(e))
	r.GET("/api/items", func(c *gin.Context) { c.Status(http.StatusOK) })

	get := func() string {
		req := httptest.NewRequest("GET", "/api/items", nil)
		req.Header.Set("Origin", "https://admin.example.com")
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w.Header().Get("Access-Control-Allow-Origin")
	}
	fmt.Printf("before: %q\n", get())
	if err := e.Reconfigure(corsgin.Policy{AllowedOrigins: []string{"https://app.example.com", "https://admin.example.com"}}); err != nil {
		panic(err)
	}
	fmt.Printf("after: %q\n", get())
	// Output:
	// before: ""
	// after: "https://admin.example.com"
}
