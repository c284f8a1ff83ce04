#!/usr/bin/env bash
# The headless mode writes a real PNG of the size of the window: `--open FILE --step N --screenshot OUT.png`.
#   check_screenshot.sh STUDIO SOURCE_DIR WORK_DIR
set -euo pipefail
studio=$1 source_dir=$2 work=$3
rm -rf "$work"
mkdir -p "$work/recovery"
out="$work/startback-step-12.png"
xvfb-run -a -s "-screen 0 1280x800x24" "$studio" --folder "$source_dir/pathways" --recovery-folder "$work/recovery" \
  --open "$source_dir/pathways/startback/startback.wm" --step 12 --width 1280 --height 800 --screenshot "$out"
# The PNG signature, then the IHDR chunk: width and height as 4-byte big-endian numbers.
signature=$(head -c 8 "$out" | od -An -tx1 | tr -d ' \n')
[ "$signature" = "89504e470d0a1a0a" ] || { echo "not a PNG: $signature" >&2; exit 1; }
size=$(od -An -tu1 -j16 -N8 "$out" | tr -s ' ' | sed 's/^ //')
read -r w1 w2 w3 w4 h1 h2 h3 h4 <<<"$size"
width=$(( (w1 << 24) | (w2 << 16) | (w3 << 8) | w4 )) height=$(( (h1 << 24) | (h2 << 16) | (h3 << 8) | h4 ))
[ "$width" = 1280 ] && [ "$height" = 800 ] || { echo "expected 1280x800, got ${width}x${height}" >&2; exit 1; }
# A blank frame compresses to almost nothing; a drawn Studio does not.
bytes=$(stat -c %s "$out")
[ "$bytes" -gt 20000 ] || { echo "the screenshot is suspiciously small ($bytes bytes): nothing drawn?" >&2; exit 1; }
echo "wrote $out: ${width}x${height}, $bytes bytes"
