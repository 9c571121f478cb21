package metadata

import (
	"io/fs"
	"path/filepath"
)

// walkStd lists the directories with filepath.WalkDir: the walk where the
// system has no faster listing, and the reference the fast one is tested
// against.
func (w *walker) walkStd() {
	err := filepath.WalkDir(w.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.dirProblem(err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != w.root && !w.enter(path, d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		w.file(path, d.Type(), path == w.root)
		return nil
	})
	if err != nil {
		w.problem(err)
	}
}
