package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// corscheckBin is cmd/corscheck, built once from the workspace (go.work
// joins its module to this one).
var corscheckBin struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

func corscheck(t *testing.T) string {
	t.Helper()
	binary(t, "gin") // makes the shared build directory
	corscheckBin.once.Do(func() {
		corscheckBin.path = filepath.Join(bin.dir, "corscheck")
		cmd := exec.Command("go", "build", "-o", corscheckBin.path, "github.com/corskit/corskit/cmd/corscheck")
		cmd.Dir = ".."
		corscheckBin.out, corscheckBin.err = cmd.CombinedOutput()
	})
	if corscheckBin.err != nil {
		t.Fatalf("building corscheck: %v\n%s", corscheckBin.err, corscheckBin.out)
	}
	return corscheckBin.path
}

// TestCorscheckAgainstExamples runs corscheck, as a user would, against
// each example server: calls the policy allows must exit 0 with an ALLOWED
// verdict, calls it refuses must exit 1 and name the cause.
func TestCorscheckAgainstExamples(t *testing.T) {
	check := corscheck(t)
	policy := writePolicy(t, `{
		"allowedOrigins": ["https://app.example.com"],
		"allowedHeaders": ["Content-Type", "Authorization"],
		"exposedHeaders": ["X-Total-Count"],
		"allowCredentials": true,
		"maxAge": 600
	}`)
	calls := []struct {
		name     string
		args     []string // before the URL
		path     string
		wantExit int
		want     string // in the output
	}{
		{"simple GET", []string{"-origin", "https://app.example.com"}, "/api/items", 0, "result: ALLOWED"},
		{"credentialed PUT with JSON and Authorization",
			[]string{"-origin", "https://app.example.com", "-method", "PUT", "-header", "Authorization", "-body-type", "application/json", "-credentials"},
			"/api/items/1", 0, "result: ALLOWED"},
		{"DELETE", []string{"-origin", "https://app.example.com", "-method", "DELETE", "-credentials"}, "/api/items/1", 0, "result: ALLOWED"},
		{"refused origin", []string{"-origin", "https://evil.example", "-method", "PUT"}, "/api/items/1", 1, "result: BLOCKED"},
		{"refused header", []string{"-origin", "https://app.example.com", "-method", "PUT", "-header", "X-Api-Key"}, "/api/items/1", 1, "x-api-key"},
		{"lower-case patch", []string{"-origin", "https://app.example.com", "-method", "patch"}, "/api/items/1", 1, "result: BLOCKED"},
		{"simple GET from a refused origin", []string{"-origin", "https://evil.example"}, "/api/items", 1, "Access-Control-Allow-Origin"},
	}
	for _, fw := range frameworks {
		t.Run(fw, func(t *testing.T) {
			srv := start(t, binary(t, fw), "-addr", "127.0.0.1:0", "-config", policy)
			for _, c := range calls {
				args := append(append([]string(nil), c.args...), srv.URL+c.path)
				code, stdout, stderr := run(t, check, args...)
				if code != c.wantExit || !strings.Contains(stdout, c.want) {
					t.Errorf("%s: corscheck %s: exit %d, want %d with %q in:\n%s%s",
						c.name, strings.Join(args, " "), code, c.wantExit, c.want, stdout, stderr)
				}
			}
		})
	}
}
