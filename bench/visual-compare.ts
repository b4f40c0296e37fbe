/**
 * Times one screenshot comparison end to end, on pairs built from a real
 * capture of the Iris page, side by side with plain pixelmatch + pngjs and
 * with odiff's server mode, in the same run.
 *
 *   npx tsx bench/visual-compare.ts [--runs 15]
 *
 * Pairs: 1280x720 (the approved `empty-form` baseline) and 1920x1080 (that
 * capture tiled), each once with four edits (a moved button, a recoloured
 * heading, a removed line of text, an added banner) and once identical (two
 * files with the same bytes). Every approach reads both PNG files from disk
 * and writes its diff image to disk:
 *
 * - nova (sharp) / nova (pngjs): compareImages (decode, pixelmatch, regions,
 *   classification) and writeArtifacts (diff, annotated image, regions JSON,
 *   copies of expected and actual), with each codec;
 * - pixelmatch + pngjs: decode both, pixelmatch with a diff image, encode it;
 * - odiff: ODiffServer.compare from odiff-bin, one server process kept alive.
 *
 * The approaches take turns within each run, so that they share the
 * machine's noise; two unmeasured warm-up runs come first. It also times PNG
 * decoding alone with sharp and with pngjs. It prints Markdown tables.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, type } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { ODiffServer } from 'odiff-bin';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

import {
  artifactPaths,
  compareImages,
  decodePng,
  encodePng,
  writeArtifacts,
  type CodecChoice,
  type RgbaImage,
} from '../framework/visual/index.ts';

const REPOSITORY_ROOT = join(import.meta.dirname, '..');
const SOURCE = join(
  REPOSITORY_ROOT,
  'baselines',
  'visual',
  'iris',
  'prediction-page',
  'empty-form.png',
);

interface Pair {
  name: string;
  expected: string;
  actual: string;
}

type Approach = (pair: Pair, out: string) => Promise<void>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function tile(source: RgbaImage, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = ((y % source.height) * source.width + (x % source.width)) * 4;
      data.set(source.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

function fill(
  image: RgbaImage,
  x: number,
  y: number,
  width: number,
  height: number,
  rgb: number[],
): void {
  for (let row = y; row < y + height; row += 1) {
    for (let column = x; column < x + width; column += 1) {
      image.data.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], (row * image.width + column) * 4);
    }
  }
}

/** The four edits, at the places of the Iris page's elements in a 1280x720 capture. */
function edit(source: RgbaImage): RgbaImage {
  const image: RgbaImage = {
    width: source.width,
    height: source.height,
    data: new Uint8Array(source.data),
  };
  // Moved button: the Predict button's box moves 160 px right, the card's white shows where it was.
  const button = { x: 384, y: 517, width: 113, height: 43 };
  const block = new Uint8Array(button.width * button.height * 4);
  for (let row = 0; row < button.height; row += 1) {
    const from = ((button.y + row) * image.width + button.x) * 4;
    block.set(source.data.subarray(from, from + button.width * 4), row * button.width * 4);
  }
  fill(image, button.x, button.y, button.width, button.height, [255, 255, 255]);
  for (let row = 0; row < button.height; row += 1) {
    image.data.set(
      block.subarray(row * button.width * 4, (row + 1) * button.width * 4),
      ((button.y + row) * image.width + button.x + 160) * 4,
    );
  }
  // Recoloured heading: dark ink becomes red in proportion to its darkness.
  for (let y = 60; y < 92; y += 1) {
    for (let x = 384; x < 680; x += 1) {
      const offset = (y * image.width + x) * 4;
      const ink = 255 - image.data[offset + 1]!;
      image.data[offset] = Math.min(255, image.data[offset]! + Math.round(ink * 0.6));
    }
  }
  // Removed line: the intro's second line is painted over with the card's white.
  fill(image, 384, 134, 500, 20, [255, 255, 255]);
  // Added banner near the bottom of the page.
  fill(image, 20, 630, 600, 50, [47, 111, 79]);
  return image;
}

async function buildPairs(folder: string): Promise<Pair[]> {
  const source = await decodePng(await readFile(SOURCE), 'pngjs');
  const pairs: Pair[] = [];
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    const base = tile(source, width, height);
    const expected = join(folder, `${width}x${height}-expected.png`);
    const expectedBytes = await encodePng(base, 'sharp');
    await writeFile(expected, expectedBytes);
    const actual = join(folder, `${width}x${height}-actual.png`);
    await writeFile(actual, await encodePng(edit(base), 'sharp'));
    const same = join(folder, `${width}x${height}-same.png`);
    await writeFile(same, expectedBytes);
    pairs.push({ name: `${width}x${height}, 4 edits`, expected, actual });
    pairs.push({ name: `${width}x${height}, identical`, expected, actual: same });
  }
  return pairs;
}

