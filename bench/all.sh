#!/usr/bin/env bash
# bench/all.sh: both benchmark trees of the performance targets, each timed
# against its floors in the same run: the synthetic one (gen_forceapp.py,
# 10,000 bundles and 20,000 filler files) and the org-shaped one
# (gen_org.py --scale 8). Generating them takes a minute the first time.
#
#   bench/all.sh [RUNS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
echo "== synthetic: bench/run.sh 10000 20000 $runs"
bash bench/run.sh 10000 20000 "$runs"
echo
echo "== org-shaped: bench/org.sh 8 $runs"
bash bench/org.sh 8 "$runs"
