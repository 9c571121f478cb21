package rules

import "github.com/sfcheck/sfcheck/metadata"

var userExternalCredentialAccess = register(&Rule{
	Code:     "SF503",
	Name:     "user-external-credential-access",
	Severity: Warning,
	Kinds:    append(permissionSetKinds(), metadata.KindExternalCredential),
	Summary:  "a permission set grants an OAuth principal but no read access to User External Credentials",
	Doc: `Salesforce stores OAuth tokens of External Credentials in User External
Credential records. Users who make callouts through an OAuth credential need
object access to UserExternalCredential as well as the principal grant, or
the callout fails with a credential access error. The guides grant Read,
Create, Edit and Delete; sfcheck requires at least allowRead true on
UserExternalCredential in the same permission set.`,
	Fix:     "Add <objectPermissions> for UserExternalCredential with allowRead true (the guides also allow create, edit and delete) to the permission set.",
	Runtime: "callouts fail with a credential access error (reported as \"couldn't access the endpoint\")",
	Bad: `-- permissionsets/Api_Callouts.permissionset-meta.xml --
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalCredentialPrincipalAccesses>
        <enabled>true</enabled>
        <externalCredentialPrincipal>Api-Integration</externalCredentialPrincipal>
    </externalCredentialPrincipalAccesses>
    <label>Api Callouts</label>
</PermissionSet>
-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
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
    <objectPermissions>
        <allowCreate>true</allowCreate>
        <allowDelete>true</allowDelete>
        <allowEdit>true</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>UserExternalCredential</object>
        <viewAllRecords>false</viewAllRecords>
    </objectPermissions>
</PermissionSet>
-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <label>Api</label>
</ExternalCredential>
`,
	Run: runUserExternalCredentialAccess,
})

func runUserExternalCredentialAccess(p *Pass) error {
	for _, ps := range p.Index.PermissionSets {
		canRead := false
		for _, op := range ps.ObjectPermissions {
			canRead = canRead || (op.Object.Is("UserExternalCredential") && op.AllowRead.True())
		}
		if canRead {
			continue
		}
		for i := range ps.ExternalCredentialPrincipalAccesses {
			g := &ps.ExternalCredentialPrincipalAccesses[i]
			cred, _, ok := g.Split()
			ec := p.Index.ExternalCredential(cred)
			if !ok || !g.Enabled.True() || ec == nil || !ec.AuthenticationProtocol.Is("Oauth") {
				continue
			}
			p.Report(g.ExternalCredentialPrincipal, "permission set %q grants OAuth credential %q but no read access to UserExternalCredential, where its tokens are stored: add objectPermissions for UserExternalCredential", ps.Name, cred)
			break // once per permission set
		}
	}
	return nil
}
