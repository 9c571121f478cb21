package rules

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sfcheck/sfcheck/metadata"
)

var credentialIDInSource = register(&Rule{
	Code:        "SF403",
	HidesSource: true,
	Name:        "credential-id-in-source",
	Severity:    Warning,
	Kinds:       metadata.ScannedKinds(),
	Summary:     "a credential's public half is committed where its secret half is kept elsewhere",
	Security:    true,
	Doc: `An AWS access key id (AKIA... or ASIA...) is not a secret on its own, but
it names the key whose secret is kept elsewhere, and with the secret from
any leak it opens the account; in source it also tells an attacker what to
look for. A literal, random-looking value of a custom HttpHeader whose name
does not say key or token (X-Tenant: 8f3a...; SF401 covers headers named like
secrets) is most often an API key under another name.

Every value of a file sfcheck parses is checked for the key id format
(permission sets excepted: their values are object and field names); a
header value counts as random-looking when it has at least 20 characters,
only letters, digits and - _ . + / =, both letters and digits, and more than
3.5 bits of entropy per character. A UUID (an id that names a tenant or a
request and authenticates nothing), a media type, and the values of headers
that set how to talk rather than who talks (Accept..., Content-..., User-Agent,
...-Version, ...-Request-Id, ...-Correlation-Id) are not reported. No value is
printed, only where it is and its length.`,
	Fix: "Keep the key id and the header value out of the file: put them in the External Credential's principal in the org, or have a deploy-time replacement in sfdx-project.json put them in place from the environment.",
	Bad: `-- namedCredentials/S3.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <awsAccessKey>AKIAZ7Q3M5K2T9RWX4VD</awsAccessKey>
    <awsRegion>us-east-1</awsRegion>
    <awsService>s3</awsService>
    <endpoint>https://s3.amazonaws.com</endpoint>
    <label>S3</label>
    <principalType>NamedUser</principalType>
    <protocol>AwsSv4</protocol>
</NamedCredential>
`,
	Good: `-- namedCredentials/S3.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>S3</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runCredentialIDInSource,
})

func runCredentialIDInSource(p *Pass) error {
	for _, h := range p.Index.Formats {
		if h.Public && !p.Index.ReplacedFormat(h.FormatHit) {
			m := h.Model.Base()
			p.Report(h.Node, "<%s> of %s %q holds an %s (%d characters): keep it out of source control", h.Element, m.Kind, m.Name, h.Name, h.Length)
		}
	}
	for _, nc := range p.Index.NamedCredentials {
		for _, hd := range nc.Params("HttpHeader") {
			v := hd.ParameterValue
			if isSecretHeader(hd.ParameterName.Text) || isSettingHeader(hd.ParameterName.Text) || isFormula(v.Text) ||
				!looksRandom(v.Text) || p.Index.Replaced(v) {
				continue
			}
			if _, ok := metadata.MatchFormat(v.Text); ok {
				continue // SF401 or the format loop above report it
			}
			p.Report(v, "header %q of named credential %q holds a literal, random-looking value (%d characters), most likely an API key: keep it out of source control",
				hd.ParameterName.Text, nc.Name, utf8.RuneCountInString(v.Text))
		}
	}
	return nil
}

// isSettingHeader reports header names whose values say how to talk, not
// who is talking: media types, versions, client names.
func isSettingHeader(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(n, "accept") || strings.HasPrefix(n, "content-") || n == "user-agent" ||
		strings.HasSuffix(n, "-version") || strings.HasSuffix(n, "-request-id") || strings.HasSuffix(n, "-correlation-id")
}

// uuidShape is 8-4-4-4-12 hex digits: an id (a tenant, a request), which
// names and does not authenticate.
var uuidShape = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// mediaType is a type/subtype such as application/vnd.api.v2+json.
var mediaType = regexp.MustCompile(`^(application|text|image|audio|video|multipart|message|font|model)/[A-Za-z0-9.+-]+$`)

// looksRandom reports a value of at least 20 characters, all of a token
// alphabet (letters, digits and - _ . + / =), with both letters and digits
// and more than 3.5 bits of entropy per character: a key, not a word or a
// setting such as application/json;charset=UTF-8.
func looksRandom(s string) bool {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) < 20 || uuidShape.MatchString(s) || mediaType.MatchString(s) {
		return false
	}
	letters, digits := false, false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters = true
		case r >= '0' && r <= '9':
			digits = true
		case strings.ContainsRune("-_.+/=", r):
		default:
			return false
		}
	}
	if !letters || !digits {
		return false
	}
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	var bits float64
	for _, c := range counts {
		p := float64(c) / float64(n)
		bits -= p * math.Log2(p)
	}
	return bits > 3.5
}
