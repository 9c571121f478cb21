package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/baseline"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

func finding(t *testing.T, code, name string, line int) rules.Finding {
	r, ok := rules.Lookup(code)
	if !ok {
		t.Fatalf("no rule %s", code)
	}
	return rules.Finding{Rule: r, Severity: r.Severity, Node: metadata.Node{Pos: metadata.Pos{File: "f.xml", Line: line, Col: 1}},
		Message: "a secret value Hunter2", Component: rules.Component{Type: "NamedCredential", Name: name}}
}

// TestRoundTrip: a baseline records identities (never messages), loads
// back (with a BOM, as Windows editors write it), hides as many findings
// as it recorded per identity, and lets new ones through.
func TestRoundTrip(t *testing.T) {
	old := []rules.Finding{finding(t, "SF306", "A", 2), finding(t, "SF306", "A", 9), finding(t, "SF307", "B", 3)}
	data, n, err := baseline.Encode(old)
	if err != nil || n != 2 {
		t.Fatalf("Encode: %d identities, %v", n, err)
	}
	if strings.Contains(string(data), "Hunter2") || strings.Contains(string(data), `"line"`) {
		t.Errorf("a baseline holds messages or lines:\n%s", data)
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, append([]byte("\xEF\xBB\xBF"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []rules.Finding{finding(t, "SF306", "A", 40), finding(t, "SF306", "A", 50), finding(t, "SF306", "A", 60), finding(t, "SF307", "C", 3)}
	b.Apply(now, "in baseline")
	var kept []string
	for _, f := range now {
		if !f.Suppressed {
			kept = append(kept, f.Rule.Code+" "+f.Component.Name)
		}
	}
	if strings.Join(kept, ",") != "SF306 A,SF307 C" {
		t.Errorf("new findings %v, want the third SF306 on A and SF307 on C", kept)
	}
}

// TestLoadRefuses: not a baseline, another version, not a regular file.
func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"notjson": "nope", "v2": `{"version": 2, "findings": []}`} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := baseline.Load(p); err == nil {
			t.Errorf("%s: loaded", name)
		}
	}
	if _, err := baseline.Load(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v", err)
	}
}
