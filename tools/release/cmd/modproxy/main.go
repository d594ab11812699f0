// Command modproxy builds a file-based Go module proxy from the working tree,
// serving each library module as if it had been tagged at one version, so
// that a consumer outside the repository can `go get` it with
// GOPROXY=file://DIR before any tag exists.
//
// Usage:
//
//	modproxy -out DIR [-version v0.1.0] [-root REPO] [-modules core,adapters/gin,...]
//
// The flags are:
//
//	-out DIR        the proxy directory to write (required); use it as GOPROXY=file://DIR
//	-version V      the version every module is served at (default v0.1.0)
//	-root DIR       the repository root (default: the nearest folder above the
//	                current one that holds go.work)
//	-repo PATH      the import path of the repository root (default github.com/corskit/corskit)
//	-modules LIST   comma-separated module folders relative to the root
//	                (default: the library modules, core, the four adapters and cmd/corscheck)
//	-time RFC3339   the time written to the .info files (default: now)
//
// It prints one line per module: path, version, the tag that would publish
// it, the go.sum hash of its zip, and the replace directives it removed.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/corskit/corskit/tools/release/modproxy"
)

// libraryModules are the modules users install, in tagging order: the core
// first, since every adapter requires it.
const libraryModules = "core,adapters/gin,adapters/echo,adapters/fiber,adapters/chi,cmd/corscheck"

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "modproxy: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("modproxy", flag.ContinueOnError)
	out := fl.String("out", "", "proxy directory to write (required)")
	version := fl.String("version", "v0.1.0", "version every module is served at")
	root := fl.String("root", "", "repository root (default: nearest folder holding go.work)")
	repo := fl.String("repo", "github.com/corskit/corskit", "import path of the repository root")
	modules := fl.String("modules", libraryModules, "comma-separated module folders relative to the root")
	stamp := fl.String("time", "", "time written to the .info files, RFC 3339 (default: now)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || fl.NArg() > 0 {
		fl.Usage()
		return errors.New("usage: modproxy -out DIR [-version V] [-root DIR] [-modules LIST]")
	}
	when := time.Now()
	if *stamp != "" {
		t, err := time.Parse(time.RFC3339, *stamp)
		if err != nil {
			return fmt.Errorf("-time: %w", err)
		}
		when = t
	}
	if *root == "" {
		r, err := findWorkspaceRoot()
		if err != nil {
			return err
		}
		*root = r
	}
	outDir, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	published, err := modproxy.Build(modproxy.Options{
		Root:     *root,
		RepoPath: *repo,
		Dirs:     splitList(*modules),
		Version:  *version,
		Time:     when,
		Out:      outDir,
	})
	if err != nil {
		return err
	}
	for _, p := range published {
		fmt.Fprintf(stdout, "%s %s  tag %s  %s", p.Path, p.Version, p.Tag, p.Hash)
		if len(p.Stripped) > 0 {
			fmt.Fprintf(stdout, "  (replace removed: %s)", strings.Join(p.Stripped, "; "))
		}
		fmt.Fprintln(stdout)
		for _, s := range p.Siblings {
			if s.Version != p.Version {
				fmt.Fprintf(stdout, "  note: %s requires %s %s, an earlier release, not the %s built here\n",
					p.Path, s.Path, s.Version, p.Version)
			}
		}
	}
	fmt.Fprintf(stdout, "proxy: GOPROXY=file://%s\n", filepath.ToSlash(outDir))
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.Trim(strings.TrimSpace(f), "/"); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// findWorkspaceRoot returns the nearest folder at or above the current one
// that holds a go.work file.
func findWorkspaceRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.work found above the current folder; pass -root")
		}
		dir = parent
	}
}
