// Counts every pair of a PixelmatchCorpus dump (read from standard input) with pixelmatch 7.2.0
// and prints "id count" lines. Dump format (little-endian): int32 id, int32 width, int32 height,
// float64 threshold, uint8 anti-aliasing detection, then both images as RGBA (width * height * 4
// bytes each).
import pixelmatch from 'pixelmatch';

const HEADER = 21;
let pending = Buffer.alloc(0);
const lines = [];

function drain() {
  let at = 0;
  for (;;) {
    if (pending.length - at < HEADER) break;
    const id = pending.readInt32LE(at);
    const width = pending.readInt32LE(at + 4);
    const height = pending.readInt32LE(at + 8);
    const threshold = pending.readDoubleLE(at + 12);
    const detectAa = pending.readUInt8(at + 20) === 1;
    const size = width * height * 4;
    if (pending.length - at < HEADER + 2 * size) break;
    // copies, so that pixelmatch's Uint32Array views start at an aligned offset
    const a = new Uint8Array(pending.subarray(at + HEADER, at + HEADER + size));
    const b = new Uint8Array(pending.subarray(at + HEADER + size, at + HEADER + 2 * size));
    lines.push(`${id} ${pixelmatch(a, b, null, width, height, { threshold, includeAA: !detectAa })}`);
    at += HEADER + 2 * size;
  }
  pending = pending.subarray(at);
}

process.stdin.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  drain();
});
process.stdin.on('end', () => {
  if (pending.length) {
    console.error(`count.mjs: ${pending.length} bytes left over: the dump is truncated`);
    process.exit(2);
  }
  process.stdout.write(lines.join('\n') + '\n');
});
