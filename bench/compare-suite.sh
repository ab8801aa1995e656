#!/usr/bin/env bash
# A suite's cost of visual review: the sample project's browser tests (ShopPlaywrightTest,
# SignInPlaywrightTest, ShopSeleniumTest, SignInSeleniumTest; 13 snapshots) run as whole Maven
# Surefire processes, once taking each snapshot with snapshots.capture (local mode against the
# committed baselines: capture, hash, compare, report) and once with the engine's plain screenshot
# instead (page.screenshot(), locator.screenshot(), getScreenshotAs; the library switched off),
# alternating, ROUNDS times each, per engine. Reports medians of the process's wall time, its CPU
# time (user+sys of the process tree) and the tests' own time (Surefire's per-class times), and the
# cost of visual review = (capture - plain) / capture.
# Usage: bench/compare-suite.sh [rounds]   (default 5; needs mvn, Chromium and chromedriver)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
echo "building the library and the sample's tests (not timed)..."
mvn -B -q -pl sample-project -am test-compile -Dspotless.check.skip=true >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"
python3 - "$rounds" "$work" <<'PY'
import os, re, resource, statistics, subprocess, sys, time, glob
rounds, work = int(sys.argv[1]), sys.argv[2]
engines = {"Playwright": "dev.visualreview.sample.ShopPlaywrightTest,dev.visualreview.sample.SignInPlaywrightTest",
           "Selenium": "dev.visualreview.sample.ShopSeleniumTest,dev.visualreview.sample.SignInSeleniumTest"}
modes = {
  "plain screenshot": ["-Dvisualreview.enabled=false", "-Djunit.jupiter.extensions.autodetection.enabled=true",
                       "-Dsample.bench.plainScreenshots=true"],
  "snapshots.capture": ["-Dvisualreview.update=none"],
}
def run(classes, flags):
    reports = "sample-project/target/surefire-reports"
    subprocess.run(["rm", "-rf", reports])
    # Through Maven Surefire, as a user's build runs them (the library's own tests skipped; the
    # compile steps find nothing to do and cost the same in both modes).
    cmd = ["mvn", "-B", "-q", "-pl", "sample-project", "-am", "test", "-Dextension.skipTests=true",
           "-Dspotless.check.skip=true", f"-Dtest={classes}", "-Dsurefire.failIfNoSpecifiedTests=false"
           ] + flags
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(done.stdout[-3000:]); sys.exit(f"the run failed: {' '.join(cmd)}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tests = 0.0
    for xml in glob.glob(f"{reports}/TEST-*.xml"):
        m = re.search(r'<testsuite[^>]* time="([0-9.,]+)"', open(xml).read())
        tests += float(m.group(1).replace(",", "")) if m else 0.0
    return wall, cpu, tests
results = {}
for r in range(rounds):
    for engine, classes in engines.items():
        order = list(modes.items()) if r % 2 == 0 else list(reversed(modes.items()))
        for mode, flags in order:
            results.setdefault((engine, mode), []).append(run(classes, flags))
    print(f"round {r + 1}/{rounds} done, load {open('/proc/loadavg').read().split()[0]}", flush=True)
med = lambda xs: statistics.median(xs)
print()
print(f"| engine | screenshots taken with | wall s | CPU s | tests' own time s |")
print("|---|---|---:|---:|---:|")
for (engine, mode), runs in results.items():
    print(f"| {engine} | {mode} | {med([x[0] for x in runs]):.2f} | {med([x[1] for x in runs]):.2f} | {med([x[2] for x in runs]):.2f} |")
print()
print("| engine | cost of visual review: wall | CPU | tests' own time | per snapshot (tests' time) |")
print("|---|---:|---:|---:|---:|")
snapshots = {"Playwright": 8, "Selenium": 5}
for engine in engines:
    p, c = results[(engine, "plain screenshot")], results[(engine, "snapshots.capture")]
    cells = []
    for i in range(3):
        plain, cap = med([x[i] for x in p]), med([x[i] for x in c])
        cells.append(f"{(cap - plain) / cap * 100:+.1f} %")
    per = (med([x[2] for x in c]) - med([x[2] for x in p])) / snapshots[engine] * 1000
    print(f"| {engine} | {cells[0]} | {cells[1]} | {cells[2]} | {per:+.0f} ms |")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
