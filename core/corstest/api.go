package corstest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/corskit/corskit/core"
)

// RunAPI checks an adapter's constructors against the core: for the bad
// policy, newFn (the adapter's New, which should itself report a non-nil
// middleware alongside an error) must return exactly core.New's error, of
// the same type and still unwrapping as the core's joined error, and mustFn
// (the adapter's Must) must panic with it. The zero Policy's error must
// unwrap as joined too.
func RunAPI(t *testing.T, bad core.Policy, newFn func(core.Policy) error, mustFn func(core.Policy)) {
	t.Helper()
	_, want := core.New(bad)
	if want == nil {
		t.Fatal("core accepted the bad policy")
	}
	err := newFn(bad)
	if err == nil {
		t.Fatalf("New accepted the bad policy; want %v", want)
	}
	if err.Error() != want.Error() || reflect.TypeOf(err) != reflect.TypeOf(want) {
		t.Errorf("New's error = %T %q, want the core's %T %q", err, err, want, want)
	}
	var joined interface{ Unwrap() []error }
	for _, e := range []error{err, newFn(core.Policy{})} {
		if !errors.As(e, &joined) || len(joined.Unwrap()) == 0 {
			t.Errorf("error %v (%T) is not the core's joined error", e, e)
		}
	}
	func() {
		defer func() {
			r := recover()
			got, ok := r.(error)
			if !ok || got.Error() != want.Error() || reflect.TypeOf(got) != reflect.TypeOf(want) {
				t.Errorf("Must panicked with %T %v, want the core's error %q", r, r, want)
			}
		}()
		mustFn(bad)
		t.Error("Must did not panic")
	}()
}
