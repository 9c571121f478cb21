package metadata

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// TestSplitPatternsMatchesGitignore: looking plain names up in a set gives
// the ordered matcher's answer for every path, with and without negations.
func TestSplitPatternsMatchesGitignore(t *testing.T) {
	sets := [][]string{
		{"jsconfig.json", "lwc/", "**/__tests__/**", "*.dup", "force-app/main/default/profiles", "node_modules", "a b"},
		{"lwc/", "lwc", "tmp/", "/root.xml", "docs/*.md", "x[0-9].cls"},
		{"classes", "!classes/Keep.cls", "*.bak"},
		{"**/*.dup", "!force-app/x.dup", "tmp*", "!tmp", "*a*", "docs/**/*.md", "x?.cls", "**/lwc/**", "[a-c]*.xml"},
	}
	paths := []struct {
		path  string
		isDir bool
	}{
		{"jsconfig.json", false}, {"force-app/main/default/lwc", true}, {"force-app/main/default/lwc", false},
		{"force-app/lwc/x/y.js", false}, {"a/__tests__/b.js", false}, {"force-app/x.dup", false},
		{"force-app/main/default/profiles", true}, {"force-app/main/default/profiles/A.profile-meta.xml", false},
		{"x/node_modules/y", false}, {"a b", false}, {"tmp", false}, {"tmp", true}, {"q/tmp/r", false},
		{"root.xml", false}, {"sub/root.xml", false}, {"docs/a.md", false}, {"x1.cls", false},
		{"classes/Keep.cls", false}, {"classes/Other.cls", false}, {"classes", true}, {"z.bak", false},
		{"force-app/main/default/classes/A.cls", false},
	}
	for _, lines := range sets {
		var patterns []gitignore.Pattern
		for _, l := range lines {
			patterns = append(patterns, gitignore.ParsePattern(l, nil))
		}
		want := gitignore.NewMatcher(patterns)
		got, _ := indexPatterns(lines, patterns)
		for _, p := range paths {
			parts := strings.Split(p.path, "/")
			if g, w := got(parts, p.isDir), want.Match(parts, p.isDir); g != w {
				t.Errorf("patterns %q, path %s (dir %v): %v, the ordered matcher says %v", lines, p.path, p.isDir, g, w)
			}
		}
	}
}

// FuzzPatternIndex holds the indexed matcher to go-git's ordered matcher
// on any patterns and path: the index may only skip patterns that cannot
// match.
func FuzzPatternIndex(f *testing.F) {
	f.Add("*.dup\n!keep.dup\n**/__tests__/**\ntmp*\n*a*\nx[0-9].cls\ndocs/*.md\n/root.xml\nlwc/", "force-app/docs/a.md", false)
	f.Add("**/*zz1q*.tmp1\n*.tmp1\n!a.tmp1", "x/a.tmp1", false)
	f.Add("a\\*b\nfoo/**/bar\n[ab]*.c\n**x**\n \\ \n", "foo/q/bar", true)
	f.Fuzz(func(t *testing.T, text, path string, isDir bool) {
		if len(text) > 4096 || len(path) > 512 {
			return
		}
		var lines []string
		var patterns []gitignore.Pattern
		for _, l := range strings.Split(text, "\n") {
			if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
				continue
			}
			lines = append(lines, l)
			patterns = append(patterns, gitignore.ParsePattern(l, nil))
		}
		if len(lines) > MaxUnkeyedPatterns {
			return
		}
		parts := strings.Split(path, "/")
		got, _ := indexPatterns(lines, patterns)
		if g, w := got(parts, isDir), gitignore.NewMatcher(patterns).Match(parts, isDir); g != w {
			t.Fatalf("patterns %q, path %q (dir %v): %v, the ordered matcher says %v", lines, path, isDir, g, w)
		}
	})
}

type countingPattern struct {
	gitignore.Pattern
	calls *int
}

func (p countingPattern) Match(path []string, isDir bool) gitignore.MatchResult {
	*p.calls++
	return p.Pattern.Match(path, isDir)
}

// TestPatternIndexWork: 1,000 wildcard patterns (the attack: 81 s on
// 80,000 files when each was tried on each path) are tried on a path only
// when its names could match them, counted, not timed.
func TestPatternIndexWork(t *testing.T) {
	calls := 0
	var lines []string
	var patterns []gitignore.Pattern
	for i := 0; i < 1000; i++ {
		l := fmt.Sprintf("**/*zz%dq*.tmp%d", i, i)
		lines = append(lines, l)
		patterns = append(patterns, countingPattern{gitignore.ParsePattern(l, nil), &calls})
	}
	lines = append(lines, "!keep/**", "**/__tests__/**", "*.dup")
	for _, l := range lines[1000:] {
		patterns = append(patterns, countingPattern{gitignore.ParsePattern(l, nil), &calls})
	}
	match, err := indexPatterns(lines, patterns)
	if err != nil {
		t.Fatal(err)
	}
	// and 1,000 patterns that share one key (every metadata name ends in
	// -meta.xml): each is glob-tested on that name, not fully matched
	for i := 0; i < 1000; i++ {
		l := fmt.Sprintf("*zq%dq*-meta.xml", i)
		lines = append(lines, l)
		patterns = append(patterns, countingPattern{gitignore.ParsePattern(l, nil), &calls})
	}
	match, err = indexPatterns(lines, patterns)
	if err != nil {
		t.Fatal(err)
	}
	const paths = 10000
	ignored := 0
	for i := 0; i < paths; i++ {
		path := strings.Split(fmt.Sprintf("force-app/main/default/classes/C%d.cls-meta.xml", i), "/")
		if i%100 == 0 {
			path[len(path)-1] = fmt.Sprintf("azz%dqb.tmp%d", i%1000, i%1000) // matches pattern i%1000
		}
		if match(path, false) {
			ignored++
		}
	}
	if ignored != paths/100 {
		t.Errorf("%d paths ignored, want %d", ignored, paths/100)
	}
	if calls > paths/100*3 {
		t.Errorf("%d pattern matches for %d paths: the index tried patterns that cannot match", calls, paths)
	}
}

// FuzzLiteralRuns: every name a segment matches holds its literal runs, so
// the quick test never turns away a pattern that matches.
func FuzzLiteralRuns(f *testing.F) {
	for _, s := range [][2]string{{"*zq5q*-meta.xml", "azq5qb-meta.xml"}, {"x[0-9].cls", "x1.cls"}, {"[]a]*?b", "]zzb"}, {"a*b*c", "abc"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, seg, name string) {
		if strings.ContainsAny(seg, "\\/") {
			return // escaped segments are never keyed
		}
		if ok, err := filepath.Match(seg, name); ok && err == nil && !holdsRuns(name, literalRuns(seg)) {
			t.Fatalf("%q matches %q but does not hold its runs %q", seg, name, literalRuns(seg))
		}
	})
}
