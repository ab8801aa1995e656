// Whole-process peer of `visual-review.jar hash FILE...`: the PostHog CLI's hashing (cli/src/
// hasher.ts and `vr run upload`): read each file, sharp decodes it to RGBA, @napi-rs/blake-hash
// hashes the pixels, 16 files at a time as the CLI does. Prints "<hash>  <file>" per file.
// Usage: node cold-hash.mjs FILE...
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.BENCH_NODE_MODULES ?? new URL('./work/node_modules/', import.meta.url).pathname;
const sharp = require(`${modules}/sharp`);
const { Blake3Hasher } = require(`${modules}/@napi-rs/blake-hash`);

const CONCURRENCY = 16;
const files = process.argv.slice(2);
const out = [];
for (let i = 0; i < files.length; i += CONCURRENCY) {
  const batch = files.slice(i, i + CONCURRENCY);
  const hashes = await Promise.all(
    batch.map(async (file) => {
      const png = await readFile(file);
      const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return new Blake3Hasher().update(data).digest('hex');
    }),
  );
  hashes.forEach((h, k) => out.push(`${h}  ${batch[k]}`));
}
process.stdout.write(out.join('\n') + '\n');
