#!/usr/bin/env bash
# Capture cost: the stable capture against a plain page.screenshot() (Playwright) and a plain
# getScreenshotAs (Selenium) on the same settled page, with the system Chromium. Variants run
# interleaved, in a fresh random order every round.
# Usage: bench/compare-capture.sh [warmup-rounds] [measured-rounds] [earlier-git-ref]
# With an earlier git ref (e.g. main~3), that revision's capture code is compiled to a temporary
# directory and timed in the same rounds ("..., earlier"), for a before/after A/B.
set -euo pipefail
cd "$(dirname "$0")/.."
warmup=${1:-20}
rounds=${2:-100}
earlier_ref=${3:-}
mvn -B -q -pl extension test-compile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl extension org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
deps=$(cat "$work/cp")
cp="extension/target/test-classes:extension/target/classes:$deps"
earlier=()
if [ -n "$earlier_ref" ]; then
  mkdir -p "$work/src" "$work/classes"
  git archive "$earlier_ref" extension/src/main/java | tar -x -C "$work/src"
  # On the class path: module-info.java would need the dependencies as modules.
  javac -nowarn -d "$work/classes" -cp "$deps" $(find "$work/src" -name '*.java' ! -name module-info.java) 2>/dev/null
  earlier=("$work/classes")
  echo "earlier build: $earlier_ref ($(git rev-parse --short "$earlier_ref"))"
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
java -cp "$cp" dev.visualreview.capture.playwright.PlaywrightCaptureCost "$warmup" "$rounds" "${earlier[@]}"
java -DSE_AVOID_STATS=true -cp "$cp" dev.visualreview.capture.selenium.SeleniumCaptureCost "$warmup" "$rounds" "${earlier[@]}" 2>/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
