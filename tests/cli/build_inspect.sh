#!/usr/bin/env bash
# waymark build and waymark inspect, as a user runs them: packs are deterministic, refused when damaged,
# and run exactly as their sources do.
set -u
waymark=$(realpath "$1")
root=$(realpath "$2") # the repository
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
expect_output() { # regex description
  if ! grep -qE -- "$1" <<<"$LAST_OUTPUT"; then echo "FAIL: $2: output lacks /$1/"; echo "$LAST_OUTPUT"; fail=1; fi
}

source=$root/pathways/ebi/low_back_imaging.wm
expect_status 0 "build a pack" "$waymark" build "$source" -o "$work/a.wmpack"
expect_output "-> .*a.wmpack \([0-9]+ bytes, 1 rule, [0-9]+ instructions\)" "build summary"
expect_status 0 "build it again" "$waymark" build -q "$source" -o "$work/b.wmpack"
if cmp -s "$work/a.wmpack" "$work/b.wmpack"; then echo "ok: the same source gives the same bytes"; else echo "FAIL: packs differ"; fail=1; fi
(cd "$root/pathways/ebi" && "$waymark" build -q low_back_imaging.wm -o "$work/c.wmpack")
if cmp -s "$work/a.wmpack" "$work/c.wmpack"; then echo "ok: the bytes do not depend on the working folder"; else echo "FAIL: packs differ by folder"; fail=1; fi

expect_status 0 "inspect" "$waymark" inspect "$work/a.wmpack"
expect_output "^pathway +ebi.low_back_imaging 0.1.0$" "inspect names the pathway"
expect_output "^  Der_Procedure_All: text optional$" "inspect lists the schema"
expect_output "^    lower_back_imaging: Imaging of the lower back" "inspect lists the rules"
expect_output "^  test cases +$(grep -c '^test ' "$source")$" "inspect counts the test cases"
expect_output "^  code +[0-9]+ bytes at [0-9]+$" "inspect gives each section's size"
expect_status 0 "inspect --code" "$waymark" inspect --code "$work/a.wmpack"
expect_output "LIKEG +r[0-9]+, group 0 on field Der_Procedure_All, #0 like \"%U05\[45\]%\" +; low_back_imaging.wm:" "disassembly with source locations"

# A damaged pack is refused with the reason; a cut one too.
cp "$work/a.wmpack" "$work/damaged.wmpack"
byte=$(od -An -tu1 -j300 -N1 "$work/a.wmpack" | tr -d ' ')
printf "\\x$(printf %02x $(( (byte + 1) % 256 )))" | dd of="$work/damaged.wmpack" bs=1 seek=300 conv=notrunc status=none
expect_status 1 "inspect a damaged pack" "$waymark" inspect "$work/damaged.wmpack"
expect_output "not a valid pack: checksum mismatch" "damage is named"
head -c 1000 "$work/a.wmpack" > "$work/cut.wmpack"
expect_status 1 "inspect a truncated pack" "$waymark" inspect "$work/cut.wmpack"
expect_output "not a valid pack: .*truncated" "truncation is named"
expect_status 1 "inspect a file that is not a pack" "$waymark" inspect "$root/README.md"
expect_output "not a valid pack: bad magic" "a foreign file is named"
expect_status 3 "run refuses a damaged pack" "$waymark" run "$work/damaged.wmpack" -i "$root/pathways/data/ebi_outpatients.csv" -o "$work/x.csv"

# A source with errors builds nothing.
printf 'pathway t.bad\ninput\n  a: int optional\nend\noutput\n  o: int\nend\nrule r when agee > 1 then set o = 1 cite "c" end\n' > "$work/bad.wm"
expect_status 1 "build a source with errors" "$waymark" build "$work/bad.wm" -o "$work/bad.wmpack"
expect_output "bad.wm:8:13: error: unknown name 'agee'" "diagnostics are printed"
if [ -e "$work/bad.wmpack" ]; then echo "FAIL: a pack was written for a source with errors"; fail=1; else echo "ok: nothing written"; fi
expect_status 2 "several sources need a directory" "$waymark" build "$source" "$root/pathways/ces/ces_triage.wm" -o "$work/none"
mkdir "$work/packs"
expect_status 0 "several sources into a directory" "$waymark" build -q "$source" "$root/pathways/ces/ces_triage.wm" -o "$work/packs"
[ -s "$work/packs/low_back_imaging.wmpack" ] && [ -s "$work/packs/ces_triage.wmpack" ] && echo "ok: one pack per source" || { echo "FAIL: packs missing"; fail=1; }

# The pack runs exactly as its source.
"$waymark" run -q "$work/a.wmpack" -i "$root/pathways/data/ebi_outpatients.csv" -o "$work/from_pack.csv" --errors "$work/e1.csv"
"$waymark" run -q "$source" -i "$root/pathways/data/ebi_outpatients.csv" -o "$work/from_source.csv" --errors "$work/e2.csv"
if cmp -s "$work/from_pack.csv" "$work/from_source.csv" && [ "$(wc -l < "$work/from_pack.csv")" -gt 100 ]; then
  echo "ok: pack and source give the same output"
else
  echo "FAIL: pack and source outputs differ"; fail=1
fi
exit $fail
