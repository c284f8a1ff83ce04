#!/usr/bin/env bash
# Runs Studio scripts under a virtual display on a scratch copy of the bundled pathways, so that scripts may edit
# and save files and leave recovery files without touching the repository. Several scripts run one after the
# other in the same scratch folder, as sessions of one author (what one leaves, the next finds).
#   run_studio_script.sh STUDIO SOURCE_DIR WORK_DIR SCRIPT [SCRIPT...]
set -euo pipefail
studio=$1 source_dir=$2 work=$3
shift 3
scripts=()
for script in "$@"; do scripts+=("$(realpath "$script")"); done
rm -rf "$work"
mkdir -p "$work/recovery"
cp -R "$source_dir/pathways" "$work/pathways"
cd "$work"
for script in "${scripts[@]}"; do
  xvfb-run -a -s "-screen 0 1280x800x24" "$studio" --folder pathways --recovery-folder "$work/recovery" \
    --script "$script"
done
