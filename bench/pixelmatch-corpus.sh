#!/usr/bin/env bash
# Differential test against pixelmatch 7.2.0 itself. Generates the corpus of image pairs
# (extension/src/test/java/.../PixelmatchCorpus.java: text edits, moved glyphs, colour nudges around
# the threshold, translucent pixels, edges of the image, tiny images), counts every pair with
# pixelmatch 7.2.0 under Node (bench/pixelmatch, pinned by its package-lock.json) and compares with
# this project's counts (PixelDiff.pixelmatchCount, PixelDiff.compare when no rows shifted, and the
# test-side ReferencePixelmatch). Exits 1 and lists the pairs when any count differs.
#
#   bench/pixelmatch-corpus.sh            # 20000 pairs, counts kept in bench/work/pixelmatch
#   bench/pixelmatch-corpus.sh 50000      # any number of pairs
#   bench/pixelmatch-corpus.sh --record   # the first 3000 pairs, written to the counts file that
#                                         # PixelmatchDifferentialTest replays in `mvn verify`
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/pixelmatch"
size=20000
out="$work/counts.tsv"
if [[ "${1:-}" == "--record" ]]; then
  size=3000
  out="$root/extension/src/test/resources/dev/visualreview/image/diff/pixelmatch-7.2.0-counts.tsv"
elif [[ -n "${1:-}" ]]; then
  size="$1"
fi
mkdir -p "$work"

echo "== compiling the corpus generator (mvn test-compile)"
(cd "$root" && mvn -B -q -pl extension -am test-compile -Dspotless.check.skip=true)
cp="$root/extension/target/classes:$root/extension/target/test-classes"

echo "== pixelmatch 7.2.0 (npm ci in bench/pixelmatch)"
(cd "$here/pixelmatch" && npm ci --no-audit --no-fund --loglevel=error)
node -e 'const p = require(process.argv[1]); if (p.version !== "7.2.0") { console.error("pixelmatch " + p.version + " installed, 7.2.0 expected"); process.exit(2); }' \
  "$here/pixelmatch/node_modules/pixelmatch/package.json"

echo "== $size pairs"
java -cp "$cp" dev.visualreview.image.diff.PixelmatchCorpus dump "$size" - \
  | node "$here/pixelmatch/count.mjs" > "$work/pixelmatch-counts.txt"
java -cp "$cp" dev.visualreview.image.diff.PixelmatchCorpus record "$size" "$work/pixelmatch-counts.txt" "$out"
echo "counts: $out"
