#!/usr/bin/env bash
# Runs a libFuzzer target for a fixed time on a fresh corpus.
#   run-fuzzer.sh FUZZER [SECONDS] [SEEDS]
# SEEDS is a folder or a glob ('tests/fuzz/csv_seeds/*.csv'); without it the corpus is seeded from the
# repository's .wm sources and the Waymark keyword dictionary is used (it only helps the front end).
# Exits non-zero on any crash, leak, timeout or out-of-memory.
set -euo pipefail
fuzzer=$1
seconds=${2:-60}
seeds_arg=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
if [ -n "$seeds_arg" ]; then
  if [ -d "$seeds_arg" ]; then
    mapfile -t seeds < <(find "$seeds_arg" -type f | sort)
  else
    mapfile -t seeds < <(compgen -G "$seeds_arg" | sort)
  fi
  if [ "${#seeds[@]}" -eq 0 ]; then echo "fuzz: no seed files in $seeds_arg" >&2; exit 2; fi
  dict=()
else
  mapfile -t seeds < <(find "$root/pathways" "$root/tests/diagnostics" "$root/tests/cli" -name '*.wm' | sort)
  dict=(-dict="$root/tests/fuzz/waymark.dict")
fi
i=0
for f in "${seeds[@]}"; do
  cp "$f" "$work/corpus/seed-$i-$(basename "$f")"; i=$((i + 1))
done
echo "fuzz: $(basename "$fuzzer") for ${seconds}s from $i seed files"
"$fuzzer" "$work/corpus" "${dict[@]}" -max_total_time="$seconds" -max_len=8192 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log" 2>&1 && status=0 || status=$?
tail -n 25 "$work/log"
if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (exit $status); reproducers:"
  for a in "$work"/artifacts/*; do [ -e "$a" ] && { echo "--- $a"; base64 "$a" | head -c 4000; echo; }; done
  exit "$status"
fi
echo "fuzz: no crash, leak or timeout in ${seconds}s"
