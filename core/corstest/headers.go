package corstest

import (
	"net/http"
	"sync"
	"testing"

	"github.com/corskit/corskit/core"
)

// Request headers that steer a Target's server, so that header cases run
// through every adapter's one Target instead of a server built per test.
// A Target honours them as follows:
//
//   - PresetVaryHeader: middleware installed before the CORS middleware
//     adds each line of it to the response's Vary, one Add per line, the
//     way compression middleware adds Accept-Encoding (PresetVary,
//     AddPresetVary).
//   - EditHeader: the route's handler edits in place the values the
//     middleware set, rs/cors #198's handler: the first value of
//     Access-Control-Allow-Origin, Access-Control-Expose-Headers and Vary
//     becomes "edited", and each slice is appended to (editInPlace). A
//     server on another header type does the same through its own API,
//     overwriting the bytes it is given.
//   - HandlerHeadersHeader: the route's handler sets headers of its own
//     (setHandlerHeaders): X-Total-Count: 3, Cache-Control: no-store, and
//     adds Vary: Accept.
//
// Handler does both handler parts for net/http.
const (
	PresetVaryHeader     = "X-Corstest-Preset-Vary"
	EditHeader           = "X-Corstest-Edit"
	HandlerHeadersHeader = "X-Corstest-Handler-Headers"
)

// Edited is what editInPlace writes over the values it edits.
const Edited = "edited"

// AddPresetVary adds each PresetVaryHeader line of r to h's Vary: the body
// of an earlier middleware, for routers whose middleware is not an
// http.Handler wrapper.
func AddPresetVary(h http.Header, r *http.Request) {
	for _, v := range r.Header.Values(PresetVaryHeader) {
		h.Add("Vary", v)
	}
}

// PresetVary is AddPresetVary as net/http middleware: install it before
// the CORS middleware.
func PresetVary(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		AddPresetVary(w.Header(), r)
		next.ServeHTTP(w, r)
	})
}

// editInPlace edits the CORS values in h the way rs/cors #198's handler
// did: it writes Edited over the first value of each, in the slice the
// middleware put there, and appends to the slice, which reuses its
// backing array when it has room.
func editInPlace(h http.Header) {
	for _, name := range []string{acao, aceh, "Vary"} {
		if v := h[name]; len(v) > 0 {
			v[0] = Edited
			h[name] = append(v, Edited)
		}
	}
}

// setHandlerHeaders sets the headers a handler asked by
// HandlerHeadersHeader sets.
func setHandlerHeaders(h http.Header) {
	h.Set("X-Total-Count", "3")
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "Accept")
}

// presetVary builds request headers that ask for the given preset Vary
// lines, on top of h.
func presetVary(h http.Header, lines ...string) http.Header {
	h = h.Clone()
	if h == nil {
		h = http.Header{}
	}
	h[PresetVaryHeader] = append([]string(nil), lines...)
	return h
}

// with returns h with name set to "1".
func with(h http.Header, name string) http.Header {
	h = h.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Set(name, "1")
	return h
}

