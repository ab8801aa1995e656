// The reference peer for bench/compare-diff.sh: pixelmatch 7.2.0 with threshold 0.1 and
// anti-aliasing detection on (includeAA: false, its default), no diff image, on raw RGBA decoded
// with sharp (the PostHog CLI's decoder) before timing.
// Usage: node diff-ref.mjs [--warmup-ms MS] [--pair-warmup-ms MS] [--reps N] BASE CURRENT [BASE CURRENT ...]
// Prints one JSON object: per-pair differing-pixel count and median/min milliseconds measured
// inside this process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.BENCH_NODE_MODULES ?? new URL('./work/node_modules/', import.meta.url).pathname;
const sharp = require(`${modules}/sharp`);
const pixelmatch = (await import(`${modules}/pixelmatch/index.js`)).default;
const version = JSON.parse(readFileSync(`${modules}/pixelmatch/package.json`, 'utf8')).version;

const args = process.argv.slice(2);
let warmupMs = 3000;
let pairWarmupMs = 0;
let reps = 15;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--warmup-ms') warmupMs = Number(args[++i]);
  else if (args[i] === '--pair-warmup-ms') pairWarmupMs = Number(args[++i]);
  else if (args[i] === '--reps') reps = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0 || files.length % 2) {
  console.error('usage: node diff-ref.mjs [--warmup-ms MS] [--reps N] BASE CURRENT...');
  process.exit(2);
}

async function rgba(file) {
  const { data, info } = await sharp(readFileSync(file))
    .toColorspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const pairs = [];
for (let i = 0; i < files.length; i += 2) {
  const a = await rgba(files[i]);
  const b = await rgba(files[i + 1]);
  pairs.push({ base: files[i], current: files[i + 1], a, b });
}
const run = (p) =>
  p.a.width === p.b.width && p.a.height === p.b.height
    ? pixelmatch(p.a.data, p.b.data, null, p.a.width, p.a.height, { threshold: 0.1 })
    : -1;

const warmupEnd = Date.now() + warmupMs;
let warmup = 0;
while (Date.now() < warmupEnd || warmup < 10) {
  for (const p of pairs) run(p);
  warmup++;
}
const results = [];
for (const p of pairs) {
  const times = [];
  let count = 0;
  // The pair itself right before its timing, so that any re-optimisation it triggers is done.
  const pairWarmupEnd = Date.now() + pairWarmupMs;
  for (let w = 0; Date.now() < pairWarmupEnd || (pairWarmupMs > 0 && w < 5); w++) run(p);
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    count = run(p);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  results.push({
    base: p.base,
    current: p.current,
    width: p.a.width,
    height: p.a.height,
    count,
    median_ms: median(times),
    min_ms: Math.min(...times),
  });
}
console.log(JSON.stringify({ tool: `pixelmatch ${version}`, reps, warmup_rounds: warmup, results }));
