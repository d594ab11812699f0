package modproxy

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeTree creates files (slash-separated path -> content) under root.
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sampleRepo is a repository example.com/repo with a library module lib and
// a module ext that requires lib through a local replace, as the adapters do.
var sampleRepo = map[string]string{
	"LICENSE":                       "MIT License\n\nCopyright (c) the sample authors\n",
	"lib/go.mod":                    "module example.com/repo/lib\n\ngo 1.21\n",
	"lib/lib.go":                    "package lib\n\n// Hello greets.\nfunc Hello() string { return \"hello\" }\n",
	"lib/internal/x/x.go":           "package x\n",
	"lib/nested/go.mod":             "module example.com/repo/lib/nested\n\ngo 1.21\n",
	"lib/nested/nested.go":          "package nested\n",
	"lib/vendor/example.org/v/v.go": "package v\n",
	"ext/go.mod": `module example.com/repo/ext

go 1.21

require example.com/repo/lib v0.1.0

// the working tree's lib, for local development
replace example.com/repo/lib => ../lib
`,
	"ext/ext.go": "package ext\n\nimport \"example.com/repo/lib\"\n\n// Hello greets through lib.\nfunc Hello() string { return lib.Hello() + \" from ext\" }\n",
}

func buildSample(t *testing.T, files map[string]string, version string) (string, []Published, error) {
	t.Helper()
	root, out := t.TempDir(), t.TempDir()
	writeTree(t, root, files)
	pub, err := Build(Options{
		Root:     root,
		RepoPath: "example.com/repo",
		Dirs:     []string{"lib", "ext"},
		Version:  version,
		Time:     time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
		Out:      out,
	})
	return out, pub, err
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// zipContents returns the zip's files by name.
func zipContents(t *testing.T, name string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := make(map[string]string)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
	}
	return out
}

func TestBuildLayout(t *testing.T) {
	out, pub, err := buildSample(t, sampleRepo, "v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if len(pub) != 2 || pub[0].Tag != "lib/v0.1.0" || pub[1].Tag != "ext/v0.1.0" {
		t.Fatalf("published %+v", pub)
	}
	for _, p := range pub {
		if !strings.HasPrefix(p.Hash, "h1:") {
			t.Errorf("%s: hash %q", p.Path, p.Hash)
		}
	}
	if got := pub[1].Stripped; !slices.Equal(got, []string{"example.com/repo/lib => ../lib"}) {
		t.Errorf("stripped %q", got)
	}

	v := filepath.Join(out, "example.com", "repo", "ext", "@v")
	if got := readFile(t, filepath.Join(v, "list")); got != "v0.1.0\n" {
		t.Errorf("list %q", got)
	}
	var info struct {
		Version string
		Time    time.Time
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(v, "v0.1.0.info"))), &info); err != nil {
		t.Fatal(err)
	}
	if info.Version != "v0.1.0" || !info.Time.Equal(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("info %+v", info)
	}

	mod := readFile(t, filepath.Join(v, "v0.1.0.mod"))
	if strings.Contains(mod, "replace") || !strings.Contains(mod, "require example.com/repo/lib v0.1.0") {
		t.Errorf(".mod not stripped of replace only:\n%s", mod)
	}
	files := zipContents(t, filepath.Join(v, "v0.1.0.zip"))
	if got := files["example.com/repo/ext@v0.1.0/go.mod"]; got != mod {
		t.Errorf("zip go.mod differs from .mod:\n%s\n---\n%s", got, mod)
	}

	libFiles := zipContents(t, filepath.Join(out, "example.com", "repo", "lib", "@v", "v0.1.0.zip"))
	var names []string
	for name := range libFiles {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{
		"example.com/repo/lib@v0.1.0/LICENSE",
		"example.com/repo/lib@v0.1.0/go.mod",
		"example.com/repo/lib@v0.1.0/internal/x/x.go",
		"example.com/repo/lib@v0.1.0/lib.go",
	}
	if !slices.Equal(names, want) {
		t.Errorf("lib zip holds %q, want %q (the repository's LICENSE in, nested module and vendor left out)", names, want)
	}
	if got := libFiles["example.com/repo/lib@v0.1.0/LICENSE"]; got != sampleRepo["LICENSE"] {
		t.Errorf("the zip's LICENSE is %q, want the repository's", got)
	}
	if got := libFiles["example.com/repo/lib@v0.1.0/go.mod"]; got != sampleRepo["lib/go.mod"] {
		t.Errorf("a go.mod without replace must be served unchanged, got %q", got)
	}
}

func TestBuildAddsToList(t *testing.T) {
	root, out := t.TempDir(), t.TempDir()
	writeTree(t, root, sampleRepo)
	for _, v := range []string{"v0.2.0", "v0.1.0", "v0.2.0"} {
		if _, err := Build(Options{Root: root, RepoPath: "example.com/repo", Dirs: []string{"lib"}, Version: v, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	if got := readFile(t, filepath.Join(out, "example.com", "repo", "lib", "@v", "list")); got != "v0.1.0\nv0.2.0\n" {
		t.Errorf("list %q", got)
	}
}

func TestBuildRefuses(t *testing.T) {
	withFile := func(name, content string) map[string]string {
		files := make(map[string]string)
		for k, v := range sampleRepo {
			files[k] = v
		}
		files[name] = content
		return files
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		version string
		want    string
	}{
		{"path does not match folder", withFile("lib/go.mod", "module example.com/repo/library\n\ngo 1.21\n"), "v0.1.0", "serves module example.com/repo/lib"},
		{"version not canonical", sampleRepo, "v0.1", "not a canonical"},
		{"major version without suffix", sampleRepo, "v2.0.0", "v2"},
		{"requirement newer than release", withFile("ext/go.mod", "module example.com/repo/ext\n\ngo 1.21\n\nrequire example.com/repo/lib v0.3.0\n"), "v0.2.0", "newer than the version being published"},
		{"missing go.mod", withFile("lib/go.mod", ""), "v0.1.0", "no module directive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildSample(t, tc.files, tc.version)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestGoCommandReadsProxy has the go command fetch and build ext through the
// proxy, from a consumer module in a fresh module cache.
func TestGoCommandReadsProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, pub, err := buildSample(t, sampleRepo, "v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	consumer := t.TempDir()
	writeTree(t, consumer, map[string]string{
		"go.mod":  "module example.com/consumer\n\ngo 1.21\n",
		"main.go": "package main\n\nimport \"example.com/repo/ext\"\n\nfunc main() { println(ext.Hello()) }\n",
	})
	env := append(os.Environ(),
		"GOWORK=off",
		"GOPROXY=file://"+filepath.ToSlash(out),
		"GOMODCACHE="+t.TempDir(),
		"GOFLAGS=-mod=mod -modcacherw",
		"GONOSUMDB=example.com/repo",
		"GOPRIVATE=",
		"GONOPROXY=",
		"GOTOOLCHAIN=local",
	)
	for _, args := range [][]string{
		{"get", "example.com/repo/ext@v0.1.0"},
		{"build", "-o", os.DevNull, "."},
		{"mod", "verify"},
	} {
		cmd := exec.Command(gocmd, args...)
		cmd.Dir, cmd.Env = consumer, env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
		}
	}
	sum := readFile(t, filepath.Join(consumer, "go.sum"))
	for _, p := range pub {
		line := p.Path + " " + p.Version + " " + p.Hash + "\n"
		if !strings.Contains(sum, line) {
			t.Errorf("go.sum lacks %q (the hash modproxy printed):\n%s", line, sum)
		}
	}
}
