package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSourceLinesKeepsOneFile: the text report's source lines are read
// file by file and only the last file's are kept, so its memory does not
// grow with the number of files that have findings.
func TestSourceLinesKeepsOneFile(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"a.xml": "a1\na2\n", "b.xml": "b1\r\nb2\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := &sourceLines{cwd: dir}
	if l, ok := c.line("a.xml", 2); !ok || l != "a2" {
		t.Errorf("a.xml:2 = %q, %v", l, ok)
	}
	if l, ok := c.line("b.xml", 1); !ok || l != "b1" {
		t.Errorf("b.xml:1 = %q, %v (CR kept?)", l, ok)
	}
	if c.file != "b.xml" || len(c.ls) != 3 {
		t.Errorf("kept %q with %d lines, want only b.xml's 3", c.file, len(c.ls))
	}
	if l, ok := c.line("a.xml", 1); !ok || l != "a1" {
		t.Errorf("a.xml:1 read again = %q, %v", l, ok)
	}
	if _, ok := c.line("a.xml", 9); ok {
		t.Error("a line past the end was found")
	}
}
