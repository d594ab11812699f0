package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corskit/corskit/examples/internal/demo"
)

// TestAuditExamples runs corscheck audit, as a security team would, against
// every example server with the policies the examples ship: the built-in
// demo policy and examples/cors.json. The audit probes each server with
// untrusted origins built from each trusted front end; a corskit server
// must give no finding and exit 0.
func TestAuditExamples(t *testing.T) {
	check := corscheck(t)
	configs := []struct {
		name string
		args []string // the example's flags besides -addr
		path string   // the policy file, "" for the demo policy
	}{
		{"demo policy", nil, ""},
		{"cors.json", []string{"-config", filepath.Join("..", "cors.json")}, filepath.Join("..", "cors.json")},
	}
	for _, cfg := range configs {
		policy, err := demo.LoadPolicy(cfg.path)
		if err != nil {
			t.Fatal(err)
		}
		if len(policy.AllowedOrigins) == 0 {
			t.Fatalf("%s: no allowed origins to audit with", cfg.name)
		}
		for _, fw := range frameworks {
			t.Run(cfg.name+"/"+fw, func(t *testing.T) {
				srv := start(t, binary(t, fw), append([]string{"-addr", "127.0.0.1:0"}, cfg.args...)...)
				for _, origin := range policy.AllowedOrigins {
					args := []string{"audit", "-json", "-origin", origin}
					if policy.AllowCredentials {
						args = append(args, "-credentials")
					}
					args = append(args, srv.URL+"/api/items")
					code, stdout, stderr := run(t, check, args...)
					var got struct {
						Findings []struct{ Class, Severity, Origin, Summary string }
						Requests int
					}
					if err := json.Unmarshal([]byte(stdout), &got); err != nil {
						t.Fatalf("corscheck %s: output is not JSON (%v):\n%s%s", strings.Join(args, " "), err, stdout, stderr)
					}
					if code != 0 || len(got.Findings) != 0 || got.Requests == 0 {
						t.Errorf("corscheck %s: exit %d with %d findings after %d requests, want 0, none, and some requests:\n%s%s",
							strings.Join(args, " "), code, len(got.Findings), got.Requests, stdout, stderr)
					}
				}
			})
		}
	}
}

// TestAuditExamplesSubdomainPattern audits the examples under a subdomain
// pattern with credentials: the sibling subdomain that the audit probes is
// allowed, which is the pattern working as configured. corscheck must say
// so in a note, without a finding, while refusing every look-alike.
func TestAuditExamplesSubdomainPattern(t *testing.T) {
	check := corscheck(t)
	policy := writePolicy(t, `{
		"allowedOrigins": ["https://*.example.com"],
		"allowedHeaders": ["Content-Type", "Authorization"],
		"allowCredentials": true,
		"maxAge": 600
	}`)
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			srv := start(t, binary(t, fw), "-addr", "127.0.0.1:0", "-config", policy)
			args := []string{"audit", "-origin", "https://app.example.com", "-credentials", srv.URL + "/api/items"}
			code, stdout, stderr := run(t, check, args...)
			text := strings.Join(strings.Fields(stdout), " ") // wherever lines wrap
			if code != 0 || !strings.Contains(text, "result: no findings.") ||
				!strings.Contains(text, "https://sibling-corscheck.example.com, another subdomain of example.com, is allowed") ||
				!strings.Contains(text, "working as configured, not a finding") {
				t.Errorf("corscheck %s: exit %d, want 0, no findings and the note on the pattern:\n%s%s",
					strings.Join(args, " "), code, stdout, stderr)
			}
		})
	}
}
