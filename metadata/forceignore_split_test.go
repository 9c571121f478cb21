package metadata

import (
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
		got := splitPatterns(lines, patterns)
		for _, p := range paths {
			parts := strings.Split(p.path, "/")
			if g, w := got(parts, p.isDir), want.Match(parts, p.isDir); g != w {
				t.Errorf("patterns %q, path %s (dir %v): %v, the ordered matcher says %v", lines, p.path, p.isDir, g, w)
			}
		}
	}
}
