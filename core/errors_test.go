package core

import (
	"errors"
	"strings"
	"testing"
)

// TestConfigErrorsAreTyped checks that errors.As finds each problem New
// reports as its own type, with the field, index and value at fault.
func TestConfigErrorsAreTyped(t *testing.T) {
	origins := func(o ...string) Policy { return Policy{AllowedOrigins: o} }
	tests := []struct {
		name   string
		policy Policy
		target any // a pointer to the typed error wanted
		field  string
		index  int
		value  string
		fix    string // a part of Fix
	}{
		{"origin with a path", origins(app, "https://example.com/app"), new(*OriginError),
			"allowedOrigins", 1, "https://example.com/app", `write "https://example.com"`},
		{"null origin", origins("null"), new(*OriginError), "allowedOrigins", 0, "null", "serve the page from a real origin"},
		{"star with credentials", Policy{AllowedOrigins: []string{"*"}, AllowCredentials: true}, new(*OriginError),
			"allowedOrigins", 0, "*", "list the origins of your front ends"},
		{"empty origin list", Policy{}, new(*ValueError), "allowedOrigins", -1, "", `["https://app.example.com"]`},
		{"lower-case method", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"GET", "put"}}, new(*MethodError),
			"allowedMethods", 1, "put", `write "PUT"`},
		{"forbidden method", Policy{AllowedOrigins: []string{app}, AllowedMethods: []string{"TRACE"}}, new(*MethodError),
			"allowedMethods", 0, "TRACE", "remove it"},
		{"header not a token", Policy{AllowedOrigins: []string{app}, AllowedHeaders: []string{"Accept", "X-Foo:"}}, new(*HeaderError),
			"allowedHeaders", 1, "X-Foo:", "without a colon"},
		{"exposed set-cookie", Policy{AllowedOrigins: []string{app}, ExposedHeaders: []string{"Set-Cookie"}}, new(*HeaderError),
			"exposedHeaders", 0, "Set-Cookie", "remove it"},
		{"maxAge", Policy{AllowedOrigins: []string{app}, MaxAge: 90000}, new(*ValueError), "maxAge", -1, "90000", "at most 86400"},
		{"status", Policy{AllowedOrigins: []string{app}, OptionsSuccessStatus: 302}, new(*ValueError),
			"optionsSuccessStatus", -1, "302", "use 204"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.policy)
			if err == nil {
				t.Fatal("New accepted the policy")
			}
			if !errors.As(err, tt.target) {
				t.Fatalf("errors.As(%v) found no %T", err, tt.target)
			}
			var p *Problem
			switch e := tt.target.(type) {
			case **OriginError:
				p = &(*e).Problem
			case **MethodError:
				p = &(*e).Problem
			case **HeaderError:
				p = &(*e).Problem
			case **ValueError:
				p = &(*e).Problem
			}
			if p.Field != tt.field || p.Index != tt.index || p.Value != tt.value || p.Reason == "" || !strings.Contains(p.Fix, tt.fix) {
				t.Errorf("problem %+v, want field %q index %d value %q and a fix with %q", *p, tt.field, tt.index, tt.value, tt.fix)
			}
		})
	}
}

// TestConfigErrorsFlat checks that New's error is one flat join of typed
// problems whose text is the reason and the fix after the field and value.
func TestConfigErrorsFlat(t *testing.T) {
	_, err := New(Policy{
		AllowedOrigins: []string{"https://a.example.com/"},
		AllowedMethods: []string{"get"},
		AllowedHeaders: []string{"X Foo"},
		MaxAge:         100000,
	})
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %T is not a join", err)
	}
	want := []string{
		`cors policy: allowedOrigins[0] "https://a.example.com/": an origin has no trailing slash; write "https://a.example.com"`,
		`cors policy: allowedMethods[0] "get": browsers always send this method in upper case; write "GET"`,
		`cors policy: allowedHeaders[0] "X Foo": not a header name (an HTTP token, such as X-Request-Id); write the name alone, without a colon, a value or spaces`,
		`cors policy: maxAge "100000": no browser caches a preflight longer than 86400 seconds (Chromium: 7200); use at most 86400`,
	}
	errs := joined.Unwrap()
	if len(errs) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(errs), len(want), err)
	}
	for i, e := range errs {
		if e.Error() != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i, e, want[i])
		}
		switch e.(type) {
		case *OriginError, *MethodError, *HeaderError, *ValueError:
		default:
			t.Errorf("problem %d is a %T", i, e)
		}
	}
	if _, err := New(Policy{}); err == nil || err.Error() != `cors policy: allowedOrigins is empty; list the origins of your front ends, e.g. ["https://app.example.com"], or ["*"] for a public API without credentials` {
		t.Errorf("empty list: %v", err)
	}
}
