#!/usr/bin/env bash
# waymark test: failing cases reported as `FAIL path:line:col: test "name"` with what was expected and what was
# found, the outputs and the rules fired; `N passed, N failed` as the last line; exit 0 all passed, 1 a failure or
# a source with errors, 2 a bad command line. Sources, packs and directories; --case, --verbose, --quiet, --json.
set -u
waymark=$1
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect_status() { # expected-status description command...; keeps stdout in OUT and stderr in ERR
  local want=$1 what=$2; shift 2
  local status
  OUT=$("$@" 2>"$work/stderr"); status=$?
  ERR=$(cat "$work/stderr")
  if [ "$status" -ne "$want" ]; then
    echo "FAIL: $what: exit $status, expected $want"; echo "$OUT"; echo "$ERR"; fail=1
  else
    echo "ok: $what (exit $status)"
  fi
}
expect_output() { # regex description: some line of stdout matches
  if ! grep -qE -- "$1" <<<"$OUT"; then echo "FAIL: $2: output lacks /$1/"; echo "$OUT"; fail=1; fi
}
expect_no_output() { # regex description: no line of stdout matches
  if grep -qE -- "$1" <<<"$OUT"; then echo "FAIL: $2: output has /$1/"; echo "$OUT"; fail=1; fi
}
expect_last_line() { # exact-line description
  local last
  last=$(tail -n 1 <<<"$OUT")
  if [ "$last" != "$1" ]; then echo "FAIL: $2: last line is '$last', expected '$1'"; echo "$OUT"; fail=1; fi
}

# Every case passes: nothing but the closing line.
expect_status 0 "passing source" "$waymark" test test_cases_passing.wm
expect_last_line "2 passed, 0 failed" "passing summary"
expect_no_output "^FAIL" "no failures printed"
[ "$(wc -l <<<"$OUT")" -eq 1 ] || { echo "FAIL: a passing run prints only its summary"; echo "$OUT"; fail=1; }
expect_status 0 "passing source, verbose" "$waymark" test --verbose test_cases_passing.wm
expect_output '^ok test_cases_passing.wm: test "An adult with a cancer code"$' "ok line per passing case"
expect_last_line "2 passed, 0 failed" "verbose summary"

# Each way a case can fail, with its location, expected against actual, the outputs and the rules fired.
expect_status 1 "failing source" "$waymark" test test_cases_failing.wm
expect_output '^FAIL test_cases_failing.wm:43:6: test "Wrong band"$' "FAIL line with path:line:col"
expect_output '^  expected band = "child", got "adult"$' "wrong value"
expect_output '^  outputs: band = "adult", points = missing, actions = \["Check the dose"\]$' "outputs line"
expect_output '^  fired: grown_up$' "fired line"
expect_output '^  expected band is missing, got "adult"$' "value where missing was expected"
expect_output '^  expected actions contains "Refer to oncology", got \["Check the dose"\]$' "list item not there"
expect_output '^  expected fired grown_up, but it is unknown$' "fired expected, unknown found"
expect_output '^  expected not fired some_score, but it fired$' "not fired expected, fired found"
expect_output '^  expected unknown high_score, but it is not fired$' "unknown expected, not fired found"
expect_output "^  record rejected: .*'C50!' in \"C50!\" is not a valid code$" "a record that does not read"
expect_output '^  error: unique hit policy violated in group scoring' "evaluation error"
expect_output '^  fired: none$' "no rule fired"
expect_no_output '"Passes"' "the passing case is not printed"
expect_last_line "1 passed, 5 failed" "failing summary"
[ "$(grep -c '^FAIL ' <<<"$OUT")" -eq 5 ] || { echo "FAIL: five FAIL lines expected"; echo "$OUT"; fail=1; }

expect_status 1 "quiet" "$waymark" test --quiet test_cases_failing.wm
expect_output '^  expected band = "child", got "adult"$' "quiet keeps what failed"
expect_no_output '^  (outputs|fired):' "quiet drops outputs and rules"
expect_last_line "1 passed, 5 failed" "quiet summary"

# --case runs only the cases with that name.
expect_status 1 "--case a failing case" "$waymark" test test_cases_failing.wm --case "Wrong band"
expect_last_line "0 passed, 1 failed" "--case runs one case"
expect_no_output 'Rule states' "--case skips the others"
expect_status 0 "--case a passing case" "$waymark" test test_cases_failing.wm --case Passes
expect_last_line "1 passed, 0 failed" "--case passing summary"
expect_status 1 "--case naming no case" "$waymark" test test_cases_failing.wm --case "No such case"
if ! grep -q 'no test case is named "No such case"' <<<"$ERR"; then
  echo "FAIL: unmatched --case not reported"; echo "$ERR"; fail=1
