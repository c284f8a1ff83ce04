#!/usr/bin/env bash
# waymark explain, as a user runs it: why a rule fired or did not, for a record of a CSV file or a test case.
set -u
waymark=$(realpath "$1")
root=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
expect_status() { # expected-status description command...
  local want=$1 what=$2; shift 2
  local status
  LAST_OUTPUT=$("$@" 2>&1); status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL: $what: exit $status, expected $want"; echo "$LAST_OUTPUT"; fail=1
  else
    echo "ok: $what (exit $status)"
  fi
}
expect_output() { # fixed text, description
  if ! grep -qF -- "$1" <<<"$LAST_OUTPUT"; then echo "FAIL: $2: output lacks '$1'"; echo "$LAST_OUTPUT"; fail=1; fi
}

sql=$root/pathways/ebi/low_back_imaging.wm
intent=$root/pathways/ebi/low_back_imaging_intent.wm
cat > "$work/rows.csv" <<'CSV'
id,Der_Procedure_All,Der_Diagnosis_All,Age_at_Start_of_Episode_SUS,Der_Age_at_CDS_Activity_Date,Administrative_Category
R1,"U055,Z665",M545,45,45,01
R2,U133,M545,45,45,01
R3,U055,,45,45,01
CSV

expect_status 0 "a classified record" "$waymark" explain "$intent" --input "$work/rows.csv" --key R1
expect_output 'outputs: category = "2S_lower_back_imaging"' "the outputs come first"
expect_output "fired because any procedures in ebi.spine_imaging" "why it fired"
expect_output "code U055 in Der_Procedure_All matched U05[45] in spine_imaging" "the matched code and pattern"
expect_output "age between 19 and 120 (Age_at_Start_of_Episode_SUS = 45)" "the age read"
expect_output "because: Imaging rarely changes" "the rationale"
expect_output "cite: GIRFT" "the citation"

expect_status 0 "a record that is not classified" "$waymark" explain "$sql" --input "$work/rows.csv" --key R2
expect_output "did not fire: Der_Procedure_All like \"%O162%\" (Der_Procedure_All = \"U133\") is false" "the failing condition"
expect_output "not evaluated (the path not taken)" "the path not taken"
expect_output '> Der_Procedure_All like "%O162%": false' "the deciding step is marked"

expect_status 0 "an undecided record" "$waymark" explain "$sql" --input "$work/rows.csv" --key R3
expect_output "undecided: Der_Diagnosis_All not like \"%C[0-9][0-9]%\" (Der_Diagnosis_All = missing) is unknown" "the missing input"

expect_status 0 "a test case" "$waymark" explain "$sql" --case "A record with no diagnosis list is not classified, as in the SQL"
expect_output "lower_back_imaging" "the rule"
expect_status 0 "one rule, as JSON" "$waymark" explain "$intent" --input "$work/rows.csv" --key R1 --rule lower_back_imaging --json
expect_output '"state": "fired"' "JSON state"
expect_output '"matches": [' "JSON matches"
expect_output '"decisive": false' "JSON steps"
if command -v python3 >/dev/null; then
  if python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["rules"][0]["name"]=="lower_back_imaging"' <<<"$LAST_OUTPUT"; then
    echo "ok: the JSON parses"
  else
    echo "FAIL: the JSON does not parse"; fail=1
  fi
fi

# --fired: the rules that fired in full, the others one line per state.
expect_status 0 "only the fired rules" "$waymark" explain "$intent" --input "$work/rows.csv" --key R1 --fired
expect_output "fired because any procedures in ebi.spine_imaging" "a fired rule in full"
expect_status 0 "a record where no rule fired" "$waymark" explain "$sql" --input "$work/rows.csv" --key R2 --fired
expect_output "not fired: lower_back_imaging" "the others by state"
if grep -qF "did not fire:" <<<"$LAST_OUTPUT"; then echo "FAIL: --fired explains a rule that did not fire"; fail=1; fi
expect_status 0 "--fired as JSON" "$waymark" explain "$sql" --input "$work/rows.csv" --key R2 --fired --json
expect_output '"rules": []' "no rule in the JSON when none fired"

expect_status 1 "no such key" "$waymark" explain "$sql" --input "$work/rows.csv" --key NOPE
expect_output "no row of" "the missing key is named"
expect_status 1 "no such case" "$waymark" explain "$sql" --case "nothing like this"
expect_status 1 "no such rule" "$waymark" explain "$sql" --case "A record with no diagnosis list is not classified, as in the SQL" --rule nope
expect_status 2 "neither a record nor a case" "$waymark" explain "$sql"
"$waymark" build -q "$sql" -o "$work/sql.wmpack"
expect_status 0 "a pack explains as its source" "$waymark" explain "$work/sql.wmpack" --input "$work/rows.csv" --key R2
expect_output "did not fire: Der_Procedure_All like \"%O162%\"" "from the pack's embedded sources"
exit $fail
