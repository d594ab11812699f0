//go:build unix

package e2e

import (
	"os"
	"syscall"
	"testing"
)

// TestReloadOnHangup changes an example's policy file and sends SIGHUP:
// the new origins apply without a restart, and a bad file is refused while
// the last good policy keeps serving.
func TestReloadOnHangup(t *testing.T) {
	const (
		a = "https://a.example.com"
		b = "https://b.example.com"
	)
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			config := writePolicy(t, `{"allowedOrigins": ["`+a+`"]}`)
			srv := start(t, binary(t, fw), "-addr", "127.0.0.1:0", "-config", config)
			allows := func(origin string) bool {
				h, _ := do(t, srv.URL, call{name: "GET from " + origin, method: "GET", path: "/api/items",
					header: map[string]string{"Origin": origin}, status: 200})
				return h.Get("Access-Control-Allow-Origin") == origin
			}
			hangup := func(contents, logLine string, n int) {
				if err := os.WriteFile(config, []byte(contents), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := srv.cmd.Process.Signal(syscall.SIGHUP); err != nil {
					t.Fatal(err)
				}
				srv.waitFor(t, logLine, n)
			}

			if !allows(a) || allows(b) {
				t.Fatalf("before SIGHUP: want %s allowed and %s refused", a, b)
			}
			hangup(`{"allowedOrigins": ["`+b+`"]}`, "SIGHUP: reloaded", 1)
			if allows(a) || !allows(b) {
				t.Errorf("after SIGHUP: want %s refused and %s allowed", a, b)
			}
			hangup(`{"allowedOrigins": ["*"], "allowCredentials": true}`, "the old policy keeps serving", 1)
			if allows(a) || !allows(b) {
				t.Errorf("after SIGHUP with a bad file: want the last good policy, %s only", b)
			}
			hangup(`{"allowedOrigins": [`, "the old policy keeps serving", 2)
			if !allows(b) {
				t.Errorf("after SIGHUP with broken JSON: want the last good policy, %s only", b)
			}
		})
	}
}
