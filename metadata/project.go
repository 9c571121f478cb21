package metadata

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Candidate is a file whose name says it is metadata sfcheck reads.
type Candidate struct {
	Path string // path as found, usable with os.Open
	Kind Kind
	Name string // API name
}

// skippedDirs are never walked: tool caches and version control.
var skippedDirs = map[string]bool{".git": true, "node_modules": true, ".sfdx": true, ".sf": true}

// Walk calls visit for every metadata file under root (a directory or a
// single file), in lexical order, without reading any of them. ignore, when
// not nil, is asked about every path below root (directories included) and
// can prune it. Problems reading directories are passed to problem, and the
// walk goes on.
func Walk(root string, ignore func(path string, isDir bool) bool, visit func(Candidate), problem func(error)) {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problem(err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && (skippedDirs[d.Name()] || (ignore != nil && ignore(path, true))) {
				return fs.SkipDir
			}
			return nil
		}
		kind, name := ClassifyName(d.Name())
		if kind == KindUnknown || (ignore != nil && path != root && ignore(path, false)) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(path); err == nil && st.IsDir() {
				return nil // a link to a directory is not a metadata file and is not followed
			}
		}
		visit(Candidate{Path: path, Kind: kind, Name: name})
		return nil
	})
	if err != nil {
		problem(err)
	}
}

// FindProjectRoot returns the root of the project that holds path: the
// nearest parent with sfdx-project.json, else the nearest with package.xml
// (Metadata API format), else the git work tree's root, else cwd.
func FindProjectRoot(path, cwd string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return cwd
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for _, marker := range []string{"sfdx-project.json", "package.xml", ".git"} {
		for dir := abs; ; {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir
			} else if !errors.Is(err, fs.ErrNotExist) {
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return cwd
}