function nova(codec: CodecChoice): Approach {
  return async (pair, out) => {
    const [expected, actual] = await Promise.all([readFile(pair.expected), readFile(pair.actual)]);
    const comparison = await compareImages(expected, actual, { codec });
    if (comparison.identical) return;
    const paths = artifactPaths((file) => join(out, file), `nova-${codec}`);
    await writeArtifacts(paths, expected, actual, comparison, comparison.regions, codec);
  };
}

const plainPixelmatch: Approach = async (pair, out) => {
  const [expectedBytes, actualBytes] = await Promise.all([
    readFile(pair.expected),
    readFile(pair.actual),
  ]);
  const expected = PNG.sync.read(expectedBytes);
  const actual = PNG.sync.read(actualBytes);
  const diff = new PNG({ width: expected.width, height: expected.height });
  pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, {
    threshold: 0.1,
  });
  await writeFile(join(out, 'pixelmatch-diff.png'), PNG.sync.write(diff));
};

function odiff(server: ODiffServer): Approach {
  return async (pair, out) => {
    await server.compare(pair.expected, pair.actual, join(out, 'odiff-diff.png'), {
      threshold: 0.1,
    });
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs is ${values.runs}; expected a positive integer such as 15.`);
  }

  const folder = await mkdtemp(join(tmpdir(), 'nova-visual-bench-'));
  const server = new ODiffServer();
  try {
    const pairs = await buildPairs(folder);
    const approaches: Array<[string, Approach]> = [
      ['nova (sharp)', nova('sharp')],
      ['nova (pngjs)', nova('pngjs')],
      ['pixelmatch + pngjs', plainPixelmatch],
      ['odiff server', odiff(server)],
    ];
    const loadBefore = loadavg()[0]!;

    console.log(
      `| Pair | ${approaches.map(([name]) => name).join(' | ')} | nova (sharp) / odiff |`,
    );
    console.log(`| --- | ${approaches.map(() => '---').join(' | ')} | --- |`);
    for (const pair of pairs) {
      const times = new Map<string, number[]>(approaches.map(([name]) => [name, []]));
      for (let run = -2; run < runs; run += 1) {
        for (const [name, approach] of approaches) {
          const start = performance.now();
          await approach(pair, folder);
          const elapsed = performance.now() - start;
          if (run >= 0) times.get(name)!.push(elapsed);
        }
      }
      const medians = approaches.map(([name]) => median(times.get(name)!));
      const ratio = medians[0]! / medians[3]!;
      console.log(
        `| ${pair.name} | ${medians.map((ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`).join(' | ')} | ${ratio.toFixed(2)} |`,
      );
    }

    // The identical pair once more, from buffers already in memory: the comparison without file reads.
    const same = await Promise.all([readFile(pairs[3]!.expected), readFile(pairs[3]!.actual)]);
    const inMemory: number[] = [];
    for (let run = -2; run < runs; run += 1) {
      const start = performance.now();
      const result = await compareImages(same[0], same[1]);
      if (!result.identical)
        throw new Error('The identical 1920x1080 pair did not compare as identical.');
      if (run >= 0) inMemory.push(performance.now() - start);
    }
    console.log(
      `\nIdentical 1920x1080 pair, compareImages on buffers in memory: median ${median(inMemory).toFixed(3)} ms`,
    );

    // Decoding alone: the cost the codec choice is about.
    const big = await readFile(pairs[2]!.actual);
    console.log('\n| Decode one 1920x1080 PNG | median |');
    console.log('| --- | --- |');
    for (const codec of ['sharp', 'pngjs'] as const) {
      const samples: number[] = [];
      for (let run = -2; run < runs; run += 1) {
        const start = performance.now();
        await decodePng(big, codec);
        if (run >= 0) samples.push(performance.now() - start);
      }
      console.log(`| ${codec} | ${median(samples).toFixed(1)} ms |`);
    }

    console.log(
      `\n${runs} runs each; ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, ${type()} ${release()}, Node ${process.version}, ` +
        `load average ${loadBefore.toFixed(2)} before and ${loadavg()[0]!.toFixed(2)} after.`,
    );
  } finally {
    server.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
