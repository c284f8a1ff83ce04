#!/usr/bin/env bash
# waymark diff: the docs example (the SQL-faithful and clinical-intent EBI imaging rules over generated SUS rows),
# the structural diff of the same two sources, a source against itself, a schema-breaking change between
# diff_old.wm and diff_new.wm (structurally and over records, with rows only one side rejects), the changes file,
# --json, and the exit statuses.
# Usage: diff_command.sh WAYMARK WAYMARK_GEN_SUS (from the repository root).
set -u
waymark=$1
gen_sus=$2
root=$PWD
sql=pathways/ebi/low_back_imaging.wm
intent=pathways/ebi/low_back_imaging_intent.wm
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect_status() { # expected-status description command...
  local want=$1 what=$2; shift 2
  local status
  "$@" >"$work/stdout.txt" 2>"$work/stderr.txt"; status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL: $what: exit $status, expected $want"; cat "$work/stdout.txt" "$work/stderr.txt"; fail=1
  else
    echo "ok: $what (exit $status)"
  fi
}
expect_grep() { # file regex description
  if ! grep -qE -- "$2" "$1"; then echo "FAIL: $3: $(basename "$1") lacks /$2/"; cat "$1"; fail=1; fi
}
expect_no_grep() { # file regex description
  if grep -qE -- "$2" "$1"; then echo "FAIL: $3: $(basename "$1") has /$2/"; cat "$1"; fail=1; fi
}
expect_file() { # file expected-content description
  if [ "$(cat "$1")" != "$2" ]; then echo "FAIL: $3: $1 is"; cat "$1"; echo "--- expected"; echo "$2"; fail=1; fi
}

# ---- The docs example: docs/language.md, "Worked example: SQL-faithful vs clinical intent" ---------------------
"$gen_sus" --rows 2000 --seed 7 --output "$work/sus.csv" || { echo "FAIL: waymark-gen-sus"; exit 1; }
expect_status 1 "docs example: outcomes changed" "$waymark" diff "$sql" "$intent" --input "$work/sus.csv" \
  --output "$work/changes.csv"
out=$work/stdout.txt
cp "$out" "$work/docs_example.txt"
expect_grep "$out" "^rows read: +2,000$" "rows read"
expect_grep "$out" "^rows compared: +2,000$" "rows compared"
expect_grep "$out" "^rows changed: +[1-9][0-9]* \([0-9.]+%\)$" "rows changed"
expect_grep "$out" "^rows rejected: +0$" "rows rejected"
expect_grep "$out" "^  [0-9,]+ rows?: category = missing → category = \"2S_lower_back_imaging\"$" "a group of changes"
expect_grep "$out" "^    rules responsible: lower_back_imaging \(unknown → fired\)$" \
  "no diagnoses: the rule now fires"
expect_grep "$out" "^    rules responsible: lower_back_imaging \(not fired → fired\)$" \
  "dotted codes: the rule now fires"
# Every group's count adds up to the rows changed, and every example key is a record of the input.
changed=$(sed -nE 's/^rows changed: +([0-9,]+) .*/\1/p' "$out" | tr -d ,)
grouped=$(sed -nE 's/^  ([0-9,]+) rows?: .*/\1/p' "$out" | tr -d , | awk '{ sum += $1 } END { print sum }')
[ "$changed" = "$grouped" ] || { echo "FAIL: groups add up to $grouped rows, not $changed"; fail=1; }
examples=$(sed -nE 's/^    examples: //p' "$out" | tr ',' '\n' | tr -d ' ')
[ -n "$examples" ] || { echo "FAIL: no example keys"; fail=1; }
for key in $examples; do
  grep -q "^$key," "$work/sus.csv" || { echo "FAIL: example key $key is not in the input"; fail=1; }
