#!/usr/bin/env bash
# Proves .pre-commit-hooks.yaml works with a real pre-commit: a sample
# repository with a broken External Credential must fail the hook with
# sfcheck's findings, and the fixed one must pass.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v pre-commit >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "ci: installing Debian's pre-commit"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
  else
    echo "ci: pre-commit is not installed (apt-get install pre-commit)" >&2
    exit 1
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@sfcheck.invalid GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@sfcheck.invalid
sample="$work/sample"
cp -r "$repo/testdata/projects/same-org-broken" "$sample"
git -C "$sample" init -q
git -C "$sample" add -A
git -C "$sample" commit -qm sample

set +e
(cd "$sample" && pre-commit try-repo "$repo" sfcheck --all-files --color never) >"$work/broken.out" 2>&1
status=$?
set -e
if [ $status -eq 0 ] || ! grep -q "SF102 cc-run-as-user-missing" "$work/broken.out"; then
  echo "ci: pre-commit should have failed on the broken sample (exit $status):" >&2
  cat "$work/broken.out" >&2
  exit 1
fi
echo "ci: pre-commit hook fails the broken sample, as it should"

rm -rf "$sample/force-app"
cp -r "$repo/testdata/projects/same-org/force-app" "$sample/force-app"
git -C "$sample" add -A
git -C "$sample" commit -qm fixed
if ! (cd "$sample" && pre-commit try-repo "$repo" sfcheck --all-files --color never) >"$work/good.out" 2>&1; then
  echo "ci: pre-commit should pass on the fixed sample:" >&2
  cat "$work/good.out" >&2
  exit 1
fi
echo "ci: pre-commit hook passes the fixed sample"

# The sfcheck-changes hook: renaming a Named Credential that an Apex class
# still calls fails the commit, though the class is not staged.
mkdir -p "$sample/force-app/main/default/classes"
cat >"$sample/force-app/main/default/classes/AccountsClient.cls" <<'APEX'
public with sharing class AccountsClient {
    public static HttpRequest accounts() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Same_Org_API/services/data/v64.0/sobjects/Account');
        return req;
    }
}
APEX
git -C "$sample" add -A
git -C "$sample" commit -qm "a class that calls out"
nc=force-app/main/default/namedCredentials
git -C "$sample" mv "$nc/Same_Org_API.namedCredential-meta.xml" "$nc/Same_Org_Api_V2.namedCredential-meta.xml"
set +e
(cd "$sample" && pre-commit try-repo "$repo" sfcheck-changes --color never) >"$work/rename.out" 2>&1
status=$?
set -e
if [ $status -eq 0 ] || ! grep -q "AccountsClient.cls:4:26: error SF601" "$work/rename.out"; then
  echo "ci: renaming a called Named Credential should fail the sfcheck-changes hook (exit $status):" >&2
  cat "$work/rename.out" >&2
  exit 1
fi
echo "ci: the sfcheck-changes hook fails a commit that renames a called Named Credential"
