package method

import "testing"

func TestIsForbidden(t *testing.T) {
	for m, want := range map[string]bool{
		"CONNECT": true, "connect": true, "Connect": true,
		"TRACE": true, "trace": true, "TRACK": true, "tRaCk": true,
		"GET": false, "PATCH": false, "TRACES": false, "CONNEC": false, "": false,
	} {
		if got := IsForbidden(m); got != want {
			t.Errorf("IsForbidden(%q) = %v, want %v", m, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for m, want := range map[string]string{
		"get": "GET", "Get": "GET", "GET": "GET", "delete": "DELETE", "head": "HEAD",
		"options": "OPTIONS", "post": "POST", "put": "PUT", "Put": "PUT",
		// Only those six: any other method is sent as written.
		"patch": "patch", "Patch": "Patch", "PATCH": "PATCH", "purge": "purge", "": "",
	} {
		if got := Normalize(m); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", m, got, want)
		}
	}
}

func TestIsSafelisted(t *testing.T) {
	for m, want := range map[string]bool{
		"GET": true, "HEAD": true, "POST": true,
		"get": false, "Post": false, "PUT": false, "PATCH": false, "OPTIONS": false, "": false,
	} {
		if got := IsSafelisted(m); got != want {
			t.Errorf("IsSafelisted(%q) = %v, want %v", m, got, want)
		}
	}
}

func TestIsToken(t *testing.T) {
	for m, want := range map[string]bool{
		"GET": true, "PROPFIND": true, "M-SEARCH": true, "patch": true,
		"": false, "PU T": false, "GET\t": false, "GÉT": false, "A/B": false, "a:b": false,
	} {
		if got := IsToken(m); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", m, got, want)
		}
	}
}
