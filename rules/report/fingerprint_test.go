package report_test

import (
	"encoding/hex"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

const policyXML = `<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_oauthPlcy</label>
</ExtlClntAppOauthConfigurablePolicies>
`

// policyNodes parses a real OAuth policies file and returns nodes of two
// different elements, so findings carry element paths as they do in a run.
func policyNodes(t *testing.T) (flow, app metadata.Node) {
	t.Helper()
	doc, perr := metadata.Parse(fileOauthPolicy, []byte(policyXML), metadata.DefaultLimits)
	if perr != nil {
		t.Fatal(perr)
	}
	pol, ok := metadata.Decode(doc, metadata.KindECAOauthPolicies, "Api_oauthPlcy").(*metadata.ECAOauthPolicies)
	if !ok {
		t.Fatal("the policies file does not decode as ECAOauthPolicies")
	}
	flow, app = pol.IsClientCredentialsFlowEnabled.Node(), pol.ExternalClientApplication.Node()
	if flow.Path() == "" || app.Path() == "" || flow.Path() == app.Path() || flow.Line == app.Line {
		t.Fatalf("the nodes do not have distinct element paths and lines: %q at %v, %q at %v", flow.Path(), flow.Pos, app.Path(), app.Pos)
	}
	return flow, app
}

func TestFingerprint(t *testing.T) {
	flow, app := policyNodes(t)
	comp := rules.Component{Type: "ExtlClntAppOauthConfigurablePolicies", Name: "Api_oauthPlcy"}
	base := rules.Finding{
		Rule: lookup(t, "SF102"), Severity: rules.Error, Node: flow, Component: comp,
		Message: "client credentials flow is enabled but no run-as user is set: add clientCredentialsFlowUser",
	}
	fp := report.Fingerprint(base, 0)
	if b, err := hex.DecodeString(fp); err != nil || len(b) != 16 {
		t.Errorf("fingerprint %q is not 16 bytes of hex", fp)
	}
	if report.Fingerprint(base, 0) != fp {
		t.Error("the fingerprint of one finding changes between calls")
	}

	// What an edit elsewhere in the file changes must not change it.
	moved := base
	moved.Line, moved.Col = base.Line+12, base.Col+4
	if moved.Path() != base.Path() {
		t.Fatal("moving the finding changed its element path")
	}
	reworded := base
	reworded.Message = "the same problem, worded differently"
	reseverity := base
	reseverity.Severity = rules.Warning
	suppressed := base
	suppressed.Suppressed, suppressed.Reason = true, "accepted"
	related := base
	related.Related = []rules.Location{{Pos: app.Pos, Message: "here"}}
	for name, f := range map[string]rules.Finding{
		"line and column": moved, "message": reworded, "severity": reseverity,
		"suppression": suppressed, "related locations": related,
	} {
		if got := report.Fingerprint(f, 0); got != fp {
			t.Errorf("changing the %s changed the fingerprint: %s, was %s", name, got, fp)
		}
	}

	// What identifies the finding must change it.
	otherElement := base
	otherElement.Node = app
	otherElement.Line = base.Line // same line, different element
	otherRule := base
	otherRule.Rule = lookup(t, "SF101")
	otherComponent := base
	otherComponent.Component.Name = "Other_oauthPlcy"
	otherType := base
	otherType.Component.Type = "ExtlClntAppGlobalOauthSettings"
	seen := map[string]string{fp: "the finding"}
	for name, f := range map[string]rules.Finding{
		"element path": otherElement, "rule": otherRule, "component": otherComponent, "metadata type": otherType,
	} {
		got := report.Fingerprint(f, 0)
		if prev, dup := seen[got]; dup {
			t.Errorf("a different %s gives the fingerprint of %s", name, prev)
		}
		seen[got] = "a different " + name
	}
	if report.Fingerprint(base, 1) == fp {
		t.Error("the occurrence number does not change the fingerprint")
	}
}

func TestIdentities(t *testing.T) {
	flow, app := policyNodes(t)
	rule := lookup(t, "SF102")
	mk := func(n metadata.Node, line int) rules.Finding {
		n.Line = line
		return rules.Finding{Rule: rule, Severity: rules.Error, Node: n, Component: rules.Component{Type: "T", Name: "N"}}
	}
	fs := []rules.Finding{mk(flow, 3), mk(app, 4), mk(flow, 9), mk(flow, 12), mk(app, 20)}
	got := report.Identities(fs)
	want := []int{0, 0, 1, 2, 1}
	if len(got) != len(want) {
		t.Fatalf("Identities = %v, want %v", got, want)
	}
	fps := map[string]bool{}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Identities = %v, want %v", got, want)
		}
		fps[report.Fingerprint(fs[i], got[i])] = true
	}
	if len(fps) != len(fs) {
		t.Errorf("%d distinct fingerprints for %d findings", len(fps), len(fs))
	}
	if len(report.Identities(nil)) != 0 {
		t.Error("Identities(nil) is not empty")
	}
}
