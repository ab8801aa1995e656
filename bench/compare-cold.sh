#!/usr/bin/env bash
# Speed as a user meets it: whole processes, cold, on the same files in the same run.
#
#   diff: `java -jar visual-review.jar diff --batch` over 30 pairs of 1920x1080 Chromium screenshots
#         (10 identical, 10 slightly, 10 heavily changed) against odiff 4.5.0 (`odiff --server`, one
#         process for all pairs, native), @blazediff/core 1.10.0 with sharp's decode, and pixelmatch
#         7.2.0 with pngjs (bench/cold-*.mjs, one Node process each);
#   hash: `java -jar visual-review.jar hash` of 100 distinct 1280x720 screenshots against sharp +
#         @napi-rs/blake-hash as the PostHog CLI hashes (bench/cold-hash.mjs, 16 files at a time).
#
# Every tool runs ROUNDS times, the tools of a round in a shuffled order (so that load from other
# processes falls on all alike). Wall time is the process's; CPU time is user + sys of the process
# and its children (bash `times`, 10 ms resolution), so the JVM's compiler and GC threads and
# odiff's and sharp's threads all count. Prints medians, ratios (this project / peer) and the load
# average; fails when a hash differs from sharp's or a count from pixelmatch's (where no rows
# shifted, as PixelDiff reports the aligned count otherwise).
#
# Environment: ROUNDS (default 10), JAVA (default java), SKIP_BUILD=1 (use the built jar as is),
# STEADY=1 (also the steady-state cost per further 30 pairs / 100 images, see below),
# JAR (another build of visual-review.jar to time instead), BEFORE_JAR (a second build timed in the
# same rounds, e.g. the jar of an earlier commit, for a before/after in one run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work"
cold="$work/cold"
results="$cold/results"
rounds="${ROUNDS:-10}"
java="${JAVA:-java}"
jar="${JAR:-$root/extension/target/visual-review.jar}"
before="${BEFORE_JAR:-}"

if [[ "${SKIP_BUILD:-}" != 1 && -z "${JAR:-}" ]]; then
  echo "== building extension/target/visual-review.jar"
  (cd "$root" && mvn -B -q -pl extension -am package -DskipTests -Dextension.skipTests=true)
fi
[[ -f "$jar" ]] || { echo "compare-cold: $jar is missing (build it, or drop SKIP_BUILD)" >&2; exit 2; }

if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" 2>/dev/null \
    || [[ ! -d "$work/node_modules/odiff-bin" ]]; then
  echo "== installing the Node peers (bench/package.json, pinned by bench/package-lock.json)"
  mkdir -p "$work"
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  # npm 11's `npm ci` refuses a lock file without the other platforms' optional binaries
  # (odiff, blake-hash), which npm itself does not write; `npm install` then installs the same
  # pinned versions from the lock file.
  (cd "$work" && { npm ci --no-audit --no-fund --loglevel=silent 2>/dev/null \
    || npm install --no-audit --no-fund --loglevel=error; })
fi
odiff="$(cd "$work" && node -e 'process.stdout.write(require("odiff-bin/binary.js").findBinary())' 2>/dev/null \
  || ls "$work"/node_modules/@odiff/*/odiff | head -1)"
[[ -x "$odiff" ]] || { echo "compare-cold: no odiff binary for this platform in bench/work/node_modules/@odiff" >&2; exit 2; }