fi

# A source with a syntax error is a failure with its diagnostic, and the run goes on to the next path.
expect_status 1 "syntax error" "$waymark" test test_cases_syntax_error.wm test_cases_passing.wm
expect_output '^FAIL test_cases_syntax_error.wm: not tested, 1 error$' "source error FAIL line"
expect_output "^test_cases_syntax_error.wm:14:15: error: unexpected '>='" "diagnostic format"
expect_last_line "2 passed, 1 failed" "the run goes on after a source error"
expect_status 1 "missing file" "$waymark" test no-such-file.wm
expect_output '^no-such-file.wm: error: no such file or directory$' "missing file message"
expect_last_line "0 passed, 1 failed" "missing file summary"

# Packs: the same cases, located in the source the pack records.
"$waymark" build -q test_cases_failing.wm -o "$work/failing.wmpack" 2>/dev/null || { echo "FAIL: build"; fail=1; }
"$waymark" build -q test_cases_passing.wm -o "$work/passing.wmpack" || { echo "FAIL: build passing pack"; fail=1; }
expect_status 1 "failing pack" "$waymark" test "$work/failing.wmpack"
expect_output "^FAIL test_cases_failing.wm:43:6: test \"Wrong band\" \\(pack $work/failing.wmpack\\)$" "pack FAIL line"
expect_output '^  expected band = "child", got "adult"$' "pack: wrong value"
expect_last_line "1 passed, 5 failed" "pack summary"
expect_status 0 "passing pack" "$waymark" test "$work/passing.wmpack"
expect_last_line "2 passed, 0 failed" "passing pack summary"
head -c 100 "$work/passing.wmpack" >"$work/cut.wmpack"
expect_status 1 "a damaged pack" "$waymark" test "$work/cut.wmpack" "$work/passing.wmpack"
expect_output "^$work/cut.wmpack: error: not a valid pack" "damaged pack reason"
expect_last_line "2 passed, 1 failed" "damaged pack summary"

# A directory: every *.wm under it; a module has no cases and passes.
mkdir -p "$work/tree/lib"
cp test_cases_passing.wm "$work/tree/"
printf 'module lib.codes\n  version "1"\ncodeset cancer "Cancer codes"\n  "C*"\nend\n' >"$work/tree/lib/codes.wm"
expect_status 0 "directory" "$waymark" test --verbose "$work/tree"
expect_output "^ok $work/tree/test_cases_passing.wm: test " "directory: path joined with the source path"
expect_last_line "2 passed, 0 failed" "directory summary"
mkdir -p "$work/empty"
expect_status 1 "directory without sources" "$waymark" test "$work/empty"

# --json: one document with the counts and every case run.
expect_status 1 "json" "$waymark" test --json test_cases_failing.wm test_cases_syntax_error.wm
if command -v python3 >/dev/null; then
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert (d["passed"], d["failed"]) == (1, 6), (d["passed"], d["failed"])
failing, broken = d["sources"]
assert failing["loaded"] and failing["pathway"] == "cli.tests_failing"
cases = {c["name"]: c for c in failing["cases"]}
wrong = cases["Wrong band"]
assert not wrong["passed"] and wrong["line"] == 43 and wrong["column"] == 6
assert wrong["failures"] == [{"expected": "band = \"child\"", "actual": "\"adult\"",
                              "message": "expected band = \"child\", got \"adult\""}], wrong["failures"]
assert wrong["outputs"] == {"band": "\"adult\"", "points": "missing", "actions": "[\"Check the dose\"]"}
assert wrong["fired"] == ["grown_up"] and wrong["rules"]["grown_up"] == "fired"
assert cases["Passes"]["passed"] and cases["Passes"]["failures"] == []
assert "is not a valid code" in cases["A code that does not read"]["rejected"]
assert cases["Two scoring rules true"]["errors"]
assert not broken["loaded"] and "error: unexpected" in broken["diagnostics"][0]
' <<<"$OUT" || { echo "FAIL: --json document"; echo "$OUT"; fail=1; }
else
  expect_output '^  "passed": 1,$' "json passed count"
  expect_output '^  "failed": 6,$' "json failed count"
  expect_output '"message": "expected band = \\"child\\", got \\"adult\\""' "json failure message"
fi

# Bad command lines.
expect_status 2 "unknown option" "$waymark" test --bogus test_cases_passing.wm
expect_status 2 "no path" "$waymark" test
expect_status 2 "--case without a name" "$waymark" test test_cases_passing.wm --case
exit $fail
