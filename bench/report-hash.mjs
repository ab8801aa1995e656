// Summarises bench/compare.sh's hash timings: per-image medians, ratios, hash agreement.
// Usage: node report-hash.mjs RESULTS_DIR ROUNDS   (exit 1 when any hash differs)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [dir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = (name) =>
  Array.from({ length: rounds }, (_, i) => JSON.parse(readFileSync(`${dir}/${name}-${i + 1}.json`, 'utf8')));
const java = load('java');
const node = load('node');

let mismatches = 0;
const bySize = new Map();
const rows = [];
for (let i = 0; i < java[0].results.length; i++) {
  const file = java[0].results[i].file;
  const j = median(java.map((run) => run.results[i].median_ms));
  const n = median(node.map((run) => run.results[i].median_ms));
  const hit = median(java.map((run) => run.results[i].cache_hit_median_ms));
  const hashes = new Set([...java, ...node].map((run) => run.results[i].hash));
  const same = hashes.size === 1;
  if (!same) mismatches++;
  const size = `${java[0].results[i].width}x${java[0].results[i].height}`;
  if (!bySize.has(size)) bySize.set(size, []);
  bySize.get(size).push({ j, n, hit });
  rows.push({ name: basename(file), j, n, hit, same });
}

const pad = (s, w) => String(s).padEnd(w);
const num = (x) => x.toFixed(2).padStart(8);
console.log('\n== content hash (decode + BLAKE3), warm, per-image median ms');
console.log(`${pad('image', 34)}${'java'.padStart(8)}${'sharp+b3'.padStart(10)}${'ratio'.padStart(8)}${'hit'.padStart(8)}  hash`);
for (const r of rows) {
  console.log(`${pad(r.name, 34)}${num(r.j)}${num(r.n).padStart(10)}${num(r.j / r.n)}${num(r.hit)}  ${r.same ? 'same' : 'DIFFERENT'}`);
}
console.log('\n== summary per size (medians over images; ratio = java / sharp+blake-hash, <= 1.0 means not slower)');
for (const [size, xs] of bySize) {
  const j = median(xs.map((x) => x.j));
  const n = median(xs.map((x) => x.n));
  const hit = median(xs.map((x) => x.hit));
  const geo = Math.exp(xs.reduce((a, x) => a + Math.log(x.j / x.n), 0) / xs.length);
  console.log(`${pad(size, 10)} java ${j.toFixed(2)} ms  sharp+blake-hash ${n.toFixed(2)} ms  ratio ${(j / n).toFixed(2)} (geomean ${geo.toFixed(2)})  cache hit ${hit.toFixed(3)} ms`);
}
const cold = readFileSync(`${dir}/cold.txt`, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
const cj = median(cold.map((c) => c[0])) / 1000;
const cn = median(cold.map((c) => c[1])) / 1000;
console.log(`\n== cold whole process, one 1280x720 screenshot: java -jar ${cj.toFixed(0)} ms, node ${cn.toFixed(0)} ms (ratio ${(cj / cn).toFixed(2)})`);
console.log(mismatches === 0 ? '\nhashes: identical on all images' : `\nhashes: ${mismatches} image(s) DIFFER`);
process.exit(mismatches === 0 ? 0 : 1);
