#!/usr/bin/env bash
# bench/org.sh: time sfcheck on a tree shaped like a real org's repository
# (../shared/bench/gen_org.py: few OAuth files among tens of thousands, large
# permission sets) against floors measured in the same run, interleaved:
#
#   walk floor   find force-app -type f
#   read floor   cat of exactly the files sfcheck reads on the whole project
#   sfcheck      on the whole project, and on one named Named Credential and
#                one named permission set (what a pre-commit hook does)
#   peer         Salesforce Code Analyzer, regex engine, the card's rules
#                (only when ../shared/bench/peer/install.sh has installed it)
#
# and prints medians, ratios to the read floor, and sfcheck's peak RSS.
#
#   bench/org.sh [SCALE] [RUNS]     (defaults: 8 5)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-8}
runs=${2:-5}
gen=../shared/bench/gen_org.py
peer=$(cd .. && pwd)/shared/bench/peer/peer_code_analyzer.sh
[ -f "$gen" ] || { echo "bench: $gen is missing (../shared must be beside the clone)" >&2; exit 1; }
for tool in python3 bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (apt-get install python3 bc time)" >&2; exit 1; }
done

out=$PWD/bench/out
tree="$out/org-$scale"
mkdir -p "$out"
if [ ! -f "$tree/org-manifest.json" ]; then
  python3 "$gen" "$tree" --scale "$scale" --seed 1 --force >/dev/null
fi
go build -o "$out/sfcheck" ./cmd/sfcheck
sf="$out/sfcheck"

# the files sfcheck reads: the JUnit report has a test case per file
(cd "$tree" && "$sf" --format junit -o "$out/org-files.xml" . || [ $? -eq 1 ])
python3 - "$out/org-files.xml" >"$out/org-files.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
seen = []
for tc in ET.parse(sys.argv[1]).iter("testcase"):
    f = tc.get("classname")
    if f not in seen:
        seen.append(f)
print("\n".join(seen))
PY
nc=$(grep -m1 '\.namedCredential-meta\.xml$' "$out/org-files.txt")
ps=$(grep '\.permissionset-meta\.xml$' "$out/org-files.txt" | while read -r f; do
  printf '%s %s\n' "$(stat -c %s "$tree/$f")" "$f"; done | sort -n | tail -1 | cut -d' ' -f2)
have_peer=0
peer_dir="${PEER_DIR:-${TMPDIR:-$(dirname "$(mktemp -u)")}/peer/core}"
if [ -f "$peer" ] && [ -d "$peer_dir/node_modules/@salesforce/code-analyzer-core" ]; then
  have_peer=1
fi

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
timed() { # timed NAME CMD...: append the wall time of CMD (run in the tree) to $out/t_NAME
  local name=$1; shift
  local t0 t1
  t0=$(now); (cd "$tree" && "$@" >/dev/null 2>&1 || true); t1=$(now)
  echo "$t1 - $t0" | bc >>"$out/t_$name"
}
rss() { # rss NAME CMD...: append the peak RSS in KB of CMD to $out/rss_NAME
  local name=$1; shift
  (cd "$tree" && /usr/bin/time -f "%M" -o "$out/rss.one" "$@" >/dev/null 2>&1 || true)
  cat "$out/rss.one" >>"$out/rss_$name"
}

names="walk read whole nc ps"
[ $have_peer = 1 ] && names="$names peer"
for n in $names; do : >"$out/t_$n"; : >"$out/rss_$n"; done
# warm the page cache for everyone
(cd "$tree" && find force-app -type f -exec cat {} + >/dev/null)
for _ in $(seq "$runs"); do
  timed walk find force-app -type f
  timed read sh -c "tr '\n' '\0' <'$out/org-files.txt' | xargs -0 cat"
  timed whole "$sf" --format json .
  timed nc "$sf" --format json "$nc"
  timed ps "$sf" --format json "$ps"
  if [ $have_peer = 1 ]; then timed peer bash "$peer" .; fi
  rss whole "$sf" --format json .
  rss nc "$sf" --format json "$nc"
  rss ps "$sf" --format json "$ps"
done

floor=$(median <"$out/t_read")
files=$(find "$tree/force-app" -type f | wc -l)
read_files=$(wc -l <"$out/org-files.txt")
read_mb=$(tr '\n' '\0' <"$out/org-files.txt" | (cd "$tree" && xargs -0 cat) | wc -c | awk '{printf "%.0f", $1/1048576}')
echo "org tree: gen_org.py --scale $scale: $files files; sfcheck reads $read_files ($read_mb MB); $(nproc) cores; medians of $runs"
row() { # row LABEL NAME
  local t; t=$(median <"$out/t_$2")
  local r; r=$(echo "scale=2; $t / $floor" | bc)
  local m=""
  [ -s "$out/rss_$2" ] && m="  peak RSS $(( $(sort -n "$out/rss_$2" | tail -1) / 1024 )) MB"
  printf '  %-44s %6ss  %5sx read floor%s\n' "$1" "$t" "$r" "$m"
}
row "walk floor (find)" walk
row "read floor (cat of the files sfcheck reads)" read
row "sfcheck, whole project" whole
row "sfcheck, one Named Credential named" nc
row "sfcheck, the largest permission set named" ps
if [ $have_peer = 1 ]; then
  row "Code Analyzer (regex engine, card rules)" peer
  echo "  Code Analyzer / sfcheck (whole project): $(echo "scale=1; $(median <"$out/t_peer") / $(median <"$out/t_whole")" | bc)"
else
  echo "  (Code Analyzer not installed: bash ../shared/bench/peer/install.sh to compare)"
fi
