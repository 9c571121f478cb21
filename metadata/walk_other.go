//go:build !linux

package metadata

// listing is what the walk keeps from folder to folder: nothing here.
type listing struct{}

// walk lists the directories with filepath.WalkDir.
func (w *walker) walk() { w.walkStd() }
