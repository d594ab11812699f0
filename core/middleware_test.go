package core

import (
	"errors"
	"testing"
)

func TestMiddleware(t *testing.T) {
	from := func(e *Engine) func() *Engine { return func() *Engine { return e } }
	m, err := Middleware(Policy{AllowedOrigins: []string{"https://app.example.com"}}, from)
	if err != nil || m == nil || m() == nil {
		t.Fatalf("Middleware(good policy): nil middleware or error %v", err)
	}
	bad := Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true}
	_, want := New(bad)
	m, err = Middleware(bad, from)
	if m != nil || err == nil || err.Error() != want.Error() {
		t.Errorf("Middleware(bad policy): middleware nil %v, error %v; want nil and New's error %v", m == nil, err, want)
	}
	var oe *OriginError
	if !errors.As(err, &oe) {
		t.Errorf("Middleware's error %v does not hold New's typed problems", err)
	}
	defer func() {
		if r, ok := recover().(error); !ok || r.Error() != want.Error() {
			t.Errorf("MustMiddleware panicked with %v, want New's error", r)
		}
	}()
	MustMiddleware(bad, from)
	t.Error("MustMiddleware did not panic on a bad policy")
}
