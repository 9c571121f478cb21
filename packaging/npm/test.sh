#!/usr/bin/env bash
# Proves the npm packages in a real project, as a Salesforce team would use
# them: install the main package and this platform's package from their
# tarballs, offline, into a fresh npm project holding an SFDX project; run
# npx sfcheck; then gate commits with husky and lint-staged: a commit of a
# broken External Credential fails, a clean one passes.
#
#   bash packaging/npm/test.sh [OUTDIR]   (OUTDIR: tarballs of pack.sh; built when absent)
#
# Needs Go, node, npm, git; lint-staged and husky come from the npm registry.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "npm test: $*" >&2; exit 1; }

dist=${1:-$work/dist}
[ -n "${1:-}" ] || bash "$repo/packaging/npm/pack.sh" "$dist" >/dev/null
version=$(cd "$repo" && go run ./cmd/sfcheck version | awk '{print $2}')
platform=$(node -p 'process.platform + "-" + process.arch')
main="$dist/sfcheck-$version.tgz"
native="$dist/sfcheck-$platform-$version.tgz"
[ -f "$main" ] && [ -f "$native" ] || fail "missing $main or $native"
for t in "$dist"/*.tgz; do # no package runs anything at install time
  tar -xOzf "$t" package/package.json | node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const s = Object.keys(m.scripts || {}).filter((k) => /install|prepare/.test(k));
    if (s.length) { console.error(m.name + " has install scripts: " + s); process.exit(1); }
    if (m.version !== process.argv[1]) { console.error(m.name + " has version " + m.version); process.exit(1); }
    // a platform package installs only where it runs; the main one lists all six
    const plat = /^@sfcheck\/(linux|darwin|win32)-(x64|arm64)$/.exec(m.name);
    if (plat && (String(m.os) !== plat[1] || String(m.cpu) !== plat[2])) { console.error(m.name + " has os " + m.os + ", cpu " + m.cpu); process.exit(1); }
    if (m.name === "sfcheck") {
      const deps = m.optionalDependencies || {};
      const want = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64"].map((p) => "@sfcheck/" + p);
      const bad = want.filter((d) => deps[d] !== process.argv[1]);
      if (bad.length || Object.keys(deps).length !== want.length) { console.error("sfcheck optionalDependencies: " + JSON.stringify(deps)); process.exit(1); }
    }' "$version" ||
    fail "$(basename "$t") is not what it should be"
done

proj="$work/project"
mkdir -p "$proj"
cp -r "$repo/testdata/projects/same-org/." "$proj/"
cd "$proj"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@sfcheck.invalid GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@sfcheck.invalid
git init -q
printf 'node_modules/\n' >.gitignore
cat >package.json <<'JSON'
{
  "name": "acme-salesforce",
  "private": true,
  "version": "1.0.0",
  "lint-staged": {
    "**/*.{eca,ecaOauth,ecaGlblOauth,ecaOauthPlcy,ecaPlcy,ecaMobile,ecaMobilePlcy,ecaNotifications,ecaSamlPlcy,ecaSmpl,ecaSmplPlcy,ecaPush,ecaPushPlcy,ecaCanvas,externalCredential,namedCredential,externalAuthIdentityProvider,connectedApp,authprovider,permissionset,externalCredentialPrincipalAccess,objectSettings,flow,md,labels,externalServiceRegistration,dataSource}-meta.xml": "sfcheck",
    "**/*.{cls,trigger}": "sfcheck"
  }
}
JSON

# 1. the install: offline, from the tarballs; only this platform's binary
npm install --offline --no-audit --no-fund --save-dev "$main" "$native" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "offline install failed"; }
[ -d "node_modules/@sfcheck/$platform" ] || fail "the $platform package is not installed"
got=$(npx --no-install sfcheck version) || fail "npx sfcheck version failed"
case "$got" in "sfcheck $version "*) ;; *) fail "npx sfcheck version says '$got', the packages $version" ;; esac
npx --no-install sfcheck force-app >"$work/clean.out" || { cat "$work/clean.out" >&2; fail "the clean project has findings"; }
set +e
npx --no-install sfcheck "$repo/testdata/projects/same-org-broken" >"$work/broken.out" 2>&1
status=$?
set -e
[ $status -eq 1 ] && grep -q "SF102 cc-run-as-user-missing" "$work/broken.out" || fail "the broken example: exit $status"
echo "npm test: installed offline, npx sfcheck works ($got)"

# 2. the pre-commit gate: husky runs lint-staged, which runs sfcheck on the
# staged metadata files
npm install --no-audit --no-fund --save-dev lint-staged husky >"$work/install2.log" 2>&1 ||
  { cat "$work/install2.log" >&2; fail "cannot install lint-staged and husky from the registry"; }
npx --no-install husky >/dev/null
printf 'npx --no-install lint-staged\n' >.husky/pre-commit
git add -A
git commit -qm "clean project" >"$work/commit1.out" 2>&1 || { cat "$work/commit1.out" >&2; fail "a clean commit was refused"; }

ec=force-app/main/default/externalCredentials/Same_Org_API_Access.externalCredential-meta.xml
cp "$repo/testdata/projects/same-org-broken/$ec" "$ec"
git add "$ec"
if git commit -qm "broken credential" >"$work/commit2.out" 2>&1; then
  cat "$work/commit2.out" >&2
  fail "a commit of a broken External Credential passed"
fi
grep -q "SF202 token-url-not-my-domain" "$work/commit2.out" || { cat "$work/commit2.out" >&2; fail "the failing commit does not show sfcheck's findings"; }
git checkout -q HEAD -- "$ec"
printf '\n' >>README.md 2>/dev/null || true
git add -A
git commit -qm "unrelated change" >"$work/commit3.out" 2>&1 || { cat "$work/commit3.out" >&2; fail "a clean commit was refused"; }
echo "npm test: husky and lint-staged fail a broken commit and pass a clean one"
