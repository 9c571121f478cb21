package metadata

import (
	"fmt"
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
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("only the first %d are honoured", MaxForceignorePatterns)) {
		t.Errorf("error %v", err)
	}
	if ignore == nil || !ignore(filepath.Join(dir, "first"), true) || !ignore(filepath.Join(dir, "dir5"), true) {
		t.Error("the first patterns are not honoured")
	}
	if ignore(filepath.Join(dir, "dir"+strconv.Itoa(MaxForceignorePatterns+400)), true) {
		t.Error("a pattern past the bound is honoured")
	}
}

// TestForceignoreNegationsKept: the bounds leave out ignore patterns, which
// makes sfcheck check more, never a negation, which would make it skip a
// file a deploy reads.
func TestForceignoreNegationsKept(t *testing.T) {
	load := func(text string) (func(string, bool) bool, string, error) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".forceignore"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		ignore, err := LoadForceignore(dir)
		return ignore, dir, err
	}
	var b strings.Builder
	for i := 0; i < MaxUnkeyedPatterns; i++ {
		fmt.Fprintf(&b, "*tmp%d*\n", i) // no literal prefix or suffix: unkeyed
	}
	b.WriteString("*.namedCredential-meta.xml\n!*Keep*\n")
	ignore, dir, err := load(b.String())
	if err != nil || ignore == nil {
		t.Fatalf("%d unkeyed patterns: %v", MaxUnkeyedPatterns+1, err)
	}
	if ignore(filepath.Join(dir, "KeepMe.namedCredential-meta.xml"), false) {
		t.Error("a negation past the unkeyed bound was left out: a file git keeps is skipped")
	}
	if !ignore(filepath.Join(dir, "Other.namedCredential-meta.xml"), false) {
		t.Error("the keyed ignore pattern is not honoured")
	}

	b.Reset()
	for i := 0; i < MaxForceignorePatterns+100; i++ {
		fmt.Fprintf(&b, "dir%d/\n", i)
	}
	b.WriteString("*.cls\n!Keep.cls\n")
	ignore, _, err = load(b.String())
	if ignore != nil || err == nil || !strings.Contains(err.Error(), "none of them is honoured") {
		t.Errorf("a negation past the pattern bound: matcher %v, %v; want none honoured (a negation left out would hide a file)", ignore != nil, err)
	}

	b.Reset()
	b.WriteString("*.cls\n")
	for i := 0; i <= MaxUnkeyedPatterns; i++ {
		b.WriteString("!*a*\n")
	}
	ignore, _, err = load(b.String())
	if ignore != nil || err == nil || !strings.Contains(err.Error(), "none of its patterns is honoured") {
		t.Errorf("too many unkeyed negations: matcher %v, %v; want none honoured and a warning", ignore != nil, err)
	}
}
