package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/sfcheck/sfcheck/metadata"
)

var secretInMetadata = register(&Rule{
	Code:        "SF401",
	HidesSource: true,
	Name:        "secret-in-metadata",
	Severity:    Error,
	Security:    true,
	Kinds:       metadata.ScannedKinds(), // the secret formats are searched in every value
	Summary:     "a secret value is committed in a metadata file",
	Doc: `Anything in a metadata file ends up in version control, in pull requests, in
CI logs and in every clone. A client secret, password, token or API key there
must be treated as leaked. Retrieve normally leaves secrets out (AuthProvider
returns Placeholder_Value), so a secret in the file was usually typed in.

Checked: consumerSecret in ECA global OAuth settings, Connected Apps and
AuthProviders (other than Placeholder_Value); password, oauthToken,
oauthRefreshToken and awsAccessSecret in legacy Named Credentials; and a
literal value (not a {!...} formula) of an Authorization header, or of a
header whose name says key, token, secret, password or auth, in an External
Credential AuthHeader or Named Credential HttpHeader parameter. And, in any
value of any file sfcheck parses (permission sets aside), a key in a
vendor's documented format: Stripe sk_live_/sk_test_/rk_, GitHub ghp_ and
github_pat_, Slack xox?-, Google AIza, a PEM private key, and an AWS secret
access key (forty base64 characters with both cases and digits) in a file
that also holds an AWS access key id.

sfcheck never prints the secret: the finding says where it is and how long
it is, in every report format.

A value that a deploy-time string replacement of sfdx-project.json
(replacements: stringToReplace or regexToReplace, for the file by filename or
glob) replaces is not committed: the repository holds the placeholder, and a
deploy puts the secret in place from the environment. That is the documented
way to keep a secret out of source, and no finding fires on it. Files are
matched as the CLI matches them (filename from the project root, glob at any
depth); a regexToReplace that Go's regexp cannot read (JavaScript lookaround)
is taken to replace every value of its files, and sfcheck warns.

Nor on a value plainly written to stand for a secret: one character repeated
(xxx, ****, xxxx-xxxx, also after a key's prefix: sk_live_XXXX), a slot such
as <api-key>, {API_KEY}, [PASSWORD], ${API_KEY} or %API_KEY%, a value whose
letters say what it is and nothing more (changeme, ChangeMe123, YOUR_API_KEY,
REPLACE_WITH_YOUR_PASSWORD, dummy, placeholder, redacted), or the example
keys of AWS's documentation. The test looks at the key a format matched,
not at the text around it. No generated credential looks like these, and reporting them
would teach users to ignore the rule; a password that merely contains such a
word (MyExampleCorp#2024) is still reported.`,
	Fix: "Remove the value from the file and rotate the secret (it is in your history). Enter secrets in Setup, or reference them with a formula such as {!$Credential.Api.apiKey}.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>x-api-key</parameterName>
        <parameterType>HttpHeader</parameterType>
        <parameterValue>k3y-d0-n0t-c0mm1t</parameterValue>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>x-api-key</parameterName>
        <parameterType>HttpHeader</parameterType>
        <parameterValue>{!$Credential.Api_Credential.apiKey}</parameterValue>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runSecretInMetadata,
})

func runSecretInMetadata(p *Pass) error {
	reported := map[metadata.Pos]bool{}
	for _, a := range p.Index.ECAs {
		if g := a.GlobalOauth; g != nil {
			reportSecret(p, reported, g.ConsumerSecret, "consumerSecret of app", a.Name)
		}
	}
	for _, a := range p.Index.ECAs {
		for _, o := range a.Others {
			if ap := o.ApplePushConfig; ap != nil {
				reportSecret(p, reported, ap.Password, "Apple push password of app", a.Name)
				reportSecret(p, reported, ap.SigningKey, "Apple push signing key of app", a.Name)
			}
			if an := o.AndroidPushConfig; an != nil {
				reportSecret(p, reported, an.ServiceAccount, "Android push service account of app", a.Name)
			}
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if oc := ca.OauthConfig; oc != nil {
			reportSecret(p, reported, oc.ConsumerSecret, "consumerSecret of app", ca.Name)
		}
	}
	for _, ap := range p.Index.AuthProviders {
		if !ap.ConsumerSecret.Is(metadata.AuthProviderSecretPlaceholder) {
			reportSecret(p, reported, ap.ConsumerSecret, "consumerSecret of auth provider", ap.Name)
		}
	}
	for _, nc := range p.Index.NamedCredentials {
		reportSecret(p, reported, nc.Password, "password of named credential", nc.Name)
		reportSecret(p, reported, nc.OauthToken, "oauthToken of named credential", nc.Name)
		reportSecret(p, reported, nc.OauthRefreshToken, "oauthRefreshToken of named credential", nc.Name)
		reportSecret(p, reported, nc.AwsAccessSecret, "awsAccessSecret of named credential", nc.Name)
		for _, h := range nc.Params("HttpHeader") {
			if isSecretHeader(h.ParameterName.Text) && !isFormula(h.ParameterValue.Text) && !h.ParameterValue.Empty() {
				reportSecret(p, reported, h.ParameterValue, "header "+quote(h.ParameterName.Text)+" of named credential", nc.Name)
			}
		}
	}
	for _, ec := range p.Index.ExternalCredentials {
		for _, h := range ec.Params("AuthHeader") {
			if isSecretHeader(h.ParameterName.Text) && !isFormula(h.ParameterValue.Text) && !h.ParameterValue.Empty() {
				reportSecret(p, reported, h.ParameterValue, "header "+quote(h.ParameterName.Text)+" of external credential", ec.Name)
			}
		}
	}
	// any other value in a secret format, whatever element holds it
	for _, h := range p.Index.Formats {
		if h.Public || reported[h.Pos] || p.Index.ReplacedFormat(h.FormatHit) {
			continue
		}
		m := h.Model.Base()
		p.Report(h.Node, "<%s> of %s %q holds a value in the format of %s (%d characters): remove it from the file and rotate it",
			h.Element, m.Kind, m.Name, withArticle(h.Name), h.Length)
	}
	return nil
}

// withArticle puts a or an before a format's name ("an AWS secret access
// key", "a GitHub token").
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOaeio", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// isSecretHeader reports header names that carry credentials.
func isSecretHeader(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"auth", "key", "token", "secret", "password"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// reportSecret reports a non-empty secret by place and length, never by
// value. what and name say where ("password of named credential", "Api").
func reportSecret(p *Pass, seen map[metadata.Pos]bool, v metadata.Value, what, name string) {
	if v.Empty() || p.Index.Replaced(v) || metadata.IsPlaceholder(v.Text) {
		return // a value a deploy replaces, or one written as a stand-in, is not the secret
	}
	seen[v.Node().Pos] = true
	p.Report(v, "%s %q holds a committed secret (%d characters): remove it from the file and rotate it", what, name, utf8.RuneCountInString(v.Text))
}
