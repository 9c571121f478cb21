#!/usr/bin/env bash
# The GitHub Action's metadata (action.yml) and README's workflow example,
# validated against the action and workflow schemas by action-validator
# (npm @action-validator/cli, which checks against SchemaStore's schemas).
# A broken copy of action.yml must fail, so a validator that accepted
# everything would fail here too.
#
#   bash .ci/action-schema.sh     (needs npm and the registry)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-audit --no-fund --loglevel=error @action-validator/cli@0.6.0 @action-validator/core@0.6.0 >/dev/null
validator=$work/node_modules/.bin/action-validator

"$validator" action.yml

# README's workflow: the yaml block that starts with its file name
mkdir -p "$work/.github/workflows"
awk '/^```yaml$/ {inblock=1; buf=""; next}
     /^```$/ && inblock {if (buf ~ /^# \.github\/workflows\/sfcheck\.yml/) printf "%s", buf; inblock=0; next}
     inblock {buf = buf $0 "\n"}' README.md >"$work/.github/workflows/sfcheck.yml"
if ! grep -q 'uses: sfcheck/sfcheck@' "$work/.github/workflows/sfcheck.yml"; then
  echo "action-schema: README has no workflow example starting with '# .github/workflows/sfcheck.yml'" >&2
  exit 1
fi
"$validator" "$work/.github/workflows/sfcheck.yml"

# the control: an action whose runs key is misspelt
mkdir "$work/broken"
sed 's/^runs:/runz:/' action.yml >"$work/broken/action.yml"
if "$validator" "$work/broken/action.yml" >/dev/null 2>&1; then
  echo "action-schema: a broken action.yml was accepted: the check does not work" >&2
  exit 1
fi
echo "action-schema: action.yml and README's workflow pass the schemas; the control fails as it should"
