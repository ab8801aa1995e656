// The PostHog CLI's hashing stack (cli/src/hasher.ts): sharp decodes to raw RGBA
// (toColorspace('srgb').ensureAlpha().raw()) and @napi-rs/blake-hash hashes the pixels.
// Usage: node hash-ref.mjs [--warmup-ms MS] [--reps N] [--pause-ms MS] FILE...
// Prints one JSON object: per-file content hash and median/min milliseconds measured inside this
// process (files are read into memory first; the timing covers decode + hash only).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.BENCH_NODE_MODULES ?? new URL('./work/node_modules/', import.meta.url).pathname;
const sharp = require(`${modules}/sharp`);
const { Blake3Hasher } = require(`${modules}/@napi-rs/blake-hash`);

sharp.cache(false); // every repetition decodes for real, as a fresh CLI run would

const args = process.argv.slice(2);
let warmupMs = 3000;
let reps = 15;
let pauseMs = 0;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--warmup-ms') warmupMs = Number(args[++i]);
  else if (args[i] === '--reps') reps = Number(args[++i]);
  else if (args[i] === '--pause-ms') pauseMs = Number(args[++i]);
  else files.push(args[i]);
}

async function contentHash(png) {
  const { data, info } = await sharp(png)
    .toColorspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`expected 4 channels, got ${info.channels}`);
  const hash = new Blake3Hasher().update(data).digest('hex');
  return { hash, width: info.width, height: info.height };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const buffers = files.map((f) => readFileSync(f));
const warmupEnd = Date.now() + warmupMs;
let warmup = 0;
while (Date.now() < warmupEnd) {
  for (const b of buffers) await contentHash(b);
  warmup++;
}
const results = [];
for (let i = 0; i < files.length; i++) {
  const times = [];
  let last;
  for (let r = 0; r < reps; r++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const t0 = process.hrtime.bigint();
    last = await contentHash(buffers[i]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  results.push({
    file: files[i],
    hash: last.hash,
    width: last.width,
    height: last.height,
    median_ms: median(times),
    min_ms: Math.min(...times),
  });
}
console.log(JSON.stringify({ tool: 'sharp+@napi-rs/blake-hash', reps, warmup_rounds: warmup, results }));
