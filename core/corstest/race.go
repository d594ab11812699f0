package corstest

import (
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/corskit/corskit/core"
)

// The two policies RunReconfigure swaps between. Every field that shows
// in an answer differs, so that an answer mixing them is caught: the
// origin, credentials, methods, headers, exposed headers, max age and the
// status of an accepted preflight.
var (
	SwapA = core.Policy{
		AllowedOrigins:   []string{"https://a.example"},
		AllowedMethods:   []string{"GET", "PUT"},
		AllowedHeaders:   []string{"X-A"},
		ExposedHeaders:   []string{"X-A"},
		AllowCredentials: true,
		MaxAge:           100,
	}
	SwapB = core.Policy{
		AllowedOrigins:       []string{"https://b.example"},
		AllowedMethods:       []string{"GET", "PATCH"},
		AllowedHeaders:       []string{"X-B"},
		ExposedHeaders:       []string{"X-B"},
		MaxAge:               200,
		OptionsSuccessStatus: 200,
	}
)

// swapCase is one kind of request RunReconfigure sends, with its answer
// under each policy.
type swapCase struct{ a, b Case }

// swapCases are the requests: allowed under one policy and refused under
// the other, refused under both, and not CORS.
func swapCases() []swapCase {
	none := map[string]string{}
	refused := func(name, method string, h http.Header) Case {
		c := Case{Name: name, Method: method, Header: h, Status: HandlerStatus, Next: true, Want: none, WantVary: vary(varyOrigin)}
		if method == "OPTIONS" {
			c.Status, c.Next, c.WantVary = 403, false, vary(varyPreflight)
		}
		return c
	}
	both := func(c Case) swapCase { return swapCase{c, c} }
	return []swapCase{
		{
			a: Case{Name: "actual from a under A", Method: "GET", Header: hdr("Origin", "https://a.example"),
				Status: HandlerStatus, Next: true, WantVary: vary(varyOrigin),
				Want: map[string]string{acao: "https://a.example", acac: "true", aceh: "X-A"}},
			b: refused("actual from a under B", "GET", hdr("Origin", "https://a.example")),
		},
		{
			a: refused("actual from b under A", "POST", hdr("Origin", "https://b.example")),
			b: Case{Name: "actual from b under B", Method: "POST", Header: hdr("Origin", "https://b.example"),
				Status: HandlerStatus, Next: true, WantVary: vary(varyOrigin),
				Want: map[string]string{acao: "https://b.example", aceh: "X-B"}},
		},
		{
			a: Case{Name: "preflight from a under A", Method: "OPTIONS", Header: preflight("https://a.example", "PUT", "x-a"),
				Status: 204, WantVary: vary(varyPreflight),
				Want: map[string]string{acao: "https://a.example", acac: "true", acam: "GET, PUT", acah: "x-a", acma: "100"}},
			b: refused("preflight from a under B", "OPTIONS", preflight("https://a.example", "PUT", "x-a")),
		},
		{
			a: refused("preflight from b under A", "OPTIONS", preflight("https://b.example", "PATCH", "x-b")),
			b: Case{Name: "preflight from b under B", Method: "OPTIONS", Header: preflight("https://b.example", "PATCH", "x-b"),
				Status: 200, WantVary: vary(varyPreflight),
				Want: map[string]string{acao: "https://b.example", acam: "GET, PATCH", acah: "x-b", acma: "200"}},
		},
		both(refused("actual from a refused origin", "GET", hdr("Origin", "https://evil.example"))),
		both(refused("preflight from a refused origin", "OPTIONS", preflight("https://evil.example", "PUT", "x-a"))),
		both(refused("no Origin", "GET", nil)),
	}
}

// The load of RunReconfigure: swapSenders goroutines of swapRequests
// requests each; each sender waits for a new policy every swapEvery
// requests, so that every sender sees the policy change under it several
// times.
const (
	swapSenders  = 16
	swapRequests = 200
	swapEvery    = 50
)

// runReconfigure drives one server built by target from 16 goroutines
// at once, 200 requests each of every kind, while another goroutine swaps
// the engine between SwapA and SwapB with Reconfigure in a loop. Each
// answer must be wholly under one policy: never, say, A's origin with B's
// exposed headers. Run it with -race.
func runReconfigure(t *testing.T, target Target) {
	e, err := core.New(SwapA)
	if err != nil {
		t.Fatal(err)
	}
	send := target(t, e)
	cases := swapCases()

	var swaps atomic.Int64
	stop := make(chan struct{})
	swapperDone := make(chan struct{})
	go func() {
		defer close(swapperDone)
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			p := SwapA
			if i%2 == 1 {
				p = SwapB
			}
			if err := e.Reconfigure(p); err != nil {
				t.Errorf("Reconfigure: %v", err)
				return
			}
			swaps.Add(1)
		}
	}()

	var sawA, sawB, failures atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < swapSenders; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < swapRequests && failures.Load() < 10; i++ {
				if i%swapEvery == 0 && !awaitSwap(&swaps, swapperDone) {
					return
				}
				sc := cases[(g+i)%len(cases)]
				resp := send(sc.a.Request())
				errA, errB := sc.a.Check(resp), sc.b.Check(resp)
				resp.Body.Close()
				switch {
				case errA != nil && errB != nil:
					failures.Add(1)
					t.Errorf("an answer from neither policy, or from both mixed:\nunder A: %v\nunder B: %v", errA, errB)
				case errB != nil:
					sawA.Add(1)
				case errA != nil:
					sawB.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	close(stop)
	<-swapperDone
	t.Logf("%d requests, %d answers only policy A gives, %d only policy B gives, %d swaps",
		swapSenders*swapRequests, sawA.Load(), sawB.Load(), swaps.Load())
	if sawA.Load() == 0 || sawB.Load() == 0 {
		t.Errorf("one policy never answered (A %d, B %d): the swaps did not overlap the requests", sawA.Load(), sawB.Load())
	}
}

// awaitSwap waits, yielding, until the policy has been swapped again; it
// reports false when the swapper has stopped. It paces the senders
// against the swapper without sleeping.
func awaitSwap(swaps *atomic.Int64, done <-chan struct{}) bool {
	last := swaps.Load()
	for swaps.Load() == last {
		select {
		case <-done:
			return false
		default:
			runtime.Gosched()
		}
	}
	return true
}

// runFollowsReconfigure checks, one request at a time, that middleware
// built on an Engine serves the engine's current policy: SwapA's answers
// before Reconfigure, SwapB's after it, and still SwapB's after a
// Reconfigure that is refused. runReconfigure checks the same under load.
func runFollowsReconfigure(t *testing.T, target Target) {
	t.Helper()
	e, err := core.New(SwapA)
	if err != nil {
		t.Fatal(err)
	}
	send := target(t, e)
	check := func(when string, b bool) {
		t.Helper()
		for _, sc := range swapCases() {
			want := sc.a
			if b {
				want = sc.b
			}
			resp := send(want.Request())
			if err := want.Check(resp); err != nil {
				t.Errorf("%s, %s: %v", when, want.Name, err)
			}
			resp.Body.Close()
		}
	}
	check("before Reconfigure", false)
	if err := e.Reconfigure(SwapB); err != nil {
		t.Fatal(err)
	}
	check("after Reconfigure", true)
	if err := e.Reconfigure(core.Policy{}); err == nil {
		t.Fatal("Reconfigure accepted the zero Policy")
	}
	check("after a refused Reconfigure", true)
}
