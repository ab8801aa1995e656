#!/usr/bin/env bash
# Takes the benchmark screenshots with headless Chromium: every page under bench/pages at
# 1280x720 and 1920x1080, each as the baseline, a slightly changed and a heavily changed variant.
# Output: bench/work/shots/<page>-<size>-<variant>.png (existing files are kept; --force retakes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/work/shots"
chromium="${CHROMIUM:-/usr/bin/chromium}"
force=false
[[ "${1:-}" == "--force" ]] && force=true
command -v "$chromium" >/dev/null || { echo "make-workload: Chromium not found at $chromium (set CHROMIUM)" >&2; exit 2; }
mkdir -p "$out"
for page in "$here"/pages/*.html; do
  name="$(basename "$page" .html)"
  for size in 1280x720 1920x1080; do
    for variant in base slight heavy; do
      file="$out/$name-$size-$variant.png"
      if [[ -s "$file" && "$force" == false ]]; then continue; fi
      fragment=""
      [[ "$variant" != base ]] && fragment="#$variant"
      timeout 60 "$chromium" --headless=new --no-sandbox --disable-gpu --disable-background-networking \
        --run-all-compositor-stages-before-draw --disable-checker-imaging --disable-dev-shm-usage \
        --hide-scrollbars --force-device-scale-factor=1 --window-size="${size/x/,}" \
        --screenshot="$file" "file://$page$fragment" >/dev/null 2>&1 || true
      [[ -s "$file" ]] || { echo "make-workload: Chromium did not write $file" >&2; exit 2; }
      echo "  $file"
    done
  done
done
