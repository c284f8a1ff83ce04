#!/usr/bin/env bash
# What the trace hook costs when tracing is off: the EBI imaging pack over the same 1M generated records, on the
# VM built with the hook and without it, alternately, five times each; the best of each and their ratio.
set -euo pipefail
bin=${1:-build/bin}
rows=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/waymark" build -q pathways/ebi/low_back_imaging.wm -o "$work/imaging.wmpack"
"$bin/waymark-gen-sus" --rows "$rows" --seed 20240901 --output "$work/rows.csv"
best() { sort -g | head -n 1; }
with=() without=()
for _ in 1 2 3 4 5; do
  with+=("$("$bin/waymark-vm-loop" "$work/imaging.wmpack" "$work/rows.csv" 3 | cut -d' ' -f1)")
  without+=("$("$bin/waymark-vm-loop-no-trace-hook" "$work/imaging.wmpack" "$work/rows.csv" 3 | cut -d' ' -f1)")
done
a=$(printf '%s\n' "${with[@]}" | best)
b=$(printf '%s\n' "${without[@]}" | best)
echo "## Trace hook, tracing off ($rows records, best of 15 passes each)"
echo
echo "| VM build | ns per record |"
echo "|---|---:|"
echo "| with the trace hook | $a |"
echo "| without it (WAYMARK_NO_TRACE_HOOK) | $b |"
awk -v a="$a" -v b="$b" 'BEGIN { printf "\ncost of the hook: %+.1f%% (target: at most 3%%)\n", (a / b - 1) * 100 }'
