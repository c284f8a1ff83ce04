#!/usr/bin/env bash
# waymark explain on an incomplete STarT Back questionnaire (items 3, 8 and 9 unanswered): nothing is scored,
# and the explanation says which items are missing.
#   first: every output is empty, no risk rule fires, and low_risk's explanation names the first missing item.
#   every: the explanation names every missing item, in the whole explanation and under each risk rule
#          (--rule low_risk, medium_risk, high_risk).
# Usage: startback_explain_missing.sh WAYMARK ROOT [first|every]
set -u
waymark=$1
pathway=$2/pathways/startback/startback.wm
mode=${3:-first}
case_name="Items 3, 8 and 9 unanswered: not scored, whatever the other answers"
missing_items="walked_short_distances not_enjoyed bothersomeness"
fail=0

explain() { # description, extra arguments...
  local what=$1; shift
  LAST_OUTPUT=$("$waymark" explain "$pathway" --case "$case_name" "$@" 2>&1)
  local status=$?
  if [ "$status" -ne 0 ]; then echo "FAIL: $what: exit $status"; echo "$LAST_OUTPUT"; fail=1; else echo "ok: $what"; fi
}
expect_output() { # fixed text, description
  if ! grep -qF -- "$1" <<<"$LAST_OUTPUT"; then echo "FAIL: $2: output lacks '$1'"; echo "$LAST_OUTPUT"; fail=1; fi
}
expect_named_missing() { # item, description: "ITEM = missing", "ITEM missing", "ITEM is present: false", or ITEM
                          # in a list "missing: a, ITEM, b" (a test's missing inputs, through its definitions)
  if ! grep -qE -- "\b$1( = | )missing\b|\b$1 is present: false|missing: ([A-Za-z0-9_]+, )*$1\b" <<<"$LAST_OUTPUT"; then
    echo "FAIL: $2: $1 is not named as missing"; echo "$LAST_OUTPUT"; fail=1
  fi
}

case $mode in
first)
  explain "the whole explanation"
  expect_output "outputs: total_score = missing, distress_score = missing, risk = missing, treatment = missing, snomed = missing" \
    "every output is empty"
  for rule in low_risk medium_risk high_risk; do expect_output "rule $rule \"" "$rule is explained"; done
  if grep -qE '\): (fired|unknown)$' <<<"$LAST_OUTPUT"; then echo "FAIL: a risk rule fired or is unknown"; fail=1; fi
  explain "low_risk alone" --rule low_risk
  expect_output "rule low_risk \"Low risk: total score 3 or less\" (startback.wm" "the rule"
  expect_output "did not fire: complete" "complete decides it"
  expect_named_missing walked_short_distances "low_risk"
  ;;
every)
  explain "the whole explanation"
  for item in $missing_items; do expect_named_missing "$item" "the whole explanation"; done
  for rule in low_risk medium_risk high_risk; do
    explain "$rule alone" --rule "$rule"
    for item in $missing_items; do expect_named_missing "$item" "$rule"; done
  done
  ;;
*) echo "unknown mode '$mode': first or every"; exit 2 ;;
esac
exit $fail
