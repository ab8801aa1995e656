// Prints the table of bench/compare-cold.sh: medians of wall and CPU time per tool, the ratios of
// this project to each peer, and the checks (hashes equal to sharp's, counts equal to pixelmatch's).
// Usage: node report-cold.mjs RESULTS_DIR PAIRS.txt
import { readFileSync } from 'node:fs';

const [dir, pairsFile] = process.argv.slice(2);
const read = (name) => readFileSync(`${dir}/${name}`, 'utf8');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (tool) => {
  const rows = read(`${tool}.tsv`).trim().split('\n').map((l) => l.split(' ').map(Number));
  const wall = rows.map((r) => r[0]);
  const cpu = rows.map((r) => r[1]);
  return { n: rows.length, wall: median(wall), cpu: median(cpu), wallMin: Math.min(...wall), cpuMin: Math.min(...cpu) };
};

const label = {
  java_diff: 'visual-review.jar diff --batch (this project)',
  odiff: 'odiff 4.5.0 --server (native, one process)',
  blazediff: '@blazediff/core 1.10.0 + sharp decode (Node)',
  pixelmatch: 'pixelmatch 7.2.0 + pngjs (Node)',
  java_hash: 'visual-review.jar hash (this project)',
  sharp_hash: 'sharp 0.34.5 + @napi-rs/blake-hash 1.3.6 (Node, 16 at a time)',
  before_diff: 'BEFORE_JAR diff --batch (the earlier build)',
  before_hash: 'BEFORE_JAR hash (the earlier build)',
  java_diff_x4: 'visual-review.jar diff --batch, the pairs 4 times',
  odiff_x4: 'odiff --server, the pairs 4 times',
  java_hash_x5: 'visual-review.jar hash, the images 5 times',
  sharp_hash_x5: 'sharp + BLAKE3, the images 5 times',
};
import { existsSync } from 'node:fs';
const has = (tool) => existsSync(`${dir}/${tool}.tsv`);
const table = (title, ours, peers, target) => {
  const o = stats(ours);
  console.log(`\n${title}`);
  console.log('| tool | wall ms (median) | CPU ms (median, user+sys) | this project / tool: wall | CPU |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| ${label[ours]} | ${o.wall} | ${o.cpu} | | |`);
  for (const p of peers) {
    const s = stats(p);
    console.log(`| ${label[p]} | ${s.wall} | ${s.cpu} | ${(o.wall / s.wall).toFixed(2)} | **${(o.cpu / s.cpu).toFixed(2)}** |`);
  }
  console.log(`(${o.n} runs each; ${target})`);
};

table('diff: 30 pairs of 1920x1080 (10 identical, 10 slightly, 10 heavily changed)', 'java_diff',
  ['odiff', 'blazediff', 'pixelmatch', ...(has('before_diff') ? ['before_diff'] : [])],
  'target: CPU time <= 1.0x odiff\'s');
table('hash: 100 screenshots of 1280x720', 'java_hash',
  ['sharp_hash', ...(has('before_hash') ? ['before_hash'] : [])], 'target: <= 0.6x sharp + BLAKE3');

// STEADY=1: the cost of each further 30 pairs / 100 images once the code is compiled.
if (has('java_diff_x4') && has('odiff_x4') && has('java_hash_x5') && has('sharp_hash_x5')) {
  const further = (big, small, times) => {
    const b = stats(big);
    const s = stats(small);
    return { wall: (b.wall - s.wall) / (times - 1), cpu: (b.cpu - s.cpu) / (times - 1) };
  };
  const rows = [
    ['diff, each further 30 pairs', further('java_diff_x4', 'java_diff', 4), further('odiff_x4', 'odiff', 4), 'odiff'],
    ['hash, each further 100 images', further('java_hash_x5', 'java_hash', 5), further('sharp_hash_x5', 'sharp_hash', 5), 'sharp + BLAKE3'],
  ];
  console.log('\nsteady state (a longer run of the same processes, minus the run above, per repeat of the set)');
  console.log('| work | this project wall / CPU ms | peer | peer wall / CPU ms | this project / peer: wall | CPU |');
  console.log('|---|---:|---|---:|---:|---:|');
  for (const [what, o, p, peer] of rows) {
    console.log(`| ${what} | ${o.wall.toFixed(0)} / ${o.cpu.toFixed(0)} | ${peer} | ${p.wall.toFixed(0)} / ${p.cpu.toFixed(0)} | ${(o.wall / p.wall).toFixed(2)} | ${(o.cpu / p.cpu).toFixed(2)} |`);
  }
}

let failed = false;
// hashes
const ours = new Map(read('java_hash.first').trim().split('\n').map((l) => l.split('  ').reverse()));
const theirs = new Map(read('sharp_hash.first').trim().split('\n').map((l) => l.split('  ').reverse()));
const differing = [...theirs].filter(([f, h]) => ours.get(f) !== h).map(([f]) => f);
console.log(`\nhashes: ${theirs.size - differing.length} of ${theirs.size} equal to sharp + BLAKE3's`);
if (differing.length || ours.size !== theirs.size) { failed = true; console.log(`  DIFFERENT: ${differing.join(', ')}`); }

// counts
const pairs = readFileSync(pairsFile, 'utf8').trim().split('\n');
const java = read('java_diff.first').trim().split('\n').map((l) => JSON.parse(l));
const pm = read('pixelmatch.first').trim().split('\n').map(Number);
const blaze = read('blazediff.first').trim().split('\n').map(Number);
const odiff = read('odiff.first').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => 'requestId' in r)
  .sort((a, b) => a.requestId - b.requestId).map((r) => (r.match ? 0 : r.diffCount ?? `error: ${r.error}`));
let equal = 0; let compared = 0; const mismatches = [];
java.forEach((j, i) => {
  if (j.error) { mismatches.push(`pair ${i + 1}: ${j.error}`); return; }
  if (j.row_shift !== 0) return;
  compared++;
  if (j.diff_pixel_count === pm[i]) equal++; else mismatches.push(`pair ${i + 1} ${pairs[i]}: ours ${j.diff_pixel_count}, pixelmatch ${pm[i]}`);
});
console.log(`counts: this project's diff_pixel_count equals pixelmatch's on ${equal} of ${compared} pairs without shifted rows (${java.length - compared} pairs with shifted rows report the aligned count)`);
if (mismatches.length) { failed = true; mismatches.forEach((m) => console.log(`  ${m}`)); }
const blazeEqual = blaze.filter((c, i) => c === pm[i]).length;
console.log(`        @blazediff/core equals pixelmatch on ${blazeEqual} of ${pm.length} pairs; odiff (its own anti-aliasing rule) per pair: ${odiff.join(' ')}`);
console.log(`        pixelmatch per pair: ${pm.join(' ')}`);
process.exit(failed ? 1 : 0);
