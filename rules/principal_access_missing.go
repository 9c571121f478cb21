package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var principalAccessMissing = register(&Rule{
	Code:     "SF501",
	Name:     "principal-access-missing",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential},
	Needs:    permissionSetKinds(), // a grant in any of them counts
	Summary:  "no permission set in the project grants a client-credentials credential's named principal",
	Doc: `A user can make callouts through an External Credential only when a
permission set grants its principal: an externalCredentialPrincipalAccesses
entry naming "Credential-Principal" with enabled true. Without one, every
callout fails with a credential access error even though the OAuth setup is
right. Profiles cannot carry principal access in metadata (the Profile type
has no such element), so a grant made on a profile in the org never reaches
source; a grant that lives only in the org is reported too: add a permission
set to the project to keep the setup reproducible. A grant written with a namespace prefix (ns__Credential-Principal,
as a package project grants its own credential) counts for the credential of
that name in the project.`,
	Fix:     "Add a permission set with <externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>Credential-Principal</externalCredentialPrincipal></externalCredentialPrincipalAccesses> and assign it to the users who make the callouts.",
	Runtime: "callouts fail with a credential access error (reported as \"couldn't access the endpoint\")",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
-- permissionsets/Api_Callouts.permissionset-meta.xml --
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>Api-Integration</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
    <label>Api Callouts</label>
</PermissionSet>
`,
	Run: runPrincipalAccessMissing,
})

func runPrincipalAccessMissing(p *Pass) error {
	granted := map[string]bool{}
	for _, ps := range p.Index.PermissionSets {
		for _, g := range ps.ExternalCredentialPrincipalAccesses {
			if g.Enabled.True() {
				name := g.ExternalCredentialPrincipal.Text
				granted[name] = true
				// A package project grants its own credentials with its
				// namespace (ns__Credential-Principal) while the credential's
				// file carries none: count the grant for the file too.
				if ns, rest, ok := strings.Cut(name, "__"); ok && ns != "" && !strings.Contains(ns, "-") {
					granted[rest] = true
				}
			}
		}
	}
	for _, ec := range p.Index.ExternalCredentials {
		if !isCCCredential(ec, p.Index) {
			continue
		}
		for _, prm := range ec.Params("NamedPrincipal") {
			name := strings.TrimSpace(prm.ParameterName.Text)
			if name == "" || granted[ec.Name+"-"+name] {
				continue
			}
			p.Report(prm, "principal %q of external credential %q is granted by no permission set in the project (a profile cannot carry the grant in metadata): grant %s-%s in a permission set's externalCredentialPrincipalAccesses", name, ec.Name, ec.Name, name)
		}
	}
	return nil
}
