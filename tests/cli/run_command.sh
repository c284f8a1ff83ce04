#!/usr/bin/env bash
# waymark run: outputs, the errors file and its line numbers, exit statuses, '-' for standard input and output,
# JSON Lines in and out, identical output whatever the thread count, and refusals before any row runs.
# Usage: run_command.sh WAYMARK (from tests/cli, where run_pathway.wm is).
set -u
waymark=$1
pathway=$PWD/run_pathway.wm
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

expect_status() { # expected-status description command...
  local want=$1 what=$2; shift 2
  local status
  "$@" >stdout.txt 2>stderr.txt; status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL: $what: exit $status, expected $want"; cat stdout.txt stderr.txt; fail=1
  else
    echo "ok: $what (exit $status)"
  fi
}
expect_file() { # file expected-content description
  if [ "$(cat "$1")" != "$2" ]; then
    echo "FAIL: $3: $1 is"; cat "$1"; echo "--- expected"; echo "$2"; fail=1
  fi
}
expect_grep() { # file regex description
  if ! grep -qE -- "$2" "$1"; then echo "FAIL: $3: $1 lacks /$2/"; cat "$1"; fail=1; fi
}
expect_absent() { # file description
  if [ -e "$1" ]; then echo "FAIL: $2: $1 exists"; fail=1; fi
}

# A CSV with a BOM and CRLF line endings; row R3 breaks the unique group, R4 has an age that is not a whole
# number, R5 is a field short, and R6's quoted text spans two lines (so R7 starts on line 9).
printf '\xef\xbb\xbfReferral ID,age,score,weight,smoker,Diagnoses,unused\r\n' >in.csv
printf 'R1,45,2,70.5,true,"C50.9, M545",x\r\nR2,12,,,false,,y\r\nR3,30,6,80,,,z\r\nR4,abc,1,,,,q\r\n' >>in.csv
printf 'R5,40,1\r\nR6,50,4,,,,"two\r\nlines"\r\nR7,19,,,,,\r\n' >>in.csv

expected_csv='Referral ID,band,points,heavy,dose,actions
R1,adult,,true,176.25,"Stop smoking, please; Line one
line two; Refer to oncology"
R2,"child, ""young""",,,,
R3,adult,,,200,
R6,adult,1,,,
R7,adult,,,,'
expected_errors='line,key,reason
4,R3,"evaluation error: unique hit policy violated in group scoring: rules high_score, some_score"
5,R4,"column '"'"'age'"'"' (int input '"'"'age'"'"'): ""abc"" is not a whole number"
6,R5,"expected 7 fields, found 3"'

expect_status 1 "rows rejected: exit 1" "$waymark" run "$pathway" --input in.csv --output out.csv
expect_file out.csv "$expected_csv" "CSV output"
expect_file out.csv.errors.csv "$expected_errors" "errors file next to the output"
expect_grep stderr.txt "^waymark run: 7 rows read, 5 written, 2 rejected, 1 with evaluation errors$" "summary counts"
expect_grep stderr.txt "^    adult: 4$" "fire count of a rule"
expect_grep stderr.txt "^    smoking: 1$" "fire count of another rule"
expect_grep stderr.txt "rows/s" "throughput in the summary"
# The classification's values, most records first, as a share of the rows written; rules most fired first.
expect_grep stderr.txt '^  outcome band \(records\):$' "outcome counts in the summary"
expect_grep stderr.txt '^    adult           4   80\.0%$' "records per classification value"
expect_grep stderr.txt '^    child, "young"  1   20\.0%$' "a value that needs quoting in CSV is shown as it is"
if ! grep -A1 'rules fired' stderr.txt | grep -q '^    adult: 4$'; then
  echo "FAIL: the rule fired most is not listed first"; cat stderr.txt; fail=1
fi
# Values with as many records each are listed by value, whichever worker met them first: 20,000 adults after
# 20,000 children, on two threads, five times over.
{ echo "Referral ID,age"; for i in $(seq 1 20000); do echo "C$i,10"; done; for i in $(seq 1 20000); do echo "A$i,40"; done; } >tie.csv
for run in 1 2 3 4 5; do
  "$waymark" run "$pathway" --input tie.csv --output tie.out.csv --threads 2 2>tie.txt
  if [ "$(grep -A1 '^  outcome band' tie.txt | tail -1 | awk '{ print $1 }')" != "adult" ]; then
    echo "FAIL: a tie is not listed by value (run $run)"; cat tie.txt; fail=1; break
  fi
done
# Two workers count the same outcomes as one.
"$waymark" run "$pathway" --input in.csv --output out1.csv --threads 1 2>summary1.txt
"$waymark" run "$pathway" --input in.csv --output out2.csv --threads 2 2>summary2.txt
if ! diff <(grep -v 'rows/s' summary1.txt | grep -v errors:) <(grep -v 'rows/s' summary2.txt | grep -v errors:) >/dev/null; then
  echo "FAIL: the summary differs between one and two threads"; diff summary1.txt summary2.txt; fail=1
