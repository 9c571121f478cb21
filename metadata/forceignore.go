package metadata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// MaxForceignorePatterns bounds the patterns of .forceignore honoured
// (real files hold a few dozen).
const MaxForceignorePatterns = 256

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
	file := filepath.Join(root, ".forceignore")
	var tooMany error
	if len(patterns) > MaxForceignorePatterns {
		// Matching costs up to patterns x paths: a hostile file of 100,000
		// patterns took minutes. Leaving out an ignore pattern reports
		// more, never less; leaving out a negation (!) would hide files a
		// deploy reads, so with a negation past the bound none is heeded.
		for _, l := range lines[MaxForceignorePatterns:] {
			if strings.HasPrefix(l, "!") {
				return nil, fmt.Errorf("%s: %d patterns, with negations (!) past the first %d: none of them is honoured", file, len(patterns), MaxForceignorePatterns)
			}
		}
		tooMany = fmt.Errorf("%s: %d patterns, only the first %d are honoured", file, len(patterns), MaxForceignorePatterns)
		lines, patterns = lines[:MaxForceignorePatterns], patterns[:MaxForceignorePatterns]
	}
	match, unkeyed := indexPatterns(lines, patterns)
	if match == nil {
		return nil, fmt.Errorf("%s: %v", file, unkeyed)
	}
	if tooMany == nil && unkeyed != nil {
		tooMany = fmt.Errorf("%s: %v", file, unkeyed)
	}
	return func(path string, isDir bool) bool {
		rel, err := filepath.Rel(root, path)
		if err != nil || strings.HasPrefix(rel, "..") {
			return false
		}
		return match(strings.Split(filepath.ToSlash(rel), "/"), isDir)
	}, tooMany
}

// MaxUnkeyedPatterns bounds the .forceignore patterns with no literal part
// to look up (such as "*a*"): each of them is tried on every path. Past it,
// ignore patterns are left out; negations are never left out alone, and
// past it they make the whole file unheeded (which reports more, never
// less).
const MaxUnkeyedPatterns = 16

// patternIndex finds, for a path, the few patterns that can match it, so
// matching does not cost patterns x paths (1,000 wildcard patterns took 81 s
// on 80,000 files when each was tried on each path). A pattern matches a
// path only if each of its segments matches one of the path's components
// (filepath.Match on whole names), so one segment with a literal part is a
// key: a component equal to it (no wildcard), ending with its literal
// suffix ("*.dup"), or starting with its literal prefix ("tmp*"). The
// candidates are then tried as go-git's matcher tries all patterns: last
// first, the first that matches decides (a negation includes).
type patternIndex struct {
	patterns   []gitignore.Pattern
	exact      map[string][]int
	suffix     map[string][]int
	prefix     map[string][]int
	suffixLens []int
	prefixLens []int
	unkeyed    []int
	keySeg     []string   // per pattern: the segment its suffix or prefix key came from
	literals   [][]string // per pattern: that segment's literal runs, in order
}

// literalRuns returns the runs of a glob segment (without escapes) that a
// name matching it holds, in order: what lies between *, ? and [...].
func literalRuns(seg string) []string {
	var runs []string
	start := 0
	for i := 0; i < len(seg); i++ {
		switch seg[i] {
		case '*', '?', '[':
			if i > start {
				runs = append(runs, seg[start:i])
			}
			if seg[i] == '[' {
				if j := strings.IndexByte(seg[i+1:], ']'); j >= 0 {
					i += 1 + j // a class stands for one character: not literal
				}
			}
			start = i + 1
		}
	}
	if start < len(seg) {
		runs = append(runs, seg[start:])
	}
	return runs
}

// holdsRuns reports whether name holds the runs in order: a quick test
// every name matching the segment passes.
func holdsRuns(name string, runs []string) bool {
	for _, r := range runs {
		i := strings.Index(name, r)
		if i < 0 {
			return false
		}
		name = name[i+len(r):]
	}
	return true
}

