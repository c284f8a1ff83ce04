#!/usr/bin/env bash
# waymark test --coverage: per pathway `coverage path: N% (c of t outcomes)`, the outcomes no case reaches as
# `  path:line:col: ...`, the conditions never unknown apart; a pathway below its declared `coverage M%` fails with
# `FAIL path: coverage N% is below the declared M%`, counts in the closing line and makes the exit status 1.
set -u
waymark=$1
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect_status() { # expected-status description command...; keeps stdout in OUT
  local want=$1 what=$2; shift 2
  local status
  OUT=$("$@" 2>"$work/stderr"); status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL: $what: exit $status, expected $want"; echo "$OUT"; cat "$work/stderr"; fail=1
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

# Every outcome reached: the percentage, no gaps, and the conditions never unknown listed apart.
expect_status 0 "full coverage" "$waymark" test --coverage coverage_full.wm
expected_full='coverage coverage_full.wm: 100% (8 of 8 outcomes)
unknown coverage_full.wm: 0 of 3 conditions unknown in some case (not counted in the coverage)
  coverage_full.wm:16:8: condition `age > 60 and smoker` never unknown
  coverage_full.wm:16:8: condition `age > 60` never unknown
  coverage_full.wm:16:21: condition `smoker` never unknown
3 passed, 0 failed'
if [ "$OUT" != "$expected_full" ]; then echo "FAIL: full coverage report"; echo "$OUT"; fail=1; fi

# A false branch no case takes: below the declared 90%, a failure after the passing cases.
expect_status 1 "below the declared coverage" "$waymark" test --coverage coverage_short.wm
expect_output '^coverage coverage_short.wm: 87% \(7 of 8 outcomes\)$' "percentage rounded down"
expect_output '^  coverage_short.wm:16:21: condition `smoker` never false$' "the gap, located"
expect_output '^FAIL coverage_short.wm: coverage 87% is below the declared 90%$' "declared coverage failure"
expect_last_line "2 passed, 1 failed" "the coverage failure counts in the closing line"
if [ "$(grep -c '^  coverage_short.wm:.*never false$' <<<"$OUT")" -ne 1 ]; then
  echo "FAIL: one gap expected"; echo "$OUT"; fail=1
fi

# Without --coverage the declaration is not checked and nothing about coverage is printed.
expect_status 0 "no --coverage" "$waymark" test coverage_short.wm
expect_no_output '^(coverage|unknown) ' "no coverage without --coverage"
expect_last_line "2 passed, 0 failed" "summary without --coverage"

# Several pathways: each has its block, and the closing line stays last.
expect_status 1 "two pathways" "$waymark" test --coverage coverage_full.wm coverage_short.wm
expect_output '^coverage coverage_full.wm: 100% ' "first pathway"
expect_output '^coverage coverage_short.wm: 87% ' "second pathway"
expect_last_line "5 passed, 1 failed" "two pathways summary"

# --case narrows the cases, and so the coverage: one old smoker reaches 4 of 8 outcomes.
expect_status 1 "--case" "$waymark" test --coverage coverage_full.wm --case "Old smoker"
expect_output '^coverage coverage_full.wm: 50% \(4 of 8 outcomes\)$' "coverage of the cases run"
expect_output '^  coverage_full.wm:15:6: rule high always fired$' "rule always fired"
expect_output '^  coverage_full.wm:16:8: condition `age > 60` never false$' "condition never false"
expect_output '^FAIL coverage_full.wm: coverage 50% is below the declared 100%$' "narrowed below the declared"
expect_last_line "1 passed, 1 failed" "--case summary"

# A pack carries its declared coverage and its sources.
"$waymark" build -q coverage_short.wm -o "$work/short.wmpack" || { echo "FAIL: build"; fail=1; }
expect_status 1 "pack" "$waymark" test --coverage "$work/short.wmpack"
expect_output "^coverage $work/short.wmpack: 87% \\(7 of 8 outcomes\\)$" "pack coverage"
expect_output '^  coverage_short.wm:16:21: condition `smoker` never false$' "pack gap located in its source"
expect_output "^FAIL $work/short.wmpack: coverage 87% is below the declared 90%$" "pack fails"
expect_last_line "2 passed, 1 failed" "pack summary"

# --json: a coverage object per source.
expect_status 1 "json" "$waymark" test --json --coverage coverage_short.wm
if command -v python3 >/dev/null; then
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert (d["passed"], d["failed"]) == (2, 1), (d["passed"], d["failed"])
c = d["sources"][0]["coverage"]
assert (c["percent"], c["covered"], c["outcomes"], c["declared"], c["met"]) == (87, 7, 8, 90, False), c
assert c["evaluations"] == 2
assert c["rules"] == [{"name": "high", "file": "coverage_short.wm", "line": 15, "column": 6,
                       "fired": 1, "not_fired": 1, "unknown": 0}], c["rules"]
assert [x["text"] for x in c["conditions"]] == ["age > 60 and smoker", "age > 60", "smoker"]
assert c["conditions"][2] == {"text": "smoker", "rule": "high", "file": "coverage_short.wm", "line": 16,
                              "column": 21, "true": 1, "false": 0, "unknown": 0}, c["conditions"][2]
assert c["uncovered"] == [{"message": "condition `smoker` never false", "file": "coverage_short.wm",
                           "line": 16, "column": 21}], c["uncovered"]
assert len(c["never_unknown"]) == 3
' <<<"$OUT" || { echo "FAIL: --json coverage"; echo "$OUT"; fail=1; }
else
  expect_output '"met": false' "json met"
fi
expect_status 0 "json without --coverage" "$waymark" test --json coverage_short.wm
expect_no_output '"coverage"' "no coverage object without --coverage"

exit $fail
