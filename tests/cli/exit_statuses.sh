#!/usr/bin/env bash
# waymark check: exit 0 clean, 1 on errors (and on warnings with --werror), 2 on a bad command line;
# diagnostics read path:line:col: severity: message.
set -u
waymark=$1
fail=0
expect_status() { # expected-status description command...
  local want=$1 what=$2; shift 2
  local out status
  out=$("$@" 2>&1); status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL: $what: exit $status, expected $want"; echo "$out"; fail=1
  else
    echo "ok: $what (exit $status)"
  fi
  LAST_OUTPUT=$out
}
expect_output() { # regex description
  if ! grep -qE -- "$1" <<<"$LAST_OUTPUT"; then echo "FAIL: $2: output lacks /$1/"; echo "$LAST_OUTPUT"; fail=1; fi
}

expect_status 0 "clean file" "$waymark" check clean.wm
expect_output "0 errors, 0 warnings" "clean summary"
expect_status 1 "file with an error" "$waymark" check bad.wm
expect_output "^bad.wm:6:20: error: unknown name 'agee'; did you mean 'age'\?$" "diagnostic format"
expect_output "^  when age > 3 and agee < 5$" "source line echoed"
expect_output "^                   \^~~~$" "caret under the name"
expect_status 0 "warnings pass without --werror" "$waymark" check warn.wm
expect_output "warn.wm:[0-9]+:[0-9]+: warning: " "warning format"
expect_status 1 "warnings fail with --werror" "$waymark" check --werror warn.wm
expect_status 1 "missing file" "$waymark" check no-such-file.wm
expect_output "no-such-file.wm: error: no such file or directory" "missing file message"
expect_status 2 "unknown option" "$waymark" check --bogus clean.wm
expect_status 2 "no subcommand" "$waymark"
expect_status 1 "binary garbage is an error, not a crash" "$waymark" check garbage.wm
expect_output "not valid UTF-8" "utf-8 message"
exit $fail
