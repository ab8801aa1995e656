#!/usr/bin/env bash
# Takes the benchmark screenshots with headless Chromium.
#
#   make-workload.sh          every page under bench/pages at 1280x720 and 1920x1080, each as the
#                             baseline, a slightly changed and a heavily changed variant:
#                             bench/work/shots/<page>-<size>-<variant>.png (24 files)
#   make-workload.sh --cold   the whole-process workload of bench/compare-cold.sh:
#                             bench/work/cold/hash/*.png: 100 distinct 1280x720 screenshots (the four
#                               pages with 25 sets of figures each, #seed=N);
#                             bench/work/cold/diff/*.png and pairs.txt: 30 pairs at 1920x1080, 10
#                               identical (a second file with the same bytes), 10 slightly and 10
#                               heavily changed
#
# Existing files are kept; --force (after --cold, if given) retakes them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
cold=false
force=false
for arg in "$@"; do
  case "$arg" in
    --cold) cold=true ;;
    --force) force=true ;;
    *) echo "make-workload: unknown argument $arg (use --cold, --force)" >&2; exit 2 ;;
  esac
done
command -v "$chromium" >/dev/null || { echo "make-workload: Chromium not found at $chromium (set CHROMIUM)" >&2; exit 2; }

# shoot FILE SIZE PAGE FRAGMENT
shoot() {
  local file="$1" size="$2" page="$3" fragment="$4"
  if [[ -s "$file" && "$force" == false ]]; then return; fi
  timeout 60 "$chromium" --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --run-all-compositor-stages-before-draw --disable-checker-imaging --disable-dev-shm-usage \
    --hide-scrollbars --force-device-scale-factor=1 --window-size="${size/x/,}" \
    --screenshot="$file" "file://$page$fragment" >/dev/null 2>&1 || true
  [[ -s "$file" ]] || { echo "make-workload: Chromium did not write $file" >&2; exit 2; }
  echo "  $file"
}

if [[ "$cold" == false ]]; then
  out="$here/work/shots"
  mkdir -p "$out"
  for page in "$here"/pages/*.html; do
    name="$(basename "$page" .html)"
    for size in 1280x720 1920x1080; do
      for variant in base slight heavy; do
        fragment=""
        [[ "$variant" != base ]] && fragment="#$variant"
        shoot "$out/$name-$size-$variant.png" "$size" "$page" "$fragment"
      done
    done
  done
  exit 0
fi

pages=(article dashboard form landing)
hash_dir="$here/work/cold/hash"
diff_dir="$here/work/cold/diff"
mkdir -p "$hash_dir" "$diff_dir"
for seed in $(seq 1 25); do
  for name in "${pages[@]}"; do
    shoot "$hash_dir/$name-s$seed.png" 1280x720 "$here/pages/$name.html" "#seed=$seed"
  done
done
: > "$diff_dir/pairs.tmp"
for kind in identical slight heavy; do
  for i in $(seq 1 10); do
    name="${pages[$((i % 4))]}"
    seed=$((100 + i))
    base="$diff_dir/$name-s$seed-base.png"
    shoot "$base" 1920x1080 "$here/pages/$name.html" "#seed=$seed"
    if [[ "$kind" == identical ]]; then
      current="$diff_dir/$name-s$seed-copy.png"
      cp "$base" "$current"
    else
      current="$diff_dir/$name-s$seed-$kind.png"
      shoot "$current" 1920x1080 "$here/pages/$name.html" "#$kind&seed=$seed"
    fi
    echo "$base	$current" >> "$diff_dir/pairs.tmp"
  done
done
mv "$diff_dir/pairs.tmp" "$diff_dir/pairs.txt"
