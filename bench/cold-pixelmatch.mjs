// Whole-process peer of `visual-review.jar diff --batch`: pngjs decodes each pair, pixelmatch 7.2.0
// counts it (threshold 0.1, anti-aliasing detection on, no diff image). Prints "count" per pair.
// Usage: node cold-pixelmatch.mjs PAIRS.txt   (lines 'BASE<TAB>CURRENT')
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.BENCH_NODE_MODULES ?? new URL('./work/node_modules/', import.meta.url).pathname;
const { PNG } = require(`${modules}/pngjs`);
const pixelmatch = require(`${modules}/pixelmatch`).default ?? require(`${modules}/pixelmatch`);

const out = [];
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const [base, current] = line.split('\t');
  const a = PNG.sync.read(readFileSync(base));
  const b = PNG.sync.read(readFileSync(current));
  out.push(String(pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 })));
}
process.stdout.write(out.join('\n') + '\n');
