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
	var lines []string
	// split by hand: a scanner's line limit would silently drop every
	// pattern after one long line
	for _, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimRight(string(raw), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		patterns = append(patterns, gitignore.ParsePattern(line, nil))
		lines = append(lines, line)
	}
	if len(patterns) == 0 {
		return nil, nil
	}
	var tooMany error
	if len(patterns) > MaxForceignorePatterns {
		// matching costs patterns x paths: a hostile file of 100,000
		// patterns took minutes. Honouring fewer ignores reports more, never less.
		tooMany = fmt.Errorf("%s: %d patterns, only the first %d are honoured", filepath.Join(root, ".forceignore"), len(patterns), MaxForceignorePatterns)
		patterns, lines = patterns[:MaxForceignorePatterns], lines[:MaxForceignorePatterns]
	}
	match := splitPatterns(lines, patterns)
	return func(path string, isDir bool) bool {
		rel, err := filepath.Rel(root, path)
		if err != nil || strings.HasPrefix(rel, "..") {
			return false
		}
		return match(strings.Split(filepath.ToSlash(rel), "/"), isDir)
	}, tooMany
}

// splitPatterns returns a matcher for the patterns (lines as written). A
// pattern that is a plain name ("jsconfig.json", "lwc/" without wildcards
// or slashes inside) matches a path when one of its components is that
// name, so those are looked up in a set instead of tried one by one:
// matching costs patterns x paths otherwise. With a negation (!) the order
// of patterns matters, and all go through the ordered matcher.
func splitPatterns(lines []string, patterns []gitignore.Pattern) func(path []string, isDir bool) bool {
	names := map[string]bool{} // name -> only directories
	var rest []gitignore.Pattern
	for i, line := range lines {
		if strings.HasPrefix(line, "!") {
			m := gitignore.NewMatcher(patterns)
			return m.Match
		}
		name, dirOnly := strings.CutSuffix(line, "/")
		if name == "" || name != strings.TrimSpace(name) || strings.ContainsAny(name, "*?[]\\/") {
			rest = append(rest, patterns[i])
			continue
		}
		if only, seen := names[name]; !seen || only {
			names[name] = dirOnly
		}
	}
	m := gitignore.NewMatcher(rest)
	return func(path []string, isDir bool) bool {
		for i, c := range path {
			if only, ok := names[c]; ok && (!only || i < len(path)-1 || isDir) {
				return true
			}
		}
		return len(rest) > 0 && m.Match(path, isDir)
	}
}
