/**
 * Writes the seeded data set to JSON files: npm run data:dashboard -- [--out DIR] [--seed N].
 * The server builds the same data in memory at start, so this is for inspecting the data in
 * other tools; the same seed always writes byte-identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_SEED, generateDataset } from './dataset.ts';

const { values } = parseArgs({
  options: { out: { type: 'string' }, seed: { type: 'string' } },
});

const seedText = values.seed ?? String(DEFAULT_SEED);
if (!/^\d+$/.test(seedText) || Number(seedText) > 0xffff_ffff) {
  console.error(`Invalid --seed "${seedText}": pass a whole number from 0 to 4294967295.`);
  process.exit(2);
}

const outDir = resolve(values.out ?? 'systems-under-test/dashboard/data');
const dataset = generateDataset(Number(seedText));
await mkdir(outDir, { recursive: true });
for (const name of ['customers', 'daily', 'ratings'] as const) {
  await writeFile(join(outDir, `${name}.json`), JSON.stringify(dataset[name], null, 1) + '\n');
}
console.log(
  `Wrote ${dataset.customers.length} customers, ${dataset.daily.length} daily rows and ` +
    `${dataset.ratings.length} ratings (seed ${dataset.seed}) to ${outDir}`,
);
