#!/usr/bin/env bash
# sfcheck's SARIF, read by Microsoft's SARIF Multitool with the rules GitHub
# code scanning applies on upload (kind Gh) and the SARIF authoring rules
# (kind Sarif). Every report of the example projects, and one written from
# a subfolder, must give no error and no warning; a report with a result stripped of its locations must give
# GH1015, so a validator that stopped looking would fail here too.
#
#   bash .ci/sarif-multitool.sh     (needs npm and the registry; Linux x64)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)/$(uname -m)" != Linux/x86_64 ]; then
  echo "sarif-multitool: the Multitool's npm build is for Linux x64; skipped on $(uname -s)/$(uname -m)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool@5.7.0 >/dev/null
mt=$work/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
chmod u+x "$mt" # npm leaves the package's postinstall (this chmod) unrun
go build -o "$work/sfcheck" ./cmd/sfcheck
sf=$work/sfcheck

mkdir "$work/in"
n=0
for p in testdata/projects/*/; do
  name=$(basename "$p")
  # exit 1 is "findings": the report is what is checked
  "$sf" --format sarif -o "$work/in/$name.sarif" "$p" 2>>"$work/sfcheck.log" || [ $? -eq 1 ]
  n=$((n + 1))
done
# written from inside a project: paths still from the repository root
(cd testdata/projects/same-org-broken/force-app && "$sf" --format sarif -o "$work/in/subfolder.sarif" . || [ $? -eq 1 ])
n=$((n + 1))

# validate FILE...: the Multitool's errors and warnings on FILE, one per line
validate() {
  local out=$work/validation.sarif
  rm -f "$out"
  # its exit code says whether it ran; what it found is in its own SARIF
  "$mt" validate --rule-kind "Sarif;Gh" --level "Error;Warning" -o "$out" "$@" >"$work/mt.log" 2>&1 ||
    { cat "$work/mt.log" >&2; echo "sarif-multitool: the Multitool did not run" >&2; exit 1; }
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const run of log.runs)
      for (const r of run.results || [])
        console.log(`${r.level} ${r.ruleId}: ${r.message.text || (r.message.arguments || []).join(" ")}`);
  ' "$out"
}

found=$(validate "$work"/in/*.sarif)
if [ -n "$found" ]; then
  echo "sarif-multitool: GitHub's and SARIF's rules reject sfcheck's reports:" >&2
  echo "$found" >&2
  exit 1
fi

# the control: a result without locations, which GitHub refuses
node -e '
  const fs = require("fs");
  const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  delete log.runs[0].results[0].locations;
  fs.writeFileSync(process.argv[2], JSON.stringify(log));
' "$work/in/same-org-broken.sarif" "$work/control.sarif"
if ! validate "$work/control.sarif" | grep -q GH1015; then
  echo "sarif-multitool: a result without locations was not reported: the check does not work" >&2
  exit 1
fi
echo "sarif-multitool: $n reports pass GitHub's and SARIF's rules; the control fails as it should"