done
# The changes file: a header and one row per changed record, each a record of the input.
expect_grep "$work/changes.csv" "^id,old_category,new_category,rules_responsible$" "changes header"
rows=$(($(wc -l <"$work/changes.csv") - 1))
[ "$rows" = "$changed" ] || { echo "FAIL: changes.csv has $rows rows, expected $changed"; fail=1; }
expect_grep "$work/changes.csv" "^SUS[0-9]+,,2S_lower_back_imaging,lower_back_imaging$" "a changed record"
# The SQL rule leaves a record with no diagnoses unknown; the intent rule classifies it.
for key in $(tail -n +2 "$work/changes.csv" | cut -d, -f1 | head -20); do
  grep -q "^$key," "$work/sus.csv" || { echo "FAIL: changed key $key is not in the input"; fail=1; }
done
# The same run as JSON.
expect_status 1 "docs example as JSON" "$waymark" diff "$sql" "$intent" --input "$work/sus.csv" --json --examples 2
expect_grep "$work/stdout.txt" '"rows_compared": 2000' "JSON rows compared"
expect_grep "$work/stdout.txt" '"rule": "lower_back_imaging"' "JSON rules responsible"
expect_grep "$work/stdout.txt" '"new": "category = \\"2S_lower_back_imaging\\""' "JSON outcome"

# ---- Structural diffs ----------------------------------------------------------------------------------------
expect_status 1 "the two EBI rules differ structurally" "$waymark" diff "$sql" "$intent"
out=$work/stdout.txt
expect_grep "$out" "^  edited   lower_back_imaging: condition, title, because, cite$" "the rule's condition is edited"
expect_grep "$out" "^  added    spine_imaging: U05\[45\]$" "code sets of imaging_codes.wm added"
expect_grep "$out" "^  added    cancer_diagnoses: C00\.\.C99, D00\.\.D09, D37\.\.D48$" "cancer ranges added"
expect_grep "$out" "^  non-breaking  input 'procedures': added as optional \(column 'Der_Procedure_All', code list\)$" \
  "code list input added, not breaking"
expect_grep "$out" "\(0 breaking\)$" "nothing breaking"

expect_status 0 "a source against itself" "$waymark" diff "$intent" "$intent"
expect_grep "$work/stdout.txt" "^no changes$" "no changes"
expect_status 0 "a source against itself, over records" "$waymark" diff "$sql" "$sql" --input "$work/sus.csv"
expect_grep "$work/stdout.txt" "^no record changed$" "no record changed"
expect_status 0 "a source against its pack" sh -c "'$waymark' build '$intent' -o '$work/intent.wmpack' >/dev/null &&
  '$waymark' diff '$intent' '$work/intent.wmpack'"
expect_grep "$work/stdout.txt" "^no changes$" "a pack is its source"

old=tests/cli/diff_old.wm
new=tests/cli/diff_new.wm
expect_status 1 "a schema-breaking change" "$waymark" diff "$old" "$new"
out=$work/stdout.txt
expect_grep "$out" "^  version \"1\" → \"2\"$" "version"
expect_grep "$out" "^  edited   adult: condition$" "condition edited"
expect_grep "$out" "^  edited   smoking: condition, actions, priority 10 → 20$" "priority and actions edited"
expect_grep "$out" "^  edited   lung_code: condition, actions, cite$" \
  "a code set change edits the condition that uses it"
expect_grep "$out" "^  added    heavy$" "rule added"
expect_grep "$out" "^  removed  referred$" "rule removed"
expect_grep "$out" "^  edited   lung: added C45; removed C33$" "code set entries"
expect_grep "$out" "^  breaking      input 'age': column 'Age' → 'Age at start'$" "column renamed"
expect_grep "$out" "^  breaking      input 'smoker': type bool → text$" "type change"
expect_grep "$out" "^  breaking      input 'weight': added as required \(column 'weight', decimal\)$" \
  "required input added"
expect_grep "$out" "^  breaking      input 'referrer': removed \(column 'referrer', text\)$" "input removed"
expect_grep "$out" "^  breaking      output 'score': removed \(int\)$" "output removed"
expect_grep "$out" "^  non-breaking  input 'notes': added as optional" "optional input added"
expect_grep "$out" "^  non-breaking  output 'flagged': added \(bool\)$" "output added"
expect_grep "$out" "\(6 breaking\)$" "breaking count"
expect_status 1 "a schema-breaking change as JSON" "$waymark" diff "$old" "$new" --json
expect_grep "$work/stdout.txt" '"breaking": 6' "JSON breaking count"