// headerCases are the cases of RunHeaders: what the middleware does to
// headers other middleware and the handler set.
func headerCases() []Case {
	const origin = "https://app.example.com"
	get := hdr("Origin", origin)
	pre := preflight(origin, "PUT", "content-type")
	one := core.Policy{AllowedOrigins: []string{origin}, AllowedHeaders: []string{"Content-Type"}, ExposedHeaders: []string{"X-Total-Count"}}
	ok := map[string]string{acao: origin, aceh: "X-Total-Count"}
	preOK := map[string]string{acao: origin, acam: defaultMethods, acah: "content-type"}
	star := map[string]string{acao: "*", aceh: "X-Total-Count"}
	actual := func(name string, p core.Policy, h http.Header, want map[string]string, wantVary string) Case {
		return Case{Name: name, Policy: p, Method: "GET", Header: h, Status: HandlerStatus, Next: true, Want: want, WantVary: vary(wantVary)}
	}
	preflightCase := func(name string, h http.Header, wantVary string) Case {
		return Case{Name: name, Policy: one, Method: "OPTIONS", Header: h, Status: 204, Want: preOK, WantVary: vary(wantVary)}
	}
	handlers := func(want map[string]string) map[string]string {
		out := map[string]string{"X-Total-Count": "3", "Cache-Control": "no-store"}
		for k, v := range want {
			out[k] = v
		}
		return out
	}
	return []Case{
		actual("preset Accept-Encoding survives and Origin is appended", one,
			presetVary(get, "Accept-Encoding"), ok, "Accept-Encoding, Origin"),
		actual("preset Accept-Encoding survives a request without Origin", one,
			presetVary(nil, "Accept-Encoding"), map[string]string{}, "Accept-Encoding, Origin"),
		actual("preset Accept-Encoding survives a refused origin", one,
			presetVary(hdr("Origin", "https://evil.example"), "Accept-Encoding"), map[string]string{}, "Accept-Encoding, Origin"),
		actual("two preset lines survive and Origin is appended", one,
			presetVary(get, "Accept-Encoding", "Accept-Language"), ok, "Accept-Encoding, Accept-Language, Origin"),
		actual("preset Origin is not repeated", one,
			presetVary(get, "Origin"), ok, "Origin"),
		actual("preset lower-case origin is not repeated", one,
			presetVary(get, "accept-encoding, origin"), ok, "accept-encoding, origin"),
		actual("preset star stays alone", one,
			presetVary(get, "*"), ok, "*"),
		actual("preset Vary survives a policy that adds none", PlainStar,
			presetVary(hdr("Origin", "https://anyone.test"), "Accept-Encoding"), star, "Accept-Encoding"),
		preflightCase("preflight after preset Accept-Encoding appends its three",
			presetVary(pre, "Accept-Encoding"), "Accept-Encoding, "+varyPreflight),
		preflightCase("preflight after preset Origin adds only the missing tokens",
			presetVary(pre, "Origin"), varyPreflight),
		preflightCase("preflight after two preset lines adds only the missing tokens",
			presetVary(pre, "Accept-Encoding", "Origin"), "Accept-Encoding, "+varyPreflight),
		preflightCase("preflight after preset star adds nothing",
			presetVary(pre, "*"), "*"),
		actual("handler's own headers and Vary are kept beside the CORS ones", one,
			with(get, HandlerHeadersHeader), handlers(ok), "Origin, Accept"),
		actual("handler's own headers are kept after preset Vary", one,
			with(presetVary(get, "Accept-Encoding"), HandlerHeadersHeader), handlers(ok), "Accept-Encoding, Origin, Accept"),
		actual("handler's own headers are kept on a request without Origin", one,
			with(nil, HandlerHeadersHeader), handlers(map[string]string{}), "Origin, Accept"),
	}
}

// The load of RunIsolation's concurrent part.
const (
	isolationSenders  = 8
	isolationRequests = 100
)

// runIsolation is rs/cors #198: a handler that edits, in place, the
// header values the middleware set (EditHeader) must not change the next
// response. For each policy it builds one server, sends an editing
// request then a clean one three times, then the same from 8 goroutines
// 100 times each, for the race detector. Each clean answer must carry
// exactly the policy's values, and each editing answer must show the
// edit, or the test did not test anything.
func runIsolation(t *testing.T, target Target) {
	const origin = "https://app.example.com"
	for _, c := range []Case{
		{Name: "credentialed", Policy: App, Method: "GET", Header: hdr("Origin", origin), Status: HandlerStatus, Next: true,
			Want: map[string]string{acao: origin, acac: "true", aceh: "X-Total-Count, X-Request-Id"}, WantVary: vary(varyOrigin)},
		{Name: "plain star", Policy: PlainStar, Method: "GET", Header: hdr("Origin", origin), Status: HandlerStatus, Next: true,
			Want: map[string]string{acao: "*", aceh: "X-Total-Count"}, WantVary: vary("")},
		{Name: "after preset Vary", Policy: App, Method: "GET", Header: presetVary(hdr("Origin", origin), "Accept-Encoding"),
			Status: HandlerStatus, Next: true,
			Want: map[string]string{acao: origin, acac: "true", aceh: "X-Total-Count, X-Request-Id"}, WantVary: vary("Accept-Encoding, Origin")},
	} {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			e, err := core.New(c.Policy)
			if err != nil {
				t.Fatal(err)
			}
			send := target(t, e)
			edit := c
			edit.Header = with(c.Header, EditHeader)
			pair := func() bool {
				resp := send(edit.Request())
				got := resp.Header.Get(acao)
				resp.Body.Close()
				if got == c.Want[acao] {
					t.Errorf("the editing request's answer has %s %q: the handler did not edit it, or another response's header overwrote it", acao, got)
					return false
				}
				resp = send(c.Request())
				defer resp.Body.Close()
				if err := c.Check(resp); err != nil {
					t.Errorf("after an editing request: %v", err)
					return false
				}
				return true
			}
			for i := 0; i < 3; i++ {
				if !pair() {
					return
				}
			}
			var wg sync.WaitGroup
			for g := 0; g < isolationSenders; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < isolationRequests && pair(); i++ {
					}
				}()
			}
			wg.Wait()
		})
	}
}
