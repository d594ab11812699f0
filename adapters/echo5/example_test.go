package corsecho5_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/labstack/echo/v5"

	"github.com/corskit/corskit/adapters/echo5"
	"github.com/corskit/corskit/core"
)

func Example() {
	e := echo.New()
	e.Use(corsecho5.Must(corsecho5.Policy{
		AllowedOrigins:   []string{"https://app.example.com"},
		AllowCredentials: true,
	}))
	e.POST("/api/items", func(c *echo.Context) error {
		return c.JSON(http.StatusCreated, map[string]string{"id": "1"})
	})

	// A browser's preflight for a JSON POST: no OPTIONS route is needed.
	r := httptest.NewRequest(http.MethodOptions, "/api/items", nil)
	r.Header.Set("Origin", "https://app.example.com")
	r.Header.Set("Access-Control-Request-Method", "POST")
	r.Header.Set("Access-Control-Request-Headers", "content-type")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	fmt.Println(w.Code)
	fmt.Println(w.Header().Get("Access-Control-Allow-Origin"))
	fmt.Println(w.Header().Get("Access-Control-Allow-Credentials"))
	// Output:
	// 204
	// https://app.example.com
	// true
}

func ExampleNew() {
	_, err := corsecho5.New(corsecho5.Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true})
	fmt.Println(err != nil)
	// Output: true
}

func ExampleFromEngine() {
	eng, err := core.New(corsecho5.Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	e := echo.New()
	e.Use(corsecho5.FromEngine(eng))
	e.GET("/api/items", func(c *echo.Context) error { return c.String(http.StatusOK, "[]") })

	get := func() string {
		r := httptest.NewRequest(http.MethodGet, "/api/items", nil)
		r.Header.Set("Origin", "https://new.example.com")
		w := httptest.NewRecorder()
		e.ServeHTTP(w, r)
		return w.Header().Get("Access-Control-Allow-Origin")
	}
	fmt.Printf("%q\n", get())
	// A running server takes a new policy at once, e.g. on SIGHUP.
	if err := eng.Reconfigure(corsecho5.Policy{AllowedOrigins: []string{"https://new.example.com"}}); err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", get())
	// Output:
	// ""
	// "https://new.example.com"
}
