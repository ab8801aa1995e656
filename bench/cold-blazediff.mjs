// Whole-process peer of `visual-review.jar diff --batch`: sharp decodes each pair to RGBA (both
// images of a pair at once), @blazediff/core 1.10.0 counts it (threshold 0.1, anti-aliased pixels
// not counted, no diff image). Prints "count" per pair.
// Usage: node cold-blazediff.mjs PAIRS.txt   (lines 'BASE<TAB>CURRENT')
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.BENCH_NODE_MODULES ?? new URL('./work/node_modules/', import.meta.url).pathname;
const sharp = require(`${modules}/sharp`);
const { diff } = require(`${modules}/@blazediff/core`);

const decode = (file) => sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
const out = [];
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const [base, current] = line.split('\t');
  const [a, b] = await Promise.all([decode(base), decode(current)]);
  out.push(String(diff(a.data, b.data, undefined, a.info.width, a.info.height, { threshold: 0.1 })));
}
process.stdout.write(out.join('\n') + '\n');