# ---- The schema-breaking change over records ---------------------------------------------------------------
cat >"$work/people.csv" <<'EOF'
Ref,Age,Age at start,smoker,referrer,weight,notes,Diagnoses
R1,45,45,yes,,80.5,,M545
R2,18,18,no,,70,,
R3,30,30,,Dr Who,90,,
R4,50,50,,,130,,
R5,40,40,true,,80,,
R6,40,40,no,,,,
R7,abc,abc,no,,80,,
R8,1,2
R9,60,60,no,,80,,C33
R10,60,60,no,,80,,M545
EOF
expect_status 1 "records change and only the new version rejects some" "$waymark" diff "$old" "$new" \
  --input "$work/people.csv" --output "$work/people_changes.csv" --examples 1
out=$work/stdout.txt
expect_grep "$out" "^input: .*people.csv \(key column Ref\)$" "key column"
expect_grep "$out" "^rows read: +10$" "rows read"
expect_grep "$out" "^rows compared: +6$" "rows compared"
expect_grep "$out" "^rows changed: +5 \(83.3%\)$" "rows changed"
expect_grep "$out" \
  "^rows rejected: +4 \(malformed 1, by the old program only 0, by the new program only 2, by both 1\)$" \
  "rows rejected"
expect_grep "$out" "^  1 row: band = \"adult\", score = missing → band = \"child\", flagged = missing$" "band changed"
expect_grep "$out" "^    rules responsible: adult \(fired → not fired\), child \(skipped → fired\)$" \
  "both rules of the first-match group"
expect_grep "$out" "^    rules responsible: smoking \(fired on both sides, actions edited\)$" "edited actions"
expect_grep "$out" "^    rules responsible: heavy \(absent → fired\)$" "an added rule that fired"
expect_grep "$out" "^    rules responsible: referred \(fired → absent\)$" "a removed rule that fired"
expect_grep "$out" "^    rules responsible: lung_code \(fired → not fired\)$" "a code set entry removed"
expect_no_grep "$out" "R10" "an unchanged record is not listed"
expect_grep "$out" \
  "^  line 6, key R5, rejected by new: column 'smoker' \(text input 'smoker'\): \"true\" is not one of" \
  "rejected by the new version"
expect_grep "$out" "^  line 7, key R6, rejected by new: column 'weight' \(input 'weight'\) is required but missing$" \
  "required value missing"
expect_grep "$out" "^  line 8, key R7, rejected by both: old: column 'Age'" "rejected by both"
expect_grep "$out" "^  line 9, key R8, rejected by input: expected 8 fields, found 3$" "malformed"
expect_file "$work/people_changes.csv" 'Ref,old_band,old_score,new_band,new_flagged,rules_responsible
R1,adult,2,adult,true,smoking
R2,adult,,child,,adult; child
R3,adult,1,adult,,referred
R4,adult,,adult,true,heavy
R9,adult,5,adult,,lung_code' "changes file"

# ---- Exit statuses ---------------------------------------------------------------------------------------------
expect_status 2 "--output without --input" "$waymark" diff "$old" "$new" --output "$work/x.csv"
expect_status 2 "one program only" "$waymark" diff "$old"
expect_status 3 "a program that does not load" "$waymark" diff "$old" "$work/absent.wm"
expect_status 3 "an input that cannot be read" "$waymark" diff "$old" "$new" --input "$work/absent.csv"
printf 'Ref,Age\nR1,4\n' >"$work/narrow.csv"
expect_status 3 "an input without a required column" "$waymark" diff "$old" "$new" --input "$work/narrow.csv"
expect_grep "$work/stderr.txt" "the input has no column 'weight', which required field 'weight' reads \(new program\)" \
  "which program needs the column"
expect_status 3 "a changes file that cannot be written" "$waymark" diff "$old" "$new" --input "$work/people.csv" \
  --output "$work/no/such/dir/changes.csv"

cd "$root" || exit 1
[ "$fail" -eq 0 ] && echo "all diff checks passed"
exit "$fail"