// indexPatterns returns a matcher for the patterns (lines as written), and
// an error when patterns with no literal part past MaxUnkeyedPatterns are
// left out; a nil matcher when negations past it make none honoured.
func indexPatterns(lines []string, patterns []gitignore.Pattern) (func(path []string, isDir bool) bool, error) {
	x := &patternIndex{patterns: patterns, exact: map[string][]int{}, suffix: map[string][]int{}, prefix: map[string][]int{},
		keySeg: make([]string, len(patterns)), literals: make([][]string, len(patterns))}
	dropped, negations := 0, 0
	sufLens, preLens := map[int]bool{}, map[int]bool{}
	for i, line := range lines {
		kind, key, seg := patternKey(line)
		x.keySeg[i], x.literals[i] = seg, literalRuns(seg)
		switch kind {
		case keyExact:
			x.exact[key] = append(x.exact[key], i)
		case keySuffix:
			x.suffix[key] = append(x.suffix[key], i)
			sufLens[len(key)] = true
		case keyPrefix:
			x.prefix[key] = append(x.prefix[key], i)
			preLens[len(key)] = true
		default:
			if strings.HasPrefix(line, "!") {
				if negations++; negations > MaxUnkeyedPatterns {
					return nil, fmt.Errorf("more than %d negations with no literal part (such as !*a*): none of its patterns is honoured", MaxUnkeyedPatterns)
				}
			} else if len(x.unkeyed)-negations+1 > MaxUnkeyedPatterns {
				dropped++
				continue
			}
			x.unkeyed = append(x.unkeyed, i)
		}
	}
	for n := range sufLens {
		x.suffixLens = append(x.suffixLens, n)
	}
	for n := range preLens {
		x.prefixLens = append(x.prefixLens, n)
	}
	var err error
	if dropped > 0 {
		err = fmt.Errorf("%d patterns with no literal part (such as *a*) past the first %d are not honoured", dropped, MaxUnkeyedPatterns)
	}
	return x.match, err
}

func (x *patternIndex) match(path []string, isDir bool) bool {
	var cands []int
	for _, i := range x.unkeyed {
		if x.keySeg[i] == "" {
			cands = append(cands, i) // nothing literal to test first ("*")
			continue
		}
		for _, c := range path {
			if holdsRuns(c, x.literals[i]) {
				if ok, err := filepath.Match(x.keySeg[i], c); ok && err == nil {
					cands = append(cands, i)
					break
				}
			}
		}
	}
	// a pattern whose key a name has is a candidate only if that name
	// matches the whole segment the key came from: patterns sharing a
	// common key (1,000 of "*zqN*-meta.xml") cost a glob test each, not a
	// full match
	keyed := func(bucket []int, c string) {
		for _, i := range bucket {
			if !holdsRuns(c, x.literals[i]) {
				continue // cheaper than the glob, and most are out here
			}
			if ok, err := filepath.Match(x.keySeg[i], c); ok && err == nil {
				cands = append(cands, i)
			}
		}
	}
	for _, c := range path {
		cands = append(cands, x.exact[c]...)
		for _, n := range x.suffixLens {
			if n <= len(c) {
				keyed(x.suffix[c[len(c)-n:]], c)
			}
		}
		for _, n := range x.prefixLens {
			if n <= len(c) {
				keyed(x.prefix[c[:n]], c)
			}
		}
	}
	if len(cands) == 0 {
		return false
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	for i := len(cands) - 1; i >= 0; i-- {
		if r := x.patterns[cands[i]].Match(path, isDir); r != gitignore.NoMatch {
			return r == gitignore.Exclude
		}
	}
	return false
}

type keyKind int

const (
	keyNone keyKind = iota
	keyExact
	keySuffix
	keyPrefix
)

// patternKey reads a pattern as gitignore.ParsePattern does and returns the
// most selective key among its segments: the last segment without
// wildcards (a component must equal it), else a literal suffix, else a
// literal prefix.
// A segment with an escape, or holding "**" inside, gives no key.
func patternKey(line string) (kind keyKind, key, segment string) {
	p := strings.TrimPrefix(line, "!")
	if !strings.HasSuffix(p, "\\ ") {
		p = strings.TrimRight(p, " ")
	}
	p = strings.TrimSuffix(p, "/")
	exact := ""
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "**" || strings.Contains(seg, "**") || strings.ContainsRune(seg, '\\') {
			continue
		}
		meta := strings.IndexAny(seg, "*?[")
		if meta < 0 {
			exact = seg // the last is kept: deeper names are rarer (force-app/zN keys on zN)
			continue
		}
		last := strings.LastIndexAny(seg, "*?]")
		if suf := seg[last+1:]; suf != "" && !strings.ContainsAny(suf, "*?[]") && (kind != keySuffix || len(suf) > len(key)) {
			kind, key, segment = keySuffix, suf, seg
		}
		if pre := seg[:meta]; pre != "" && kind != keySuffix && (kind != keyPrefix || len(pre) > len(key)) {
			kind, key, segment = keyPrefix, pre, seg
		}
		// with no key, the segment with the most literal text still gives
		// a quick test ("*zq5*": a name must hold "zq5")
		if kind == keyNone && len(strings.Join(literalRuns(seg), "")) > len(strings.Join(literalRuns(segment), "")) {
			segment = seg
		}
	}
	if exact != "" {
		return keyExact, exact, exact
	}
	return kind, key, segment
}
