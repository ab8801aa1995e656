#!/usr/bin/env bash
# Capture cost: the stable capture against a plain page.screenshot() (Playwright) and a plain
# getScreenshotAs (Selenium) on the same settled page, with the system Chromium.
# Usage: bench/compare-capture.sh [warmup-rounds] [measured-rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
warmup=${1:-20}
rounds=${2:-100}
mvn -B -q -pl extension test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl extension org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="extension/target/test-classes:extension/target/classes:$(cat "$cp_file")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
java -cp "$cp" dev.visualreview.capture.playwright.PlaywrightCaptureCost "$warmup" "$rounds"
java -DSE_AVOID_STATS=true -cp "$cp" dev.visualreview.capture.selenium.SeleniumCaptureCost "$warmup" "$rounds" 2>/dev/null
