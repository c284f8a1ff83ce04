#!/usr/bin/env bash
# The CES triage over every combination of its 7 answers (yes, no or unanswered: 3^7 = 2187 records), against
# a reference written here from the decision table in pathways/ces/ces_triage.wm: the urgency, the referral and
# every action, in order, must be exactly what the table and the prompts for unanswered questions say.
# Usage: ces_exhaustive.sh WAYMARK ROOT [PATHWAY]   (PATHWAY defaults to ROOT/pathways/ces/ces_triage.wm)
set -u
waymark=$1
root=$2
pathway=${3:-$root/pathways/ces/ces_triage.wm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every record, keyed by its answers in column order (y = yes, n = no, - = unanswered).
awk 'BEGIN {
  print "case_id,urinary_difficulty,saddle_sensory_change,bilateral_neuro_deficit,rectal_sensation_loss," \
        "sexual_dysfunction,bilateral_leg_pain,new_or_worsening"
  split("yes no", word, " "); word[3] = ""
  split("y n -", letter, " ")
  for (i = 0; i < 3 ^ 7; i++) {
    key = ""; row = ""
    x = i
    for (c = 0; c < 7; c++) { d = x % 3 + 1; x = int(x / 3); key = key letter[d]; row = row "," word[d] }
    print key row
  }
}' >"$work/answers.csv"

# The reference: the decision table and the prompts, over the same rows, written as waymark run writes CSV.
awk -F, '
function csv(s) { if (s ~ /[,"]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" } return s }
function add(text) { actions = actions (actions == "" ? "" : "; ") text }
BEGIN {
  emergency_referral = "Immediate referral to the local hospital emergency department: suspected cauda equina syndrome"
  senior = "Urgent review by a senior clinician"
  mri = "Emergency MRI of the lumbosacral spine, within 4 hours of the request"
  no_delay = "Imaging must not be delayed: the MRI does not need prior discussion with the spinal service"
  safety = "Give safety-netting advice: the cauda equina syndrome symptoms to look out for, and to seek emergency help at once if any develop"
  card = "Give a cauda equina syndrome (CES) card"
  ask[2] = "Ask and record: difficulty initiating micturition or impaired sensation of urinary flow"
  ask[3] = "Ask and record: altered perianal, perineal or genital sensation"
  ask[4] = "Ask and record: severe or progressive neurological deficit in both legs"
  ask[5] = "Ask and record: loss of sensation of rectal fullness"
  ask[6] = "Ask and record: sexual dysfunction"
  ask[7] = "Ask and record: bilateral leg pain, or leg pain spreading from one leg to both"
  print "case_id,urgency,referral,actions"
}
NR > 1 {
  core = "no"                                       # yes if any core answer is yes, ? if none is but one is blank
  for (c = 2; c <= 5; c++) if ($c == "") core = "?"
  for (c = 2; c <= 5; c++) if ($c == "yes") core = "yes"
  sexual = $6; legs = $7; onset = $8
  actions = ""
  if (core == "yes" && onset == "yes") {
    urgency = "emergency"; referral = emergency_referral; add(mri); add(no_delay)
  } else if (core == "yes" && onset == "") {
    urgency = "emergency"; referral = emergency_referral; add(mri); add(no_delay)
    add("Record when the symptom started, and whether it is new or worsening in the last 14 days")
  } else if (core == "yes") {
    urgency = "urgent"; referral = senior
    add("Confirm and record that the symptom is long-standing and unchanged; refer as an emergency if it is new or worsening")
    add(safety); add(card)
  } else if (core == "no" && legs == "yes") {
    urgency = "urgent"; referral = senior
    add("Examine and record lower-limb neurology and perianal sensation: bilateral leg pain is a warning sign of cauda equina syndrome")
    add(safety); add(card)
  } else if (core == "no" && legs == "no" && sexual == "yes") {
    urgency = "urgent"; referral = senior
    add("Check each core red flag again: sexual dysfunction with back pain as the only other feature is unlikely to be cauda equina syndrome")
    add(safety); add(card)
  } else if (core == "no" && legs == "no" && sexual == "no") {
    urgency = "routine"; referral = ""
    add("Continue assessment and management on the National Back and Radicular Pain Pathway"); add(safety); add(card)
  } else {                                          # core ?, or core no with leg pain or sexual function blank
    urgency = "urgent"; referral = "Urgent review by a senior clinician if the assessment cannot be completed now"
    add("Complete the cauda equina syndrome assessment now: an unanswered question is not a '"'"'no'"'"'")
    add(safety); add(card)
  }
  # Prompts: each blank symptom question, and the onset when some symptom is yes or blank; none when CES is
  # suspected (a core yes whose onset is not no).
  if (!(core == "yes" && onset != "no")) {
    some_symptom = 0
    for (c = 2; c <= 7; c++) {
      if ($c == "") add(ask[c])
      if ($c != "no") some_symptom = 1
    }
    if (onset == "" && some_symptom) add("Ask and record: whether the symptoms are new or worsening in the last 14 days")
  }
  print $1 "," urgency "," csv(referral) "," csv(actions)
}' "$work/answers.csv" >"$work/expected.csv"

"$waymark" run "$pathway" -i "$work/answers.csv" -o "$work/actual.csv" --threads 1 -q
status=$?
if [ "$status" -ne 0 ]; then echo "FAIL: waymark run exited $status"; cat "$work/actual.csv.errors.csv"; exit 1; fi
rows=$(($(wc -l <"$work/expected.csv") - 1))
if ! diff "$work/expected.csv" "$work/actual.csv" >"$work/differences.txt"; then
  echo "FAIL: $(grep -c '^>' "$work/differences.txt") of $rows records differ from the decision table (< expected, > $pathway):"
  head -40 "$work/differences.txt"
  exit 1
fi
echo "ok: all $rows combinations of answers agree with the decision table"
