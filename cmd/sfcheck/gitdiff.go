package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// changedSince lists the files of the git work tree holding dir that differ
// from revision rev: committed since, staged or not, and new untracked
// files. Paths are absolute.
func changedSince(dir, rev string) (map[string]bool, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git work tree: %v", err)
	}
	top = strings.TrimSpace(top)
	lists := [][]string{
		{"diff", "--name-only", "-z", "--no-renames", rev, "--"},
		{"ls-files", "--others", "--exclude-standard", "-z"},
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		if rev != "HEAD" || hasCommits(dir) {
			return nil, fmt.Errorf("--changed-since: %q is not a commit in %s", rev, top)
		}
		// the first commit of a repository: everything is new
		lists[0] = []string{"ls-files", "--cached", "-z"}
	}
	out := map[string]bool{}
	for _, args := range lists {
		list, err := git(top, args...)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: git %s: %v", args[0], err)
		}
		for _, p := range strings.Split(list, "\x00") {
			if p != "" {
				out[filepath.Join(top, filepath.FromSlash(p))] = true
			}
		}
	}
	return out, nil
}

// gitSafety keeps git from running what a checked-out pull request
// controls: a bare repository planted in the tree (whose config could set
// core.fsmonitor to a command), external diff and text conversion drivers,
// hooks. sfcheck only lists file names.
var gitSafety = []string{
	"-c", "safe.bareRepository=explicit",
	"-c", "core.fsmonitor=false",
	"-c", "core.hooksPath=/dev/null",
	"-c", "diff.external=",
	"-c", "protocol.allow=never",
}

func git(dir string, args ...string) (string, error) {
	full := append(append([]string{}, gitSafety...), "-C", dir, args[0])
	if args[0] == "diff" {
		full = append(full, "--no-ext-diff", "--no-textconv")
	}
	full = append(full, args[1:]...)
	cmd := exec.Command("git", full...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s", msg)
		}
		return "", err
	}
	return stdout.String(), nil
}

// hasCommits reports whether the repository holding dir has any commit.
func hasCommits(dir string) bool {
	out, err := git(dir, "rev-list", "-n", "1", "--all")
	return err == nil && strings.TrimSpace(out) != ""
}
