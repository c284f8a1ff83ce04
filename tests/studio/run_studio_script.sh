#!/usr/bin/env bash
# Runs a Studio script under a virtual display on a scratch copy of the bundled pathways, so that scripts may edit
# and save files and leave recovery files without touching the repository.
#   run_studio_script.sh STUDIO SOURCE_DIR SCRIPT WORK_DIR
set -euo pipefail
studio=$1 source_dir=$2 script=$3 work=$4
rm -rf "$work"
mkdir -p "$work/recovery"
cp -R "$source_dir/pathways" "$work/pathways"
cd "$work"
exec xvfb-run -a -s "-screen 0 1280x800x24" "$studio" --folder pathways --recovery-folder "$work/recovery" \
  --script "$script"
