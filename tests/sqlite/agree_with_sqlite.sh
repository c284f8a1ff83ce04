#!/usr/bin/env bash
# Waymark agrees with SQL: generated SUS rows are classified by `waymark run pathways/ebi/NAME.wm` and by the EBI
# coding script itself, run in SQLite (NAME.sql, next to this file), and compared row by row.
#
#   agree_with_sqlite.sh WAYMARK_GEN_SUS WAYMARK SQLITE3 [ROWS] [SEED] [NAME] [KIND]
#
# NAME defaults to low_back_imaging; KIND is the generator's --kind (outpatient, the default, or admitted), and
# load_KIND.sql (next to this file) loads its rows into the table NAME.sql reads. Run from the repository root (the
# pathway path is relative to it). Fails with the first differing ids.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 WAYMARK_GEN_SUS WAYMARK SQLITE3 [ROWS] [SEED] [NAME] [KIND]" >&2
  exit 2
fi
gen=$1 waymark=$2 sqlite=$3 rows=${4:-5000} seed=${5:-20240901} name=${6:-low_back_imaging} kind=${7:-outpatient}
here=$(cd "$(dirname "$0")" && pwd)
pathway=pathways/ebi/$name.wm
for file in "$pathway" "$here/$name.sql" "$here/load_$kind.sql"; do
  if [ ! -f "$file" ]; then
    echo "FAIL: no $file" >&2
    exit 2
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$gen" --kind "$kind" --rows "$rows" --seed "$seed" --output "$work/rows.csv"

# Waymark, on one thread and on two: the outputs must be the same file.
"$waymark" run "$pathway" --input "$work/rows.csv" --output "$work/waymark.csv" --errors "$work/errors.csv" \
  --threads 1
"$waymark" run "$pathway" --input "$work/rows.csv" --output "$work/waymark2.csv" --threads 2
if ! cmp -s "$work/waymark.csv" "$work/waymark2.csv"; then
  echo "FAIL: waymark run writes different output with --threads 1 and --threads 2" >&2
  diff "$work/waymark.csv" "$work/waymark2.csv" | head -20 >&2
  exit 1
fi
if [ -s "$work/errors.csv" ] && [ "$(grep -c '' "$work/errors.csv")" -gt 1 ]; then
  echo "FAIL: waymark run rejected rows that every engine must read:" >&2
  head -5 "$work/errors.csv" >&2
  exit 1
fi
header=$(head -n 1 "$work/waymark.csv" | tr -d '\r')
if [ "$header" != "id,category" ]; then
  echo "FAIL: waymark output header is '$header', expected 'id,category'" >&2
  exit 1
fi

# SQLite: the CSV is imported as text and loaded into the script's table by load_KIND.sql (empty fields become NULL,
# as in the SUS table). The script's query writes id,category for every row (NULL category written as an empty
# field). Both outputs are then read back and compared in input order.
(
  cd "$work"
  "$sqlite" -batch -bail :memory: <<SQL
.import --csv rows.csv staging
.read '$here/load_$kind.sql'
.headers on
.mode csv
.nullvalue ''
.output sqlite.csv
.read '$here/$name.sql'
.output stdout
.headers off
CREATE TABLE by_sqlite (id TEXT, category TEXT);
CREATE TABLE by_waymark (id TEXT, category TEXT);
.import --csv --skip 1 sqlite.csv by_sqlite
.import --csv --skip 1 waymark.csv by_waymark
.mode list
.separator ' '
SELECT 'rows:', (SELECT count(*) FROM staging), (SELECT count(*) FROM by_sqlite), (SELECT count(*) FROM by_waymark);
SELECT 'classified:', (SELECT count(*) FROM by_sqlite WHERE category <> ''),
       (SELECT count(*) FROM by_waymark WHERE category <> '');
.mode csv
.headers on
.output differences.csv
SELECT s.rowid AS row, s.id AS sqlite_id, w.id AS waymark_id, s.category AS sqlite_category,
       w.category AS waymark_category
FROM by_sqlite s JOIN by_waymark w ON w.rowid = s.rowid
WHERE s.id IS NOT w.id OR s.category IS NOT w.category
ORDER BY s.rowid LIMIT 10;
SQL
) >"$work/summary.txt"

read -r _ input_rows sqlite_rows waymark_rows < <(grep '^rows:' "$work/summary.txt")
read -r _ sqlite_classified waymark_classified < <(grep '^classified:' "$work/summary.txt")
echo "rows: input $input_rows, sqlite $sqlite_rows, waymark $waymark_rows"
echo "classified: sqlite $sqlite_classified, waymark $waymark_classified"

status=0
if [ "$input_rows" != "$rows" ] || [ "$sqlite_rows" != "$rows" ] || [ "$waymark_rows" != "$rows" ]; then
  echo "FAIL: row counts differ (generated $rows)" >&2
  status=1
fi
if [ "$(grep -c '' "$work/differences.csv")" -gt 1 ]; then
  echo "FAIL: waymark and SQLite disagree; first differences (row, ids, categories):" >&2
  cat "$work/differences.csv" >&2
  echo "the rows, as generated:" >&2
  tail -n +2 "$work/differences.csv" | cut -d, -f1 | while read -r row; do
    sed -n "$((row + 1))p" "$work/rows.csv" >&2
  done
  status=1
fi
[ $status -eq 0 ] && echo "PASS: waymark ($pathway) and SQLite ($name.sql) classify all $rows rows alike"
exit $status