echo "== workload (bench/make-workload.sh --cold)"
"$here/make-workload.sh" --cold > /dev/null
pairs="$cold/diff/pairs.txt"
mapfile -t shots < <(ls "$cold"/hash/*.png | sort)
[[ ${#shots[@]} -eq 100 && $(wc -l < "$pairs") -eq 30 ]] \
  || { echo "compare-cold: expected 100 screenshots and 30 pairs" >&2; exit 2; }

mkdir -p "$results" "$cold/odiff-out"
rm -f "$results"/*
requests="$cold/odiff-requests.jsonl"
: > "$requests"
i=0
while IFS=$'\t' read -r base current; do
  printf '{"requestId":%d,"base":"%s","compare":"%s","output":"%s","options":{"threshold":0.1,"antialiasing":true}}\n' \
    "$i" "$base" "$current" "$cold/odiff-out/$i.png" >> "$requests"
  i=$((i + 1))
done < "$pairs"

run_java_diff() { "$java" -jar "$jar" diff --batch "$pairs"; }
run_odiff() { "$odiff" --server < "$requests"; }
run_blazediff() { node "$here/cold-blazediff.mjs" "$pairs"; }
run_pixelmatch() { node "$here/cold-pixelmatch.mjs" "$pairs"; }
run_java_hash() { "$java" -jar "$jar" hash "${shots[@]}"; }
run_sharp_hash() { node "$here/cold-hash.mjs" "${shots[@]}"; }
run_before_diff() { "$java" -jar "$before" diff --batch "$pairs"; }
run_before_hash() { "$java" -jar "$before" hash "${shots[@]}"; }
tools=(java_diff odiff blazediff pixelmatch java_hash sharp_hash)
if [[ -n "$before" ]]; then
  [[ -f "$before" ]] || { echo "compare-cold: BEFORE_JAR $before is not a file" >&2; exit 2; }
  tools+=(before_diff before_hash)
fi
# STEADY=1: the same processes over 4x the pairs and 5x the images, so that the report can give the
# steady-state cost of each further 30 pairs / 100 images (the difference divided by 3 / 4): what a
# JVM whose code is compiled costs, which is the floor of what any cold-start work can reach.
if [[ "${STEADY:-}" == 1 ]]; then
  for _ in 1 2 3 4; do cat "$pairs"; done > "$cold/pairs-x4.txt"
  i=0
  while IFS=$'\t' read -r base current; do
    printf '{"requestId":%d,"base":"%s","compare":"%s","output":"%s","options":{"threshold":0.1,"antialiasing":true}}\n' \
      "$i" "$base" "$current" "$cold/odiff-out/x4-$i.png"
    i=$((i + 1))
  done < "$cold/pairs-x4.txt" > "$cold/odiff-requests-x4.jsonl"
  run_java_diff_x4() { "$java" -jar "$jar" diff --batch "$cold/pairs-x4.txt"; }
  run_odiff_x4() { "$odiff" --server < "$cold/odiff-requests-x4.jsonl"; }
  run_java_hash_x5() { "$java" -jar "$jar" hash "${shots[@]}" "${shots[@]}" "${shots[@]}" "${shots[@]}" "${shots[@]}"; }
  run_sharp_hash_x5() { node "$here/cold-hash.mjs" "${shots[@]}" "${shots[@]}" "${shots[@]}" "${shots[@]}" "${shots[@]}"; }
  tools+=(java_diff_x4 odiff_x4 java_hash_x5 sharp_hash_x5)
fi

# measure TOOL ROUND: appends "wall_ms cpu_ms" to results/TOOL.tsv, keeps the output of round 1
measure() {
  local tool="$1" round="$2" t0 t1 cpu
  t0=$(date +%s%N)
  cpu=$( ( "run_$tool" > "$results/$tool.out" 2> "$results/$tool.err" < /dev/null; times ) | tail -1 )
  t1=$(date +%s%N)
  # `times` prints the children's user and sys time as e.g. "0m1.234s 0m0.056s"
  local ms
  ms=$(echo "$cpu" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } printf "%d", t * 1000 + 0.5 }')
  echo "$(( (t1 - t0) / 1000000 )) $ms" >> "$results/$tool.tsv"
  if [[ "$round" == 1 ]]; then cp "$results/$tool.out" "$results/$tool.first"; fi
}

echo "== machine"
echo "   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "   $("$java" -version 2>&1 | head -1), node $(node --version), odiff $("$odiff" --version 2>&1 | head -1)"
echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $rounds rounds, tools in a shuffled order each round"
RANDOM=42
for ((r = 1; r <= rounds; r++)); do
  order=("${tools[@]}")
  for ((k = ${#order[@]} - 1; k > 0; k--)); do
    j=$((RANDOM % (k + 1))); t="${order[k]}"; order[k]="${order[j]}"; order[j]="$t"
  done
  for tool in "${order[@]}"; do
    measure "$tool" "$r"
  done
  printf '   round %d/%d done, load %s\n' "$r" "$rounds" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "   load after: $(cut -d' ' -f1-3 /proc/loadavg)"

node "$here/report-cold.mjs" "$results" "$pairs"
