#!/usr/bin/env bash
# One command from a clean checkout: times this project's pixel diff (PixelDiff.compare, the
# server's full classification) against pixelmatch 7.2.0 (threshold 0.1, anti-aliasing detection
# on) on the same screenshot pairs in the same run, and checks that the differing-pixel counts
# agree. Pairs: every page of the workload at 1280x720 and 1920x1080, base vs base (identical),
# base vs slight, base vs heavy; plus one 1280x16000 full-page pair. Then diffs the 1280x16000 pair
# under -Xmx400m and reports the peak heap.
#
# Environment: REPS (timed repetitions per pair and process, default 11), WARMUP_MS (warm-up time
# per process, default 6000), PAIR_WARMUP_MS (each pair again right before it is timed, default
# 1000), ROUNDS (alternating Java/Node processes, default 2), SKIP_BUILD=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
reps="${REPS:-11}"
rounds="${ROUNDS:-2}"
warmup_ms="${WARMUP_MS:-6000}"
pair_warmup_ms="${PAIR_WARMUP_MS:-1000}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
mkdir -p "$work/results" "$work/tall"

bench_jar="$root/benchmarks/target/benchmarks.jar"
if [[ "${SKIP_BUILD:-}" != 1 && ! -f "$bench_jar" ]]; then
  echo "== building the benchmark jar"
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Dextension.skipTests=true)
fi

if [[ ! -d "$work/node_modules/sharp" || ! -d "$work/node_modules/pixelmatch" ]]; then
  echo "== installing the Node peers (bench/package.json, pinned by bench/package-lock.json)"
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  # npm 11's `npm ci` refuses a lock file without the other platforms' optional binaries
  # (odiff, blake-hash), which npm itself does not write; `npm install` then installs the same
  # pinned versions from the lock file.
  (cd "$work" && { npm ci --no-audit --no-fund --loglevel=silent 2>/dev/null \
    || npm install --no-audit --no-fund --loglevel=error; })
fi

echo "== screenshot workload (bench/make-workload.sh)"
"$here/make-workload.sh" > /dev/null

# A full-page pair: the article page at 1280x16000, base and slight.
for variant in base slight; do
  file="$work/tall/article-1280x16000-$variant.png"
  [[ -s "$file" ]] && continue
  fragment=""; [[ "$variant" != base ]] && fragment="#$variant"
  timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --run-all-compositor-stages-before-draw --disable-checker-imaging --disable-dev-shm-usage \
    --hide-scrollbars --force-device-scale-factor=1 --window-size=1280,16000 \
    --screenshot="$file" "file://$here/pages/article.html$fragment" >/dev/null 2>&1 || true
  [[ -s "$file" ]] || { echo "compare-diff: Chromium did not write $file" >&2; exit 2; }
done

pairs=()
for base in $(ls "$work"/shots/*-base.png | sort); do
  stem="${base%-base.png}"
  pairs+=("$base" "$base" "$base" "$stem-slight.png" "$base" "$stem-heavy.png")
done
pairs+=("$work/tall/article-1280x16000-base.png" "$work/tall/article-1280x16000-slight.png")

echo "== machine"
echo "   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   $(java -version 2>&1 | head -1), node $(node --version)"

echo "== warm timing: ${rounds} alternating rounds, ${reps} repetitions per pair per process"
for ((r = 1; r <= rounds; r++)); do
  java -Xmx2g -cp "$bench_jar" dev.visualreview.bench.DiffTiming --warmup-ms "$warmup_ms" --pair-warmup-ms "$pair_warmup_ms" --reps "$reps" \
    "${pairs[@]}" > "$work/results/diff-java-$r.json"
  node --max-old-space-size=4096 "$here/diff-ref.mjs" --warmup-ms "$warmup_ms" --pair-warmup-ms "$pair_warmup_ms" --reps "$reps" \
    "${pairs[@]}" > "$work/results/diff-node-$r.json"
done

echo "== memory: the 1280x16000 pair under -Xmx400m (decode both, diff with a diff image)"
java -Xmx400m -cp "$bench_jar" dev.visualreview.bench.DiffTiming --memory \
  "$work/tall/article-1280x16000-base.png" "$work/tall/article-1280x16000-slight.png" \
  > "$work/results/diff-memory.json"

node "$here/report-diff.mjs" "$work/results" "$rounds"
