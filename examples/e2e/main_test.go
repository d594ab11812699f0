// Package e2e runs the example servers as a user would, as built binaries
// on 127.0.0.1, and checks them from outside: over plain HTTP for the
// contract of the README's Examples section, and through headless Chromium
// for what a page's JavaScript can and cannot read.
package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// frameworks are the examples under test, each a directory of the module.
var frameworks = []string{"gin", "echo", "echo5", "fiber", "fiber3", "chi", "http"}

func TestMain(m *testing.M) {
	code := m.Run()
	if bin.dir != "" {
		os.RemoveAll(bin.dir)
	}
	stopBrowser()
	os.Exit(code)
}

// bin holds the examples, built once for the whole run: building the four
// frameworks costs far more than running them.
var bin struct {
	once sync.Once
	dir  string
	err  error
}

// binary returns the path of the built example name ("gin", ..., "browser").
func binary(t *testing.T, name string) string {
	t.Helper()
	bin.once.Do(func() {
		bin.dir, bin.err = os.MkdirTemp("", "corskit-examples-")
		if bin.err != nil {
			return
		}
		args := []string{"build", "-o", bin.dir + string(filepath.Separator)}
		for _, fw := range append(frameworks, "browser") {
			args = append(args, "./"+fw)
		}
		cmd := exec.Command("go", args...)
		cmd.Dir = ".." // the examples module
		if out, err := cmd.CombinedOutput(); err != nil {
			bin.err = fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	})
	if bin.err != nil {
		t.Fatal(bin.err)
	}
	path := filepath.Join(bin.dir, name)
	if runtime.GOOS == "windows" {
		path += ".exe"
	}
	return path
}

// listening matches the line every example logs once it accepts
// connections.
var listening = regexp.MustCompile(`listening on (http://\S+)`)

// proc is a running example. It is its own stdout and stderr, so that the
// test can wait for log lines and show the whole log when a check fails.
type proc struct {
	URL    string
	cmd    *exec.Cmd
	exited chan struct{}
	ready  chan string

	mu  sync.Mutex
	out bytes.Buffer
}

func (p *proc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.out.Write(b)
	if p.ready != nil {
		if m := listening.FindSubmatch(p.out.Bytes()); m != nil {
			p.ready <- string(m[1])
			p.ready = nil
		}
	}
	return len(b), nil
}

// Output returns everything the process has logged so far.
func (p *proc) Output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// start runs the binary with args, waits until it logs that it is
// listening, and stops it when the test ends, showing its log if the test
// failed.
func start(t *testing.T, path string, args ...string) *proc {
	t.Helper()
	ready := make(chan string, 1)
	p := &proc{cmd: exec.Command(path, args...), exited: make(chan struct{}), ready: ready}
	p.cmd.Stdout, p.cmd.Stderr = p, p
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			t.Logf("log of %s %s:\n%s", filepath.Base(path), strings.Join(args, " "), p.Output())
		}
	})
	select {
	case p.URL = <-ready:
		return p
	case <-p.exited:
		t.Fatalf("%s exited before listening: %v\n%s", filepath.Base(path), p.cmd.ProcessState, p.Output())
	case <-time.After(15 * time.Second):
		t.Fatalf("%s did not log %q within 15s:\n%s", filepath.Base(path), "listening on", p.Output())
	}
	return nil
}

// waitFor waits until the process has logged s n times in all.
func (p *proc) waitFor(t *testing.T, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(p.Output(), s) < n {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in the log within 10s:\n%s", s, p.Output())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writePolicy writes a policy file for an example's -config and returns
// its path.
func writePolicy(t *testing.T, json string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cors.json")
	if err := os.WriteFile(path, []byte(json), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs the binary to completion and returns its exit status, stdout
// and stderr. It fails the test if the binary is still running after 15s,
// which for a bad -config means that it started serving.
func run(t *testing.T, path string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s %s still running after 15s:\n%s%s", filepath.Base(path), strings.Join(args, " "), out.String(), errOut.String())
	}
	return 0, "", ""
}
