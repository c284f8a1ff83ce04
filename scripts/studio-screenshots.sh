#!/usr/bin/env bash
# Remakes the Studio screenshots in docs/images/ from the scripted tests (tests/studio/scripts), run headless under
# xvfb-run on a scratch copy of the pathways, then made small with pngquant (a 256-colour palette).
#   scripts/studio-screenshots.sh [BUILD]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
studio="$root/$build/bin/waymark-studio"
[ -x "$studio" ] || { echo "studio-screenshots: error: $studio not built (make build)" >&2; exit 1; }
command -v pngquant >/dev/null || { echo "studio-screenshots: error: pngquant is needed (apt-get install pngquant)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run() { bash "$root/tests/studio/run_studio_script.sh" "$studio" "$root" "$scratch/$1" "${@:2}" >/dev/null; }
run journey "$root/tests/studio/scripts/startback_journey.studio"
run cases "$root/tests/studio/scripts/test_cases.studio"
run data "$root/tests/studio/scripts/data_and_build.studio"
run crash "$root"/tests/studio/scripts/after_a_crash/*.studio
mkdir -p "$root/docs/images"
for shot in "$scratch"/*/*.png; do
  name=studio-$(basename "$shot")
  pngquant --force --quality=60-90 --strip --output "$root/docs/images/$name" "$shot"
  echo "docs/images/$name: $(stat -c %s "$root/docs/images/$name") bytes"
done
