// Package modproxy writes a file-based Go module proxy, the directory layout
// that GOPROXY=file://DIR reads, from modules in a working tree, each served
// as if it had been tagged at one version.
//
// For every module it writes, under DIR/<escaped module path>/@v/:
//
//	list        the versions present, one per line
//	VERSION.info  {"Version": ..., "Time": ...}
//	VERSION.mod   the module's go.mod with its replace directives removed
//	VERSION.zip   the module zip, made with golang.org/x/mod/zip
//
// The zip holds the files that zip.CreateFromDir would take (nested modules,
// vendor directories and VCS folders left out), except that its go.mod is the
// same bytes as VERSION.mod. Consumers ignore a dependency's replace
// directives, so removing them changes nothing for a build that uses the
// module; it keeps the served go.mod free of paths that exist only in this
// repository.
package modproxy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// Options says which modules to publish, at which version, and where.
type Options struct {
	Root     string    // repository root on disk
	RepoPath string    // import path of the repository root, e.g. github.com/corskit/corskit
	Dirs     []string  // module folders relative to Root, slash-separated, e.g. "adapters/gin"
	Version  string    // the version every module is tagged at, e.g. v0.1.0
	Time     time.Time // the time written to the .info files
	Out      string    // the proxy directory to write into (created if missing)
}

// Published describes one module written to the proxy.
type Published struct {
	Path     string           // module path
	Version  string           // version served
	Tag      string           // the git tag that would publish it, e.g. adapters/gin/v0.1.0
	Hash     string           // the go.sum hash of the zip (h1:...)
	Stripped []string         // replace directives removed from go.mod, as "old => new"
	Siblings []module.Version // requirements on other modules of this release
}

