package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// writeFile replaces the file at path with data so that a reader sees the
// old content or the new, never a part: it writes a temporary file beside
// it and renames it over. It refuses to replace a symbolic link (sfcheck
// never writes through a link it did not make), something that is not a
// regular file, or one of the files the run checked (a report written over
// the metadata it reports on would destroy it).
//
// durable also flushes the file to disk before the rename, so a crash
// cannot leave an empty file where a good one was: a baseline is worth
// it; a report, which the next run writes again, is not worth the tens of
// milliseconds.
func writeFile(cwd, path string, data []byte, checked []string, durable bool) error {
	if link := linkBelow(cwd, filepath.Dir(path)); link != "" {
		return fmt.Errorf("%s is a symbolic link: sfcheck does not write through links", link)
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Lstat(path); err == nil {
		mode = st.Mode().Perm() // a replaced file keeps its permissions (a 0600 baseline stays private)
		switch {
		case st.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link: sfcheck does not write through links", path)
		case !st.Mode().IsRegular():
			return fmt.Errorf("%s is not a regular file", path)
		}
		for _, c := range checked {
			// only a file of the same name can be the same file (links
			// to metadata are read at their own name): no stat per file
			if filepath.Base(c) != filepath.Base(path) {
				continue
			}
			if !filepath.IsAbs(c) {
				c = filepath.Join(cwd, c)
			}
			if cst, err := os.Stat(c); err == nil && os.SameFile(st, cst) {
				return fmt.Errorf("%s is a file this run checks or reads: write the report elsewhere", path)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if durable {
		if err := tmp.Sync(); err != nil {
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		done = true
		return err
	}
	done = true
	return nil
}

// linkBelow returns the first folder of dir, below the working directory
// cwd, that is a symbolic link, or "". A pull request can plant reports/ as
// a link to anywhere; folders above cwd, or outside it, are the user's own.
func linkBelow(cwd, dir string) string {
	rel, err := filepath.Rel(cwd, dir)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	cur := cwd
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		cur = filepath.Join(cur, part)
		if st, err := os.Lstat(cur); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			return cur
		}
	}
	return ""
}
