package core

import (
	"errors"
	"strings"
	"testing"
)

// TestLoadJSONRefusesRepeatedKeys checks that a key written twice is an
// error naming the key and both lines, rather than the last silently
// winning.
func TestLoadJSONRefusesRepeatedKeys(t *testing.T) {
	tests := []struct {
		name, json string
		key        string
		line       int
		want       string
	}{
		{"credentials true then false", `{"allowCredentials": true, "allowCredentials": false}`, "allowCredentials", 1,
			`cors policy: repeated key "allowCredentials" on line 1; keep only one (the first is on line 1): otherwise the last silently wins`},
		{"origins on two lines", "{\n\"allowedOrigins\": [\"https://a.example.com\"],\n\"maxAge\": 60,\n\"allowedOrigins\": [\"*\"]\n}",
			"allowedOrigins", 4, `repeated key "allowedOrigins" on line 4; keep only one (the first is on line 2)`},
		{"three times", `{"maxAge": 1, "maxAge": 2, "maxAge": 3}`, "maxAge", 1, `repeated key "maxAge"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := LoadJSON(strings.NewReader(tt.json))
			if err == nil {
				t.Fatalf("LoadJSON accepted %s as %+v", tt.json, p)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			var ke *KeyError
			if !errors.As(err, &ke) {
				t.Fatalf("error %v holds no *KeyError", err)
			}
			if ke.Field != tt.key || ke.Line != tt.line || ke.Index != -1 || ke.Reason != "repeated key" {
				t.Errorf("KeyError %+v, want key %q on line %d", *ke, tt.key, tt.line)
			}
		})
	}
	// "maxAge" three times is two repeats.
	_, err := LoadJSON(strings.NewReader(`{"maxAge": 1, "maxAge": 2, "maxAge": 3}`))
	if n := strings.Count(err.Error(), "repeated key"); n != 2 {
		t.Errorf("%d repeats reported, want 2: %v", n, err)
	}
	// Keys differing in case are two keys, the second unknown; the same
	// name nested in a value is no repeat.
	if _, err := LoadJSON(strings.NewReader(`{"maxAge": 1, "maxage": 2}`)); err == nil || strings.Contains(err.Error(), "repeated") {
		t.Errorf("maxAge and maxage: %v", err)
	}
	if _, err := LoadJSON(strings.NewReader(`{"allowedOrigins": ["https://a.example.com"], "allowedHeaders": ["allowedOrigins"]}`)); err != nil {
		t.Errorf("a value equal to a key: %v", err)
	}
}

// TestLoadErrorsAreTyped checks that errors.As finds an unknown key and a
// bad environment variable as typed errors.
func TestLoadErrorsAreTyped(t *testing.T) {
	_, err := LoadJSON(strings.NewReader(`{"allowOrigins": ["https://a.example.com"]}`))
	var ke *KeyError
	if !errors.As(err, &ke) || ke.Field != "allowOrigins" || ke.Reason != "unknown key" || !strings.Contains(ke.Fix, "allowedOrigins") {
		t.Errorf("unknown key: %v as %+v", err, ke)
	}

	clearEnv(t, "CORS")
	t.Setenv("CORS_MAX_AGE", "10m")
	_, err = FromEnv("CORS")
	var ee *EnvError
	if !errors.As(err, &ee) || ee.Field != "CORS_MAX_AGE" || ee.Value != "10m" || ee.Index != -1 || ee.Fix != "write one like 600" {
		t.Errorf("bad variable: %v as %+v", err, ee)
	}
}