// Build writes every module of o into the proxy directory o.Out and returns
// what it wrote, in the order of o.Dirs. It refuses a module whose path does
// not match its folder (a tag dir/vX.Y.Z of RepoPath could not serve it), a
// version that is not canonical semver, and a requirement on another module
// of this release at a version newer than o.Version (no tag could satisfy it).
func Build(o Options) ([]Published, error) {
	if semver.Canonical(o.Version) != o.Version {
		return nil, fmt.Errorf("version %q is not a canonical semantic version such as v0.1.0", o.Version)
	}
	mods := make([]*modfile.File, len(o.Dirs))
	paths := make(map[string]bool)
	for i, dir := range o.Dirs {
		f, err := readGoMod(o, dir)
		if err != nil {
			return nil, err
		}
		mods[i] = f
		paths[f.Module.Mod.Path] = true
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	var out []Published
	for i, dir := range o.Dirs {
		p, err := publish(o, dir, mods[i], paths)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// readGoMod parses dir's go.mod and checks that its module path is the one
// a tag in dir would serve: RepoPath/dir.
func readGoMod(o Options, dir string) (*modfile.File, error) {
	name := filepath.Join(o.Root, filepath.FromSlash(dir), "go.mod")
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := modfile.Parse(name, data, nil)
	if err != nil {
		return nil, err
	}
	if f.Module == nil {
		return nil, fmt.Errorf("%s: no module directive", name)
	}
	want := path.Join(o.RepoPath, dir)
	if got := f.Module.Mod.Path; got != want {
		return nil, fmt.Errorf("%s: module path is %s, but a tag %s/%s in %s serves module %s",
			name, got, dir, o.Version, o.RepoPath, want)
	}
	if err := module.Check(want, o.Version); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// publish writes one module's list, .info, .mod and .zip files.
func publish(o Options, dir string, f *modfile.File, release map[string]bool) (Published, error) {
	p := Published{
		Path:    f.Module.Mod.Path,
		Version: o.Version,
		Tag:     dir + "/" + o.Version,
	}
	for _, r := range f.Require {
		if !release[r.Mod.Path] {
			continue
		}
		if semver.Compare(r.Mod.Version, o.Version) > 0 {
			return p, fmt.Errorf("requires %s %s, newer than the version being published (%s)",
				r.Mod.Path, r.Mod.Version, o.Version)
		}
		p.Siblings = append(p.Siblings, r.Mod)
	}
	modData, stripped, err := stripReplaces(f)
	if err != nil {
		return p, err
	}
	p.Stripped = stripped

	vdir, err := versionDir(o.Out, p.Path)
	if err != nil {
		return p, err
	}
	base, err := module.EscapeVersion(o.Version)
	if err != nil {
		return p, err
	}
	base = filepath.Join(vdir, base)

	zipName := base + ".zip"
	if err := writeZip(zipName, module.Version{Path: p.Path, Version: o.Version},
		filepath.Join(o.Root, filepath.FromSlash(dir)), o.Root, modData); err != nil {
		return p, err
	}
	if p.Hash, err = dirhash.HashZip(zipName, dirhash.Hash1); err != nil {
		return p, err
	}
	if err := writeFileAtomic(base+".mod", modData); err != nil {
		return p, err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{o.Version, o.Time.UTC().Truncate(time.Second)})
	if err != nil {
		return p, err
	}
	if err := writeFileAtomic(base+".info", append(info, '\n')); err != nil {
		return p, err
	}
	return p, addToList(filepath.Join(vdir, "list"), o.Version)
}

// stripReplaces returns f's go.mod text without its replace directives, and
// the directives it removed.
func stripReplaces(f *modfile.File) ([]byte, []string, error) {
	var stripped []string
	for _, r := range slices.Clone(f.Replace) {
		stripped = append(stripped, formatVersion(r.Old)+" => "+formatVersion(r.New))
		if err := f.DropReplace(r.Old.Path, r.Old.Version); err != nil {
			return nil, nil, err
		}
	}
	f.Cleanup()
	data, err := f.Format()
	return data, stripped, err
}

func formatVersion(m module.Version) string {
	if m.Version == "" {
		return m.Path
	}
	return m.Path + " " + m.Version
}

// versionDir creates and returns DIR/<escaped module path>/@v.
func versionDir(out, modPath string) (string, error) {
	esc, err := module.EscapePath(modPath)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(out, filepath.FromSlash(esc), "@v")
	return dir, os.MkdirAll(dir, 0o755)
}

// writeZip writes the module zip of the module in dir to name, taking the
// files zip.CreateFromDir would take but with goMod as the content of go.mod,
// and root's LICENSE when dir has none, as the go command does for a module
// in a subdirectory of a repository.
func writeZip(name string, m module.Version, dir, root string, goMod []byte) error {
	files, err := moduleFiles(dir, goMod)
	if err != nil {
		return err
	}
	files, err = withRootLicense(files, root)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := modzip.Create(&buf, m, files); err != nil {
		return err
	}
	return writeFileAtomic(name, buf.Bytes())
}

// moduleFiles lists the files of the module in dir as zip.CreateFromDir
// does (zip.CheckDir shares its listing), replacing go.mod's content.
func moduleFiles(dir string, goMod []byte) ([]modzip.File, error) {
	cf, err := modzip.CheckDir(dir)
	if err != nil {
		var msgs []string
		for _, fe := range cf.Invalid {
			msgs = append(msgs, fe.Error())
		}
		if cf.SizeError != nil {
			msgs = append(msgs, cf.SizeError.Error())
		}
		if len(msgs) == 0 {
			return nil, err
		}
		return nil, fmt.Errorf("module files not valid in a zip:\n\t%s", strings.Join(msgs, "\n\t"))
	}
	files := make([]modzip.File, 0, len(cf.Valid))
	for _, abs := range cf.Valid {
		rel, err := filepath.Rel(dir, abs)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		if rel == "go.mod" {
			files = append(files, memFile{path: rel, data: goMod})
			continue
		}
		files = append(files, diskFile{path: rel, abs: abs})
	}
	return files, nil
}

// withRootLicense adds root's LICENSE to files when they have none: the go
// command's zip of a nested module (modzip.CreateFromVCS) carries the
// repository's LICENSE, so users of every module see its terms.
func withRootLicense(files []modzip.File, root string) ([]modzip.File, error) {
	for _, f := range files {
		if f.Path() == "LICENSE" {
			return files, nil
		}
	}
	abs := filepath.Join(root, "LICENSE")
	if _, err := os.Stat(abs); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return files, nil
		}
		return nil, err
	}
	return append(files, diskFile{path: "LICENSE", abs: abs}), nil
}

// diskFile is a module file read from disk.
type diskFile struct{ path, abs string }

func (f diskFile) Path() string                 { return f.path }
func (f diskFile) Lstat() (fs.FileInfo, error)  { return os.Lstat(f.abs) }
func (f diskFile) Open() (io.ReadCloser, error) { return os.Open(f.abs) }

// memFile is a module file whose content is held in memory.
type memFile struct {
	path string
	data []byte
}

func (f memFile) Path() string                 { return f.path }
func (f memFile) Lstat() (fs.FileInfo, error)  { return memInfo(f), nil }
func (f memFile) Open() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }

// memInfo is the fs.FileInfo of a memFile: a regular file.
type memInfo memFile

func (i memInfo) Name() string       { return path.Base(i.path) }
func (i memInfo) Size() int64        { return int64(len(i.data)) }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// addToList adds version to the proxy's list file, keeping it sorted and
// free of duplicates, so that one directory can serve several versions.
func addToList(name, version string) error {
	data, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	versions := strings.Fields(string(data))
	if !slices.Contains(versions, version) {
		versions = append(versions, version)
	}
	semver.Sort(versions)
	return writeFileAtomic(name, []byte(strings.Join(versions, "\n")+"\n"))
}

// writeFileAtomic writes data to name through a temporary file and a rename,
// so that a reader of the proxy never sees half a file.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
