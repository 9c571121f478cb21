// Command release builds sfcheck's release archives, as GoReleaser would:
// one archive per platform (tar.gz, zip for Windows) holding the binary,
// README.md and docs/rules.md, and checksums.txt with their SHA-256 sums.
//
//	go run ./packaging/release OUTDIR
//
// The version is the one `sfcheck version` prints (SFCHECK_VERSION
// overrides it), stamped into every binary; the npm packages carry the
// same one (packaging/npm/pack.sh).
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// platforms are those of the npm packages.
var platforms = []struct{ goos, goarch string }{
	{"linux", "amd64"}, {"linux", "arm64"}, {"darwin", "amd64"}, {"darwin", "arm64"}, {"windows", "amd64"}, {"windows", "arm64"},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./packaging/release OUTDIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	version := os.Getenv("SFCHECK_VERSION")
	if version == "" {
		v, err := exec.Command("go", "run", "./cmd/sfcheck", "version").Output()
		if err != nil {
			return fmt.Errorf("sfcheck version: %w", err)
		}
		version = strings.Fields(string(v))[1]
	}
	tmp, err := os.MkdirTemp("", "sfcheck-release")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	sums := map[string]string{}
	for _, p := range platforms {
		exe := "sfcheck"
		if p.goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(tmp, p.goos+"-"+p.goarch, exe)
		build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", bin, "./cmd/sfcheck")
		build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.goos, "GOARCH="+p.goarch)
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build %s/%s: %w", p.goos, p.goarch, err)
		}
		files := map[string]string{exe: bin, "README.md": "README.md", "docs/rules.md": "docs/rules.md"}
		name := fmt.Sprintf("sfcheck_%s_%s_%s", version, p.goos, p.goarch)
		if p.goos == "windows" {
			name += ".zip"
			err = writeZip(filepath.Join(out, name), files)
		} else {
			name += ".tar.gz"
			err = writeTarGz(filepath.Join(out, name), files)
		}
		if err != nil {
			return err
		}
		if sums[name], err = sha256File(filepath.Join(out, name)); err != nil {
			return err
		}
	}
	var names []string
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", sums[n], n) // the format sha256sum -c reads
	}
	return os.WriteFile(filepath.Join(out, "checksums.txt"), []byte(b.String()), 0o644)
}

// sorted returns the archive names in a stable order.
func sorted(files map[string]string) []string {
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// epoch is the time every archive entry carries, so archives of the same
// sources are the same bytes.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func writeTarGz(path string, files map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, name := range sorted(files) {
		data, err := os.ReadFile(files[name])
		if err != nil {
			return err
		}
		mode := int64(0o644)
		if !strings.Contains(name, ".") || strings.HasSuffix(name, ".exe") {
			mode = 0o755
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(data)), ModTime: epoch, Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return f.Close()
}

func writeZip(path string, files map[string]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, name := range sorted(files) {
		data, err := os.ReadFile(files[name])
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch})
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
