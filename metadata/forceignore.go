package metadata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// MaxForceignorePatterns bounds the patterns of .forceignore honoured
// (real files hold a few dozen).
const MaxForceignorePatterns = 1000

// LoadForceignore reads the project's .forceignore (gitignore syntax: the
// Salesforce CLI neither deploys nor retrieves what it lists) and returns a
// walk filter, or nil when there is none. Paths are matched relative to the
// project root.
func LoadForceignore(root string) (func(path string, isDir bool) bool, error) {
	data, err := ReadInTree(filepath.Join(root, ".forceignore"), MaxConfigBytes)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var patterns []gitignore.Pattern
	// split by hand: a scanner's line limit would silently drop every
	// pattern after one long line
	for _, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimRight(string(raw), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		patterns = append(patterns, gitignore.ParsePattern(line, nil))
	}
	if len(patterns) == 0 {
		return nil, nil
	}
	var tooMany error
	if len(patterns) > MaxForceignorePatterns {
		// matching costs patterns x paths: a hostile file of 100,000
		// patterns took minutes. Honouring fewer ignores reports more, never less.
		tooMany = fmt.Errorf("%s: %d patterns, only the first %d are honoured", filepath.Join(root, ".forceignore"), len(patterns), MaxForceignorePatterns)
		patterns = patterns[:MaxForceignorePatterns]
	}
	m := gitignore.NewMatcher(patterns)
	return func(path string, isDir bool) bool {
		rel, err := filepath.Rel(root, path)
		if err != nil || strings.HasPrefix(rel, "..") {
			return false
		}
		return m.Match(strings.Split(filepath.ToSlash(rel), "/"), isDir)
	}, tooMany
}
