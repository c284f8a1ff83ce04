#!/usr/bin/env bash
# The main job on the bundled pathways: check every source, build each pathway into a rule pack, then run
# each pack over its sample data in pathways/data/ and show what came out.
set -euo pipefail
build=${1:-build}
waymark="$build/bin/waymark"
out="$build/demo"
mkdir -p "$out/packs"

echo "== check: every pathway source"
"$waymark" check pathways

# pathway source -> its sample data
demos=(
  "pathways/ebi/low_back_imaging.wm pathways/data/ebi_outpatients.csv"
  "pathways/ces/ces_triage.wm pathways/data/ces_triage.csv"
  "pathways/startback/startback.wm pathways/data/startback.csv"
)

for demo in "${demos[@]}"; do
  read -r source data <<<"$demo"
  name=$(basename "$source" .wm)
  pack="$out/packs/$name.wmpack"
  echo
  echo "== $name"
  "$waymark" build "$source" -o "$pack"
  # Exit status 1 means some rows were rejected (listed in the errors file); the rest still ran.
  status=0
  "$waymark" run "$pack" --input "$data" --output "$out/$name.csv" --errors "$out/$name.errors.csv" || status=$?
  if [ "$status" -gt 1 ]; then exit "$status"; fi
  echo "-- first rows of $out/$name.csv"
  head -n 6 "$out/$name.csv"
  if [ -s "$out/$name.errors.csv" ]; then
    echo "-- rejected rows ($out/$name.errors.csv)"
    cat "$out/$name.errors.csv"
  fi
done
echo
echo "== test cases: every case written in the pathways, run on the VM"
"$waymark" test pathways

echo
# The first record the imaging rule classified, and why.
key=$(awk -F, 'NR > 1 && $2 != "" { print $1; exit }' "$out/low_back_imaging.csv")
echo "== why: record $key of the imaging sample"
"$waymark" explain "$out/packs/low_back_imaging.wmpack" --input pathways/data/ebi_outpatients.csv --key "$key"

echo
echo "== what the clinical-intent variant changes over the same sample"
"$waymark" diff pathways/ebi/low_back_imaging.wm pathways/ebi/low_back_imaging_intent.wm \
  --input pathways/data/ebi_outpatients.csv || true  # exit 1 means records changed, which is the point

echo
echo "Packs are in $out/packs; inspect one with: $waymark inspect $out/packs/low_back_imaging.wmpack --code"
