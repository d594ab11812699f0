package core_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/corskit/corskit/core"
)

// ApplyHTTP is all a net/http middleware needs: it reads the request,
// decides, and writes the headers; the middleware writes the status of an
// answered preflight or calls the next handler.
func ExampleEngine_ApplyHTTP() {
	e, err := core.New(core.Policy{AllowedOrigins: []string{"https://app.example.com"}})
	if err != nil {
		panic(err)
	}
	cors := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if status, goOn := e.ApplyHTTP(r, w.Header()); !goOn {
				w.WriteHeader(status)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	h := cors(http.NotFoundHandler())

	r := httptest.NewRequest("OPTIONS", "/api/items", nil)
	r.Header.Set("Origin", "https://app.example.com")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Allow-Methods"))
	// Output: 204 https://app.example.com GET, HEAD, PUT, PATCH, POST, DELETE
}

// headerMap is a toy server's request and response, to show the methods an
// Exchange has; a fasthttp adapter implements them over its own context
// in one line each (see adapters/fiber).
type headerMap struct {
	req, resp map[string][]string
}

func lines(v []string) [][]byte {
	var out [][]byte
	for _, s := range v {
		out = append(out, []byte(s))
	}
	return out
}

func (h *headerMap) RequestHeader(name string) [][]byte  { return lines(h.req[name]) }
func (h *headerMap) ResponseHeader(name string) [][]byte { return lines(h.resp[name]) }
func (h *headerMap) ResponseHeaderNames() [][]byte {
	var names [][]byte
	for name, v := range h.resp {
		for range v {
			names = append(names, []byte(name))
		}
	}
	return names
}
func (h *headerMap) SetResponseHeader(name, value []byte) {
	if v := h.resp[string(name)]; len(v) > 0 {
		v[0] = string(value)
		return
	}
	h.resp[string(name)] = []string{string(value)}
}
func (h *headerMap) AddResponseHeader(name, value []byte) {
	h.resp[string(name)] = append(h.resp[string(name)], string(value))
}
func (h *headerMap) DelResponseHeader(name string) { delete(h.resp, name) }
func (h *headerMap) Context() context.Context      { return context.Background() }
func (h *headerMap) Routing() core.Routing         { return core.Routing{} }

// ApplyExchange serves servers that are not net/http: the adapter passes
// the method, the path as its router routes it, and an Exchange that reads
// and writes its headers.
func ExampleEngine_ApplyExchange() {
	e, err := core.New(core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowCredentials: true})
	if err != nil {
		panic(err)
	}
	x := &headerMap{
		req:  map[string][]string{"Origin": {"https://app.example.com"}},
		resp: map[string][]string{"Vary": {"Accept-Encoding"}},
	}
	status, goOn := e.ApplyExchange(x, "GET", "/api/items")
	fmt.Println(status, goOn)
	fmt.Println(x.resp["Access-Control-Allow-Origin"], x.resp["Access-Control-Allow-Credentials"], x.resp["Vary"])
	// Output:
	// 0 true
	// [https://app.example.com] [true] [Accept-Encoding, Origin]
}

// One application-wide middleware, two policies: a public part of the API
// any origin may read, and the rest for the application's own front end.
func ExampleNewPaths() {
	e, err := core.NewPaths(
		core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowCredentials: true},
		core.PathPolicy{Prefix: "/api/public/", Policy: core.Policy{AllowedOrigins: []string{"*"}}},
	)
	if err != nil {
		panic(err)
	}
	for _, path := range []string{"/api/public/status", "/api/items", "//api/public/../items"} {
		d := e.Evaluate(core.Request{Method: "GET", Path: path, Origin: []string{"https://anyone.example"}})
		fmt.Printf("%s allowed=%v\n", path, d.Allowed)
	}
	// Output:
	// /api/public/status allowed=true
	// /api/items allowed=false
	// //api/public/../items allowed=false
}

func ExampleLoadJSON() {
	p, err := core.LoadJSON(strings.NewReader(`{
		"allowedOrigins": ["https://app.example.com"],
		"allowCredentials": true,
		"maxAge": 600
	}`))
	if err != nil {
		panic(err)
	}
	if _, err := core.New(p); err != nil {
		panic(err)
	}
	fmt.Println(p.AllowedOrigins, p.AllowCredentials, p.MaxAge)

	_, err = core.LoadJSON(strings.NewReader(`{"allowedOrigins": ["https://app.example.com"], "maxage": 600}`))
	fmt.Println(err != nil)
	// Output:
	// [https://app.example.com] true 600
	// true
}

func ExampleFromEnv() {
	os.Setenv("CORS_ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com")
	os.Setenv("CORS_MAX_AGE", "600")
	defer os.Unsetenv("CORS_ALLOWED_ORIGINS")
	defer os.Unsetenv("CORS_MAX_AGE")
	p, err := core.FromEnv("CORS")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.AllowedOrigins, p.MaxAge)
	// Output: [https://app.example.com https://admin.example.com] 600
}
