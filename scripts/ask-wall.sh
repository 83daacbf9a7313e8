#!/bin/bash
# `genba ask` as one process, as a manager runs it: per question one warm-up, then N runs; p50, min and max wall time.
# Run it on an idle machine (the bench's own line runs beside the rest of the bench). Usage:
#   scripts/ask-wall.sh DATA_DIR            (a demo store: node bin/genba.mjs status --data-dir DATA_DIR; then any logs command)
#   N=15 GENBA_NODE=/path/node GENBA_ROOT=/path/pkg scripts/ask-wall.sh DATA_DIR
set -e
DIR=${1:?data dir}
ROOT=${GENBA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
NODE=${GENBA_NODE:-node}
N=${N:-11}
echo "cores $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)"
for q in "札幌の残件は何件？" "大阪と品川はどっちが進んでる？" "札幌のエントリ1が遅れてる、誰を回せばいい？" "How many items are left in Sapporo?"; do
  "$NODE" "$ROOT/bin/genba.mjs" ask "$q" --data-dir "$DIR" --now 2025-10-23T15:40+09:00 > /dev/null
  ts=()
  for _ in $(seq "$N"); do
    a=$(date +%s%N)
    "$NODE" "$ROOT/bin/genba.mjs" ask "$q" --data-dir "$DIR" --now 2025-10-23T15:40+09:00 > /dev/null
    b=$(date +%s%N)
    ts+=($(((b - a) / 1000000)))
  done
  mapfile -t s < <(printf '%s\n' "${ts[@]}" | sort -n)
  echo "$q: p50 ${s[$((N / 2))]} ms, min ${s[0]} ms, max ${s[$((N - 1))]} ms (n=$N)"
done
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
