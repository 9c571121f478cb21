package metadata

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// LoadForceignore reads the project's .forceignore (gitignore syntax: the
// Salesforce CLI neither deploys nor retrieves what it lists) and returns a
// walk filter, or nil when there is none. Paths are matched relative to the
// project root.
func LoadForceignore(root string) (func(path string, isDir bool) bool, error) {
	data, err := os.ReadFile(filepath.Join(root, ".forceignore"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(root, ".forceignore"), err)
	}
	var patterns []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		patterns = append(patterns, gitignore.ParsePattern(line, nil))
	}
	if len(patterns) == 0 {
		return nil, nil
	}
	m := gitignore.NewMatcher(patterns)
	return func(path string, isDir bool) bool {
		rel, err := filepath.Rel(root, path)
		if err != nil || strings.HasPrefix(rel, "..") {
			return false
		}
		return m.Match(strings.Split(filepath.ToSlash(rel), "/"), isDir)
	}, nil
}
