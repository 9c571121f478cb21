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

// TestLoadErrorsHavePositions: a malformed or ambiguous baseline is refused
// with the line and column of the fault; a key given twice names both.
func TestLoadErrorsHavePositions(t *testing.T) {
	dir := t.TempDir()
	entry := `{"rule": "SF306", "type": "NamedCredential", "component": "A", "element": "", "count": 1}`
	for _, c := range []struct{ name, content, want string }{
		{"syntax", "{\n  \"version\": 1,\n  \"findings\": [\n    {\"rule\": \"SF306\",}\n  ]\n}\n",
			`syntax:4:22: not a baseline file: malformed JSON: invalid character '}' looking for beginning of object key string`},
		{"dupversion", "{\n  \"version\": 1,\n  \"findings\": [],\n  \"version\": 1\n}\n",
			`dupversion:4:3: not a baseline file: key "version" appears twice (first at 2:3): which one counts is unclear`},
		{"dupcount", "{\"version\": 1, \"findings\": [\n" + `{"rule": "SF306", "count": 1, "count": 9}` + "\n]}",
			`dupcount:2:31: not a baseline file: key "count" appears twice (first at 2:19): which one counts is unclear`},
		{"unknown", "{\"version\": 1, \"findings\": [\n" + strings.Replace(entry, `"element"`, `"elemnt"`, 1) + "\n]}",
			`unknown:2:64: not a baseline file: unknown key "elemnt" in a finding (rule, type, component, element, count)`},
		{"topunknown", `{"version": 1, "finding": []}`,
			`topunknown:1:16: not a baseline file: unknown key "finding" (a baseline has version and findings)`},
		{"v2", `{"version": 2, "findings": []}`, `v2:1:13: not a baseline file: baseline version 2 is not supported (want 1)`},
		{"noversion", `{"findings": []}`, `noversion:1:1: not a baseline file: no version: not a baseline written by sfcheck --write-baseline`},
		{"count0", "{\"version\": 1, \"findings\": [" + strings.Replace(entry, `"count": 1`, `"count": 0`, 1) + "]}",
			`count0:1:116: not a baseline file: count 0: a finding is recorded at least once`},
		{"typestring", `{"version": 1, "findings": [{"rule": 306, "count": 1}]}`, `typestring:1:38: not a baseline file: rule is a string`},
		{"trailing", `{"version": 1, "findings": []} {}`, `trailing:1:32: not a baseline file: { after the baseline's object`},
		{"truncated", "{\"version\": 1, \"findings\": [\n" + entry, `truncated:2:90: not a baseline file: unexpected end of file`},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := baseline.Load(p)
		if err == nil {
			t.Errorf("%s: loaded", c.name)
			continue
		}
		if got := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestRoundTripInvalidUTF8: a component whose name holds bytes that are
// not UTF-8 (a file name is any bytes) is recorded and found again, though
// JSON writes those bytes as U+FFFD.
func TestRoundTripInvalidUTF8(t *testing.T) {
	old := []rules.Finding{finding(t, "SF306", "A\xff", 2)}
	data, _, err := baseline.Encode(old)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []rules.Finding{finding(t, "SF306", "A\xff", 7)}
	b.Apply(now, "in baseline")
	if !now[0].Suppressed {
		t.Error("a finding on a component named with invalid UTF-8 is not matched by its own baseline")
	}
}
