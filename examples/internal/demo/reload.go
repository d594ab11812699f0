package demo

import (
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/corskit/corskit/core"
)

// ReloadOnHangup re-reads the policy file path whenever the process gets
// SIGHUP (kill -HUP PID) and gives it to e.Reconfigure, which swaps it in
// atomically: requests in flight finish under the old policy. A file that
// does not load or validate is logged and the old policy keeps serving, so
// a typo never takes the API's CORS down.
func ReloadOnHangup(e *core.Engine, path string) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			Reload(e, path)
		}
	}()
}

// Reload is what ReloadOnHangup does on each signal; it reports whether
// the new policy is in force.
func Reload(e *core.Engine, path string) bool {
	if path == "" {
		log.Print("SIGHUP: no -config file to reload; the built-in demo policy keeps serving")
		return false
	}
	p, err := LoadPolicy(path)
	if err == nil {
		p.Logger = refusals
		err = e.Reconfigure(p)
	}
	if err != nil {
		log.Printf("SIGHUP: %s refused, the old policy keeps serving:\n%v", path, err)
		return false
	}
	log.Printf("SIGHUP: reloaded the CORS policy from %s", path)
	return true
}
