#!/usr/bin/env bash
# One command from a clean checkout: builds what is missing, installs the Node peers, takes the
# screenshot workload, then times this project's content hash against the PostHog CLI's stack
# (sharp + @napi-rs/blake-hash) on the same files in the same run, and checks the hashes agree.
# Then runs bench/compare-diff.sh (the pixel diff against pixelmatch) when it exists.
#
# Environment: REPS (timed repetitions per image and process, default 15), WARMUP_MS (warm-up
# time per process, default 20000), ROUNDS (alternating
# Java/Node processes, default 2), COLD (cold whole-process runs, default 5), SKIP_BUILD=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
reps="${REPS:-15}"
rounds="${ROUNDS:-2}"
cold="${COLD:-5}"
warmup_ms="${WARMUP_MS:-20000}"
mkdir -p "$work/results"

cli_jar="$root/extension/target/visual-review.jar"
bench_jar="$root/benchmarks/target/benchmarks.jar"
if [[ "${SKIP_BUILD:-}" != 1 && ( ! -f "$cli_jar" || ! -f "$bench_jar" ) ]]; then
  echo "== building the CLI and benchmark jars"
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Dextension.skipTests=true)
fi

if [[ ! -d "$work/node_modules/sharp" || ! -d "$work/node_modules/@napi-rs/blake-hash" || ! -d "$work/node_modules/pixelmatch" ]]; then
  echo "== installing the Node peers (bench/package.json, pinned by bench/package-lock.json)"
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  # npm 11's `npm ci` refuses a lock file without the other platforms' optional binaries
  # (odiff, blake-hash), which npm itself does not write; `npm install` then installs the same
  # pinned versions from the lock file.
  (cd "$work" && { npm ci --no-audit --no-fund --loglevel=silent 2>/dev/null \
    || npm install --no-audit --no-fund --loglevel=error; })
fi

echo "== screenshot workload (bench/make-workload.sh)"
"$here/make-workload.sh"
mapfile -t files < <(ls "$work"/shots/*.png | sort)

echo "== machine"
echo "   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   $(java -version 2>&1 | head -1), node $(node --version)"

echo "== warm timing: ${rounds} alternating rounds, ${reps} repetitions per image per process"
for ((r = 1; r <= rounds; r++)); do
  java -cp "$bench_jar" dev.visualreview.bench.HashTiming --warmup-ms "$warmup_ms" --reps "$reps" \
    --cache "$work/cache" "${files[@]}" > "$work/results/java-$r.json"
  node "$here/hash-ref.mjs" --warmup-ms "$warmup_ms" --reps "$reps" "${files[@]}" > "$work/results/node-$r.json"
done

echo "== cold whole-process time for one 1280x720 screenshot (${cold} runs each)"
one="$(ls "$work"/shots/*-1280x720-base.png | head -1)"
: > "$work/results/cold.txt"
for ((i = 0; i < cold; i++)); do
  t0=$(date +%s%N); java -jar "$cli_jar" hash "$one" > /dev/null; t1=$(date +%s%N)
  node "$here/hash-ref.mjs" --warmup-ms 0 --reps 1 "$one" > /dev/null; t2=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000 )) $(( (t2 - t1) / 1000 ))" >> "$work/results/cold.txt"
done

status=0
node "$here/report-hash.mjs" "$work/results" "$rounds" || status=$?

if [[ -f "$here/compare-diff.sh" ]]; then
  echo
  echo "== pixel diff (bench/compare-diff.sh)"
  bash "$here/compare-diff.sh"
fi
exit $status
