package metadata

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestForceignoreBounded: a .forceignore with more patterns than are
// honoured says so, and honours the first ones; a long line does not hide
// the patterns after it.
func TestForceignoreBounded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# " + strings.Repeat("x", 100000) + "\nfirst/\n")
	for i := 0; i < MaxForceignorePatterns+500; i++ {
		b.WriteString("dir" + strconv.Itoa(i) + "/\n")
	}
	if err := os.WriteFile(filepath.Join(dir, ".forceignore"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ignore, err := LoadForceignore(dir)
	if err == nil || !strings.Contains(err.Error(), "only the first 1000 are honoured") {
		t.Errorf("error %v", err)
	}
	if ignore == nil || !ignore(filepath.Join(dir, "first"), true) || !ignore(filepath.Join(dir, "dir5"), true) {
		t.Error("the first patterns are not honoured")
	}
	if ignore(filepath.Join(dir, "dir1400"), true) {
		t.Error("a pattern past the bound is honoured")
	}
}
