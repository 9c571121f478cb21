package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/rules"
)

// TestParse reads good configs and rejects bad ones with every problem
// named by file, line and column.
func TestParse(t *testing.T) {
	good := `rules:
  SF205: off
  sf104: note
  cc-pkce-required: warning
exclude: ["force-app/legacy/**"]
ruleExclude:
  nc-legacy: ["force-app/main/default/namedCredentials/Old_*"]
clientCredentialsApps: [Orders]
myDomain: Acme
placeholderHosts: [not-used.acme.internal]
namespaces: [acmepkg]
`
	cfg, err := config.Parse("/p/.sfcheck.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Severity["SF205"] != rules.Off || cfg.Severity["SF104"] != rules.Note || cfg.Severity["SF103"] != rules.Warning {
		t.Errorf("severities %v", cfg.Severity)
	}
	if cfg.Settings.MyDomain != "acme" || cfg.Settings.ClientCredentialsApps[0] != "Orders" || len(cfg.RuleExclude["SF306"]) != 1 {
		t.Errorf("settings %+v, rule excludes %v", cfg.Settings, cfg.RuleExclude)
	}
	if !cfg.Excluded("/p/force-app/legacy/x.xml", nil) || cfg.Excluded("/p/force-app/main/x.xml", nil) {
		t.Error("exclude globs do not apply relative to the config's folder")
	}

	for _, c := range []struct{ name, src, want string }{
		{"unknown key", "exlude: []\n", ".sfcheck.yaml:1:1: unknown key \"exlude\""},
		{"unknown rule", "rules: {SF999: off}\n", ":1:9: rules: unknown rule \"SF999\""},
		{"bad severity", "rules: {SF205: loud}\n", "unknown severity \"loud\""},
		{"rule set twice", "rules:\n  SF205: off\n  cc-credentials-in-body: note\n", ":3:3: rules: SF205 (cc-credentials-in-body) is set twice"},
		{"key set twice", "namespaces: [a]\nnamespaces: [b]\n", ":2:1: namespaces is set twice"},
		{"second document", "rules: {}\n---\nexclude: ['**']\n", ".sfcheck.yaml:2:1: a second YAML document"},
		{"second document after an opening marker", "# config\n---\nrules: {}\n--- # more\nexclude: ['**']\n", ".sfcheck.yaml:4:1: a second YAML document"},
		{"second document, broken", "rules: {}\n---\nexclude: [\n", ".sfcheck.yaml:2:1: a second YAML document"},
		{"second document after an end marker", "rules: {}\n...\n# next\nexclude: ['**']\n", ".sfcheck.yaml:4:1: a second YAML document"},
		{"syntax", "rules:\n  SF205: off\n bad\n", ".sfcheck.yaml:2: did not find expected key"},
		{"alias", "x: &off off\nrules: {SF205: *off}\n", "anchors and aliases"},
		{"not a mapping", "- a\n", "must be a mapping"},
		{"bad glob", "exclude: ['[']\n", "is not a valid glob"},
		{"too many globs", "exclude: [" + strings.Repeat("'a/**',", 400) + "]\nruleExclude: {SF306: [" + strings.Repeat("'b/**',", 200) + "]}\n", "more than 500 exclude globs in the config (600 so far)"},
		{"url as my domain", "myDomain: https://acme.my.salesforce.com\n", "not a URL"},
	} {
		_, err := config.Parse(".sfcheck.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// TestFind: discovery stops at the project root.
func TestFind(t *testing.T) {
	outer := t.TempDir()
	project := filepath.Join(outer, "project")
	sub := filepath.Join(project, "force-app", "main")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outer, config.FileName))
	if got := config.Find(sub, sub); got != "" {
		t.Errorf("no project root, cwd = the folder: found %s above it", got)
	}
	write(filepath.Join(project, "sfdx-project.json"))
	if got := config.Find(sub, outer); got != "" {
		t.Errorf("found %s above the project root", got)
	}
	write(filepath.Join(project, config.FileName))
	if got := config.Find(sub, outer); got != filepath.Join(project, config.FileName) {
		t.Errorf("found %q, want the project's", got)
	}
}
