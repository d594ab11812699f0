package core_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"

	"github.com/corskit/corskit/core"
)

// middleware is the whole of a net/http adapter: read the request, apply
// the decision, then stop or call the next handler.
func middleware(e *core.Engine, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status, goOn := e.ApplyHTTP(r, w.Header()); !goOn {
			w.WriteHeader(status)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// items is the application's handler.
var items = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Total-Count", "2")
	fmt.Fprint(w, `["a","b"]`)
})

// show sends one request through h and prints the status and the CORS
// and Vary response headers. kv are request headers as name, value pairs.
func show(h http.Handler, method string, kv ...string) {
	r := httptest.NewRequest(method, "http://api.example.com/api/items", nil)
	for i := 0; i+1 < len(kv); i += 2 {
		r.Header.Add(kv[i], kv[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	fmt.Println(method, r.Header.Get("Origin"), "->", rec.Code)
	var names []string
	for name := range rec.Header() {
		if strings.HasPrefix(name, "Access-Control-") || name == "Vary" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("  %s: %s\n", name, strings.Join(rec.Header()[name], ", "))
	}
}

// A public API without credentials: every origin may read the responses,
// so every answer carries Access-Control-Allow-Origin: * and no Vary.
func ExampleNew_publicAPI() {
	e, err := core.New(core.Policy{
		AllowedOrigins: []string{"*"},
		ExposedHeaders: []string{"X-Total-Count"},
		MaxAge:         3600,
	})
	if err != nil {
		panic(err)
	}
	h := middleware(e, items)
	show(h, "GET", "Origin", "https://anyone.example")
	show(h, "OPTIONS", "Origin", "https://anyone.example", "Access-Control-Request-Method", "PUT",
		"Access-Control-Request-Headers", "content-type")
	// Output:
	// GET https://anyone.example -> 200
	//   Access-Control-Allow-Origin: *
	//   Access-Control-Expose-Headers: X-Total-Count
	// OPTIONS https://anyone.example -> 204
	//   Access-Control-Allow-Headers: accept, content-type, x-requested-with
	//   Access-Control-Allow-Methods: GET, HEAD, PUT, PATCH, POST, DELETE
	//   Access-Control-Allow-Origin: *
	//   Access-Control-Max-Age: 3600
	//   Vary: Access-Control-Request-Method, Access-Control-Request-Headers
}

// A single-page application that sends cookies: its origin is echoed with
// Access-Control-Allow-Credentials, and any other origin gets no CORS
// header at all (its preflight a 403).
func ExampleNew_spaWithCredentials() {
	e, err := core.New(core.Policy{
		AllowedOrigins:   []string{"https://app.example.com"},
		AllowedMethods:   []string{"GET", "POST", "PUT", "DELETE"},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		ExposedHeaders:   []string{"X-Total-Count"},
		AllowCredentials: true,
		MaxAge:           600,
	})
	if err != nil {
		panic(err)
	}
	h := middleware(e, items)
	show(h, "OPTIONS", "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
		"Access-Control-Request-Headers", "content-type,authorization")
	show(h, "GET", "Origin", "https://app.example.com")
	show(h, "OPTIONS", "Origin", "https://evil.example", "Access-Control-Request-Method", "DELETE")
	show(h, "GET", "Origin", "https://evil.example")
	// Output:
	// OPTIONS https://app.example.com -> 204
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Headers: content-type, authorization
	//   Access-Control-Allow-Methods: GET, POST, PUT, DELETE
	//   Access-Control-Allow-Origin: https://app.example.com
	//   Access-Control-Max-Age: 600
	//   Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// GET https://app.example.com -> 200
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Origin: https://app.example.com
	//   Access-Control-Expose-Headers: X-Total-Count
	//   Vary: Origin
	// OPTIONS https://evil.example -> 403
	//   Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
	// GET https://evil.example -> 200
	//   Vary: Origin
}

// A subdomain pattern allows every subdomain of example.com, at any depth,
// on the default port, and nothing else: not the apex, not a look-alike,
// not plain http.
func ExampleNew_subdomainPattern() {
	e, err := core.New(core.Policy{AllowedOrigins: []string{"https://*.example.com"}})
	if err != nil {
		panic(err)
	}
	for _, origin := range []string{
		"https://shop.example.com",
		"https://eu.shop.example.com",
		"https://example.com",
		"https://example.com.evil.net",
		"https://evilexample.com",
		"http://shop.example.com",
	} {
		d := e.Evaluate(core.Request{Method: "GET", Origin: []string{origin}})
		allow := "-"
		for _, f := range d.Headers() {
			if f.Name == "Access-Control-Allow-Origin" {
				allow = f.Value
			}
		}
		fmt.Printf("%-30s allow-origin=%s vary=%s\n", origin, allow, d.Vary)
	}
	// Output:
	// https://shop.example.com       allow-origin=https://shop.example.com vary=Origin
	// https://eu.shop.example.com    allow-origin=https://eu.shop.example.com vary=Origin
	// https://example.com            allow-origin=- vary=Origin
	// https://example.com.evil.net   allow-origin=- vary=Origin
	// https://evilexample.com        allow-origin=- vary=Origin
	// http://shop.example.com        allow-origin=- vary=Origin
}

// tenantKey carries the tenant a request belongs to, as an
// authentication or routing middleware would set it.
type tenantKey struct{}

// Origins kept in a database, per tenant: AllowOriginRequestFunc sees the
// request and its context. It is consulted only for a well-formed origin
// that AllowedOrigins does not match, never for "null".
func ExamplePolicy_originsFromDatabase() {
	db := map[string][]string{ // tenant -> the origins of its front ends
		"acme":   {"https://acme.example", "https://shop.acme.example"},
		"globex": {"https://globex.example"},
	}
	e, err := core.New(core.Policy{
		AllowCredentials: true,
		AllowOriginRequestFunc: func(req *core.Request, origin string) bool {
			tenant, _ := req.Ctx().Value(tenantKey{}).(string)
			for _, o := range db[tenant] {
				if o == origin {
					return true
				}
			}
			return false
		},
	})
	if err != nil {
		panic(err)
	}
	withTenant := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := context.WithValue(r.Context(), tenantKey{}, r.Header.Get("X-Tenant"))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
	h := withTenant(middleware(e, items))
	show(h, "GET", "Origin", "https://shop.acme.example", "X-Tenant", "acme")
	show(h, "GET", "Origin", "https://globex.example", "X-Tenant", "acme")
	show(h, "GET", "Origin", "null", "X-Tenant", "acme")
	// Output:
	// GET https://shop.acme.example -> 200
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Origin: https://shop.acme.example
	//   Vary: Origin
	// GET https://globex.example -> 200
	//   Vary: Origin
	// GET null -> 200
	//   Vary: Origin
}

// New refuses a bad policy with every problem at once, each naming the
// field, the value and the fix.
func ExampleNew_badPolicy() {
	_, err := core.New(core.Policy{
		AllowedOrigins:   []string{"https://app.example.com/", "*"},
		AllowCredentials: true,
		MaxAge:           604800,
	})
	fmt.Println(err)
	// Output:
	// cors policy: allowedOrigins[0] "https://app.example.com/": an origin has no trailing slash; write "https://app.example.com"
	// cors policy: allowedOrigins[1] "*": "*" already allows every origin; list "*" alone, or only the origins you trust
	// cors policy: maxAge "604800": no browser caches a preflight longer than 86400 seconds (Chromium: 7200); use at most 86400
}

// Why and Explain tell a refused request's reason, for logs and metrics.
func ExampleDecision_Why() {
	e, _ := core.New(core.Policy{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET", "POST"}})
	d := e.Evaluate(core.Request{
		Method:                     "OPTIONS",
		Origin:                     []string{"https://app.example.com"},
		AccessControlRequestMethod: []string{"PATCH"},
	})
	fmt.Println(d.Status, d.Why())
	fmt.Println(d.Explain())
	// Output:
	// 403 method not allowed: PATCH
	// preflight refused: method "PATCH" not in allowedMethods [GET POST]; add it to allowedMethods
}
