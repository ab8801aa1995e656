// Reads bench/work/results/diff-{java,node}-<round>.json and diff-memory.json written by
// bench/compare-diff.sh and prints, per pair: the medians of each side (the median over rounds of
// the per-process medians), the ratio java/pixelmatch, and whether the counts agree.
// Usage: node report-diff.mjs RESULTS_DIR ROUNDS
import { readFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';

const [dir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const load = (f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const java = [];
const node = [];
for (let r = 1; r <= rounds; r++) {
  java.push(load(`diff-java-${r}.json`));
  node.push(load(`diff-node-${r}.json`));
}
const label = (p) => `${basename(p.base, '.png')} vs ${basename(p.current, '.png').replace(/^.*-/, '')}`;
const rows = [];
let disagreements = 0;
for (let i = 0; i < java[0].results.length; i++) {
  const j = java[0].results[i];
  const n = node[0].results[i];
  const jm = median(java.map((x) => x.results[i].median_ms));
  const nm = median(node.map((x) => x.results[i].median_ms));
  const agree = j.pixelmatch_count === n.count;
  if (!agree) disagreements++;
  rows.push({
    pair: label(j),
    size: `${j.width}x${j.height}`,
    java_ms: jm.toFixed(2),
    pixelmatch_ms: nm.toFixed(2),
    ratio: (jm / nm).toFixed(3),
    pixelmatch_count: n.count,
    our_pixelmatch_count: j.pixelmatch_count,
    counts_agree: agree ? 'yes' : 'NO',
    aligned_count: j.diff_pixel_count,
    verdict: j.result === 'changed' ? `changed/${j.change_kind}` : `unchanged/${j.reason}`,
    ssim: j.ssim,
  });
}
console.log(`${java[0].tool} vs ${node[0].tool}; ${rounds} alternating rounds of ${java[0].reps} timed repetitions per pair and process`);
console.table(rows);
console.log('ratio = java median / pixelmatch median (lower is faster; target <= 0.5).');
console.log('our_pixelmatch_count is PixelDiff.pixelmatchCount (whole image, top-aligned), which must equal pixelmatch;');
console.log('aligned_count is what the diff reports after row alignment (residual in changed rows, counted per');
console.log('changed band as the server does, plus inserted/deleted rows x width), so it can differ at band edges.');
if (existsSync(`${dir}/diff-memory.json`)) {
  const mem = load('diff-memory.json');
  for (const r of mem.results) {
    console.log(`memory: ${r.width}x${r.height} pair under -Xmx${mem.max_heap_mb}m: peak heap ${r.peak_heap_mb_decoding} MB while decoding both, ${r.peak_heap_mb_diffing} MB while diffing with a diff image (result ${r.result})`);
  }
}
process.exit(disagreements === 0 ? 0 : 1);
