#!/usr/bin/env bash
# bench/run.sh: generate a synthetic project with ../shared/bench/gen_forceapp.py,
# then time sfcheck and the "cat every file" floor side by side, alternating,
# and report medians, the ratio, sfcheck's peak RSS, and whether sfcheck found
# exactly the planted defects.
#
#   bench/run.sh [BUNDLES] [FILLER] [RUNS]     (defaults: 2000 4000 7)
set -euo pipefail
cd "$(dirname "$0")/.."
bundles=${1:-2000}
filler=${2:-4000}
runs=${3:-7}
gen=../shared/bench/gen_forceapp.py
[ -f "$gen" ] || { echo "bench: $gen is missing (../shared must be beside the clone)" >&2; exit 1; }
for tool in python3 bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (apt-get install python3 bc time)" >&2; exit 1; }
done

out=bench/out
tree="$out/tree-$bundles-$filler"
mkdir -p "$out"
if [ ! -f "$tree/bench-manifest.json" ]; then
  python3 "$gen" "$tree" --bundles "$bundles" --filler "$filler" --seed 1 --force
fi
go build -o "$out/sfcheck" ./cmd/sfcheck

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

# warm the page cache once for both
(cd "$tree" && find force-app -type f -exec cat {} + >/dev/null && ../sfcheck . >/dev/null || true)

: >"$out/t_sfcheck"; : >"$out/t_cat"; : >"$out/rss"
for _ in $(seq "$runs"); do
  t0=$(now); (cd "$tree" && find force-app -type f -exec cat {} + >/dev/null); t1=$(now)
  echo "$t1 - $t0" | bc >>"$out/t_cat"
  t0=$(now)
  (cd "$tree" && /usr/bin/time -f "%M" -o ../rss.one ../sfcheck --format json -o ../report.json . || [ $? -eq 1 ])
  t1=$(now)
  echo "$t1 - $t0" | bc >>"$out/t_sfcheck"
  cat "$out/rss.one" >>"$out/rss"
done

s=$(median <"$out/t_sfcheck"); c=$(median <"$out/t_cat"); rss=$(sort -n "$out/rss" | tail -1)
files=$(find "$tree/force-app" -type f | wc -l)
echo "tree: $bundles bundles, $filler filler files ($files files) on $(nproc) cores"
echo "sfcheck median ${s}s  cat median ${c}s  ratio $(echo "scale=2; $s / $c" | bc)  sfcheck peak RSS $((rss / 1024)) MB"
# every planted defect must be found, in its file, by the rule that covers
# it, and nothing else by those rules. (The generator writes no permission
# sets, so SF501 also reports every credential's principal: true, and
# counted apart.)
python3 - "$out/report.json" "$tree/bench-manifest.json" <<'PY'
import json, sys, collections
rule_of = {"pkce_on": "SF103", "callback_set": "SF104", "no_run_as_user": "SF102",
           "login_token_url": "SF202", "creds_in_body": "SF205", "missing_refresh_codes": "SF206"}
findings = json.load(open(sys.argv[1]))["findings"]
m = json.load(open(sys.argv[2]))
found = collections.Counter((f["file"], f["rule"]) for f in findings if f["rule"] in rule_of.values())
want = collections.Counter((d["file"], rule_of[d["kind"]]) for b in m["planted"] for d in b["defects"])
other = collections.Counter(f["rule"] for f in findings if f["rule"] not in rule_of.values())
differ = sum(1 for k in set(found) | set(want) if found[k] != want[k])
print("planted defects: %d, found: %d, differing (file, rule) pairs: %d; other findings: %s" % (
    m["expected_findings"], sum(found.values()), differ, dict(other)))
PY
