//go:build !linux

package metadata

// walk lists the directories with filepath.WalkDir.
func (w *walker) walk() { w.walkStd() }
