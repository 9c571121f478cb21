package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// snapshot lists every file, folder and link under dir with its mode,
// size, modification time and content hash.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		line := fmt.Sprintf("%s %v %d %d", rel, info.Mode(), info.Size(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestNothingLost runs sfcheck in every mode over a copy of the broken
// example (with a config, a .forceignore and a malformed file) and checks
// the tree is byte-for-byte and time-for-time the same afterwards.
func TestNothingLost(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/cli/config_applied/project"), dir)
	copyTree(t, filepath.Join(root, "testdata/projects/unclosed-element/force-app"), filepath.Join(dir, "force-app"))
	before := snapshot(t, dir)
	outDir := t.TempDir()
	for _, args := range [][]string{
		{"."},
		{"-f", "json", "-o", filepath.Join(outDir, "r.json"), "."},
		{"-f", "sarif", "-o", filepath.Join(outDir, "r.sarif"), "."},
		{"-f", "junit", "."},
		{"-f", "github", "."},
		{"--write-baseline", filepath.Join(outDir, "b.json"), "."},
		{"--baseline", filepath.Join(outDir, "b.json"), "."},
		{"force-app/main/default/externalCredentials/Same_Org_API_Access.externalCredential-meta.xml"},
	} {
		if _, errOut, code := runIn(t, dir, args...); code > 1 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("the tree changed:\n--- before\n%s\n--- after\n%s", before, after)
	}
}

// TestNoNetworkCode: nothing sfcheck links can make an HTTP or TLS
// connection (pflag links package net only to parse IP flags).
func TestNoNetworkCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net/http", "crypto/tls", "net/rpc", "net/smtp":
			t.Errorf("sfcheck links %s", pkg)
		}
	}
}