fi

expect_status 1 "--quiet prints nothing" "$waymark" run "$pathway" -i in.csv -o quiet.csv --errors quiet-errors.csv -q
expect_file stderr.txt "" "--quiet stderr"
expect_file quiet.csv "$expected_csv" "output with --quiet"
expect_file quiet-errors.csv "$expected_errors" "errors file named by --errors"

# Standard input and output: the errors go to standard error, the summary after them.
expect_status 1 "stdin to stdout" sh -c "cat in.csv | '$waymark' run '$pathway' --input - --output -"
expect_file stdout.txt "$expected_csv" "output on stdout"
expect_grep stderr.txt "^line,key,reason$" "errors header on stderr"
expect_grep stderr.txt '^6,R5,"expected 7 fields, found 3"$' "error line on stderr"

# JSON Lines in and out, including lines a CSV could not hold.
cat >in.jsonl <<'JSON'
{"Referral ID":"R1","age":45,"score":2,"weight":70.5,"smoker":true,"Diagnoses":"C50.9, M545","unused":{"a":[1]}}
{"Referral ID":"R2","age":12,"score":null,"smoker":false}

{"Referral ID":"R3","age":30,"score":6,"weight":8e1}
{"Referral ID":"R4","age":"abc"}
{"Referral ID":"R5","age":40,"Diagnoses":["C50"]}
{"Referral ID":"R6","age":40
[1,2]
{"Referral ID":"R8","age":40,"age":41}
{"Referral ID":"R9","age":19}
JSON
expected_jsonl='{"Referral ID":"R1","band":"adult","points":null,"heavy":true,"dose":176.25,"actions":["Stop smoking, please","Line one\nline two","Refer to oncology"]}
{"Referral ID":"R2","band":"child, \"young\"","points":null,"heavy":null,"dose":null,"actions":null}
{"Referral ID":"R3","band":"adult","points":null,"heavy":null,"dose":200,"actions":null}
{"Referral ID":"R9","band":"adult","points":null,"heavy":null,"dose":null,"actions":null}'
expected_jsonl_errors='line,key,reason
4,R3,"evaluation error: unique hit policy violated in group scoring: rules high_score, some_score"
5,R4,"column '"'"'age'"'"' (int input '"'"'age'"'"'): ""abc"" is not a whole number"
6,R5,"the value of '"'"'Diagnoses'"'"' is an array; expected a string, number, true, false or null"
7,R6,not valid JSON: column 29: syntax error while parsing object - unexpected end of input; expected '"'"'}'"'"'
8,,"expected a JSON object, found an array"
9,R8,the key '"'"'age'"'"' appears twice'
expect_status 1 "JSON Lines in and out" "$waymark" run "$pathway" -i in.jsonl -o out.jsonl
expect_file out.jsonl "$expected_jsonl" "JSON Lines output"
expect_file out.jsonl.errors.csv "$expected_jsonl_errors" "JSON Lines errors file"
expect_status 1 "JSON Lines from stdin with --format" sh -c "'$waymark' run '$pathway' -i - --format jsonl -o - -q <in.jsonl"
expect_file stdout.txt "$expected_jsonl" "--format jsonl on stdin and stdout"
expect_status 1 "JSON Lines in, CSV out" "$waymark" run "$pathway" -i in.jsonl -o from-jsonl.csv -q
expect_grep from-jsonl.csv '^R9,adult,,,,$' "a JSON Lines row as CSV"

# Many rows: every thread count writes the same bytes, in input order.
awk 'BEGIN { print "Referral ID,age,score,weight,smoker,Diagnoses";
  for (i = 0; i < 30000; i++) {
    if (i % 997 == 0) { print "B" i ",x" ; continue }
    printf "K%d,%d,%s,%s,%s,%s\n", i, i % 90, (i % 7 == 0 ? "" : i % 5), (i % 3 ? i % 100 "." i % 10 : ""),
      (i % 4 == 0 ? "true" : (i % 4 == 1 ? "false" : "")), (i % 6 == 0 ? "C50.1||M54" : "M545") } }' >many.csv
