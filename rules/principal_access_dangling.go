package rules

import (
	"slices"
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var principalAccessDangling = register(&Rule{
	Code:     "SF502",
	Name:     "principal-access-dangling",
	Severity: Error,
	Kinds:    append(permissionSetKinds(), metadata.KindExternalCredential),
	Summary:  "a permission set grants a principal of an External Credential that is not in the project",
	Doc: `externalCredentialPrincipal names "Credential-Principal": the External
Credential's API name, a hyphen, and the principal's parameterName (an
installed package's credential carries its namespace, ns__Credential-Principal).
sfcheck splits at the first hyphen after the optional namespace, since API
names cannot contain one. When the credential is not in the project, or has
no principal of that name, the deploy fails, or the grant silently does
nothing after a principal was renamed. Credentials with a namespace prefix
belong to a package and are not checked.`,
	Fix: "Correct the name to Credential-Principal as they are spelled in the External Credential (names are case-sensitive), or remove the grant.",
	Bad: `-- permissionsets/Api_Callouts.permissionset-meta.xml --
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>Api-Integration User</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
    <label>Api Callouts</label>
</PermissionSet>
-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- permissionsets/Api_Callouts.permissionset-meta.xml --
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>Api-Integration</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
    <label>Api Callouts</label>
</PermissionSet>
-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Run: runPrincipalAccessDangling,
})

// principalNames are the parameter names of a credential's principals.
func principalNames(ec *metadata.ExternalCredential) []string {
	var out []string
	for _, prm := range ec.Parameters {
		if strings.HasSuffix(prm.ParameterType.Text, "Principal") {
			out = append(out, prm.ParameterName.Text)
		}
	}
	return out
}

func runPrincipalAccessDangling(p *Pass) error {
	names := map[*metadata.ExternalCredential][]string{} // each credential's principals, listed once
	for _, ps := range p.Index.PermissionSets {
		for i := range ps.ExternalCredentialPrincipalAccesses {
			g := &ps.ExternalCredentialPrincipalAccesses[i]
			v := g.ExternalCredentialPrincipal
			if v.Empty() {
				continue
			}
			cred, principal, ok := g.Split()
			switch {
			case !ok:
				p.Report(v, "%q is not Credential-Principal: the credential's name and the principal's are joined by a hyphen", v.Text)
			case isNamespaced(cred):
			case p.Index.ExternalCredential(cred) == nil:
				p.Report(v, "permission set %q grants a principal of external credential %q, which is not in the project", ps.Name, cred).
					About(metadata.KindExternalCredential, cred)
			default:
				ec := p.Index.ExternalCredential(cred)
				if _, ok := names[ec]; !ok {
					names[ec] = principalNames(ec)
				}
				if !slices.Contains(names[ec], principal) {
					msg := "external credential %q has no principal %q"
					if len(names[ec]) > 0 {
						msg += " (it has " + quoteList(names[ec]) + ")"
					}
					p.Report(v, msg, cred, principal)
				}
			}
		}
	}
	return nil
}
