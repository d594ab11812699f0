package core

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// entryScenarios are the requests of the entry benchmarks, under
// benchPolicy, as name and request header pairs.
var entryScenarios = []struct {
	name, method string
	kv           []string
}{
	{"actual-allowed", "GET", []string{"Origin", "https://app.example.com"}},
	{"actual-refused", "GET", []string{"Origin", "https://evil.example.com"}},
	{"no-origin", "GET", nil},
	{"preflight-allowed", "OPTIONS", []string{"Origin", "https://app.example.com",
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type,x-request-id"}},
	{"preflight-refused", "OPTIONS", []string{"Origin", "https://evil.example.com",
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization,content-type,x-request-id"}},
	{"preflight-1000-headers", "OPTIONS", []string{"Origin", "https://app.example.com",
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", thousandHeaders}},
}

// BenchmarkApplyHTTP is the net/http entry alone: read, decide, write into
// a header map that is cleared between requests as a server's is.
func BenchmarkApplyHTTP(b *testing.B) {
	e := mustNew(b, benchPolicy)
	for _, s := range entryScenarios {
		b.Run(s.name, func(b *testing.B) {
			r := httptest.NewRequest(s.method, "/api/items", nil)
			for i := 0; i+1 < len(s.kv); i += 2 {
				r.Header.Add(s.kv[i], s.kv[i+1])
			}
			h := http.Header{}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				clear(h)
				e.ApplyHTTP(r, h)
			}
		})
	}
}

// BenchmarkApplyExchange is the entry for other servers alone, over an
// Exchange that reads from a map and writes nowhere.
func BenchmarkApplyExchange(b *testing.B) {
	e := mustNew(b, benchPolicy)
	for _, s := range entryScenarios {
		b.Run(s.name, func(b *testing.B) {
			x := nopExchange{newFakeExchange(s.method, "/api/items", s.kv...)}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				e.ApplyExchange(x, s.method, "/api/items")
			}
		})
	}
}