expect_status 1 "many rows, one thread" "$waymark" run "$pathway" -i many.csv -o many1.csv --threads 1 -q
expect_status 1 "many rows, two threads" "$waymark" run "$pathway" -i many.csv -o many2.csv --threads 2 -q
expect_status 1 "many rows, five threads" "$waymark" run "$pathway" -i many.csv -o many5.jsonl --threads 5 -q
expect_status 1 "many rows, five threads, CSV" "$waymark" run "$pathway" -i many.csv -o many5.csv --threads 5 -q
if ! cmp -s many1.csv many2.csv || ! cmp -s many1.csv many5.csv; then echo "FAIL: thread counts differ"; fail=1; fi
if ! cmp -s many1.csv.errors.csv many5.csv.errors.csv; then echo "FAIL: errors differ by thread count"; fail=1; fi
rows=$(grep -c '^K' many1.csv)
if [ "$rows" -ne 29969 ]; then echo "FAIL: $rows K rows written, expected 29969"; fail=1; fi
if [ "$(grep -c '' many5.jsonl)" -ne 29969 ]; then echo "FAIL: JSON Lines row count"; fail=1; fi
expect_grep many1.csv.errors.csv '^1996,B1994,"expected 6 fields, found 2"$' "a bad row's physical line"
if [ "$(grep '^K' many1.csv | cut -d, -f1 | sed 's/^K//' | sort -n -c 2>&1)" != "" ]; then
  echo "FAIL: rows out of input order"; fail=1
fi

# A clean input: exit 0, and the errors file holds only its header (a stale one never survives).
printf 'Referral ID,age\nA,30\nB,5\n' >clean.csv
echo stale >clean-out.csv.errors.csv
expect_status 0 "clean input: exit 0" "$waymark" run "$pathway" -i clean.csv -o clean-out.csv
expect_file clean-out.csv 'Referral ID,band,points,heavy,dose,actions
A,adult,,,,
B,"child, ""young""",,,,' "clean output"
expect_file clean-out.csv.errors.csv "line,key,reason" "errors file with nothing to list"
expect_grep stderr.txt "warning: .*no column 'score', which optional field 'score' reads" "absent optional column warned"
expect_status 0 "--key names another column" "$waymark" run "$pathway" -i clean.csv -o key.csv --key age -q
expect_grep key.csv '^age,band,' "--key column first"
expect_grep key.csv '^30,adult,' "--key values"

# Refusals before any row runs: nothing is written.
printf 'Referral ID,score\nA,3\n' >no-age.csv
expect_status 1 "missing required column" "$waymark" run "$pathway" -i no-age.csv -o no-age-out.csv
expect_grep stderr.txt "error: no-age.csv: the input has no column 'age', which required field 'age' reads" "message names column and field"
expect_absent no-age-out.csv "no output after a missing column"
printf 'age,score\n3,3\n' >no-key.csv
expect_status 1 "missing key column" "$waymark" run "$pathway" -i no-key.csv -o x.csv
expect_grep stderr.txt "no column 'Referral ID', which key field 'referral_id' reads" "missing key column message"
printf 'Referral ID,age,age\nA,1,2\n' >dup.csv
expect_status 1 "duplicate column names" "$waymark" run "$pathway" -i dup.csv -o x.csv
expect_grep stderr.txt "the header names column 'age' twice \(columns 2 and 3\)" "duplicate column message"
expect_status 1 "--key column absent" "$waymark" run "$pathway" -i clean.csv -o x.csv --key nope
expect_grep stderr.txt "no column 'nope', named by --key" "absent --key message"
: >empty.csv
expect_status 1 "empty input" "$waymark" run "$pathway" -i empty.csv -o x.csv
expect_grep stderr.txt "the input is empty" "empty input message"
expect_absent x.csv "no output after a refusal"

# Bad command lines: exit 2.
expect_status 2 "unknown format" "$waymark" run "$pathway" -i in.csv -o out.csv --format xml
expect_status 2 "zero threads" "$waymark" run "$pathway" -i in.csv -o out.csv --threads 0
expect_status 2 "no --input" "$waymark" run "$pathway" -o out.csv
expect_status 0 "run --help" "$waymark" run --help
expect_grep stdout.txt "Exit status:" "exit statuses in --help"

# Files that cannot be read or written: exit 3, and an existing output is left as it was.
expect_status 3 "missing input" "$waymark" run "$pathway" -i no-such.csv -o out.csv
expect_grep stderr.txt "cannot read no-such.csv: No such file or directory" "missing input message"
expect_file out.csv "$expected_csv" "output untouched after a failed run"
expect_status 3 "missing pack" "$waymark" run no-such.wm -i in.csv -o out.csv
expect_status 3 "pack that is not a pack" "$waymark" run in.csv -i in.csv -o out.csv
expect_status 3 "output directory missing" "$waymark" run "$pathway" -i in.csv -o no-dir/out.csv
expect_grep stderr.txt "cannot write no-dir/out.csv" "unwritable output message"
expect_status 3 "input is a directory" "$waymark" run "$pathway" -i . -o out.csv
if ls | grep -q '\.tmp[0-9]'; then echo "FAIL: temporary files left behind"; ls; fail=1; fi

exit $fail
