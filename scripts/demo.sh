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
  "pathways/ebi/appendicectomy.wm pathways/data/ebi_admissions.csv"
  "pathways/ebi/meniscal_arthroscopy.wm pathways/data/ebi_admissions.csv"
  "pathways/ces/ces_triage.wm pathways/data/ces_triage.csv"
  "pathways/startback/startback.wm pathways/data/startback.csv"
  "pathways/first_contact/first_contact.wm pathways/data/first_contact.csv"
)
summary="$out/summary.txt"
: >"$summary"

for demo in "${demos[@]}"; do
  read -r source data <<<"$demo"
  name=$(basename "$source" .wm)
  pack="$out/packs/$name.wmpack"
  echo
  echo "== $name: $source over $data"
  "$waymark" build "$source" -o "$pack"
  # Exit status 1 means some rows were rejected (listed in the errors file); the rest still ran.
  status=0
  "$waymark" run "$pack" --input "$data" --output "$out/$name.csv" --errors "$out/$name.errors.csv" \
    2>"$out/$name.summary.txt" || status=$?
  cat "$out/$name.summary.txt"
  if [ "$status" -gt 1 ]; then exit "$status"; fi
  # For the closing summary: the counts and outcomes, and only the three rules that fired most.
  { echo "-- $name ($data)"
    awk '/rules fired/ { rules = 1; n = 0; print "  rules that fired most:"; next }
         rules && /^    / { if (n++ < 3 && $NF != "0") print; next }
         / rows\/s$/ { next }
         { rules = 0; print }' "$out/$name.summary.txt"; } >>"$summary"
  if [ -s "$out/$name.errors.csv" ] && [ "$(grep -c '' "$out/$name.errors.csv")" -gt 1 ]; then
    echo "-- rejected rows ($out/$name.errors.csv), first 5"
    head -n 6 "$out/$name.errors.csv"
  fi
  # One explained example: the first record with its first output set (a classification, an urgency, a score).
  key=$(awk -F, 'NR > 1 && $2 != "" { print $1; exit }' "$out/$name.csv")
  if [ -n "$key" ]; then
    echo "-- why: record $key"
    "$waymark" explain "$pack" --input "$data" --key "$key" --fired
  fi
done
echo
echo "== test cases: every case written in the pathways, run on the VM, with the coverage each pathway keeps"
"$waymark" test --coverage --quiet pathways | grep -E '^(coverage|FAIL)|passed, [0-9]+ failed$'

echo
echo "== agreement: each EBI pack against sqlite3 running its SQL, STarT Back against the published scoring on every"
echo "   questionnaire, the CES triage against its decision table on every combination of answers"
ctest --test-dir "$build" --output-on-failure -R 'sqlite: |startback: |CES triage agrees' | grep -E 'Test +#|tests passed|FAILED|Failed'

echo
echo "== what the clinical-intent variant changes over the same sample"
"$waymark" diff pathways/ebi/low_back_imaging.wm pathways/ebi/low_back_imaging_intent.wm \
  --input pathways/data/ebi_outpatients.csv || true  # exit 1 means records changed, which is the point

echo
echo "== summary: records, outcomes, and the rules that fired most, per pack"
cat "$summary"
echo
echo "Packs are in $out/packs; inspect one with: $waymark inspect $out/packs/low_back_imaging.wmpack --code"
