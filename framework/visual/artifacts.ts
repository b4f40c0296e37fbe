/**
 * Writes the images of a comparison that failed, for people to look at:
 * expected (the baseline's own bytes), actual (the capture's bytes), the
 * pixelmatch diff, the annotated image and the regions as JSON. The two
 * encodings run side by side.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { annotate } from './annotate.ts';
import type { ImageComparison } from './compare.ts';
import { decodePng, encodePng, type CodecChoice } from './png-codec.ts';
import type { Region } from './types.ts';

export interface ArtifactPaths {
  expected: string;
  actual: string;
  diff: string;
  annotated: string;
  regions: string;
}

/** File paths of the artifacts of baseline `name` under a test's output folder. */
export function artifactPaths(outputPath: (name: string) => string, name: string): ArtifactPaths {
  return {
    expected: outputPath(`${name}-expected.png`),
    actual: outputPath(`${name}-actual.png`),
    diff: outputPath(`${name}-diff.png`),
    annotated: outputPath(`${name}-annotated.png`),
    regions: outputPath(`${name}-regions.json`),
  };
}

/**
 * Writes every artifact. `regions` are the comparison's regions with their
 * elements, as they go into the JSON and onto the annotated image.
 */
export async function writeArtifacts(
  paths: ArtifactPaths,
  expectedPng: Uint8Array,
  actualPng: Uint8Array,
  comparison: ImageComparison,
  regions: readonly Region[],
  codec: CodecChoice = 'auto',
): Promise<void> {
  await mkdir(dirname(paths.actual), { recursive: true });
  const actual = comparison.actual ?? (await decodePng(actualPng, codec));
  const [diffPng, annotatedPng] = await Promise.all([
    comparison.diff ? encodePng(comparison.diff, codec) : Promise.resolve(Buffer.from(actualPng)),
    encodePng(annotate(actual, regions), codec),
  ]);
  await Promise.all([
    writeFile(paths.expected, expectedPng),
    writeFile(paths.actual, actualPng),
    writeFile(paths.diff, diffPng),
    writeFile(paths.annotated, annotatedPng),
    writeFile(paths.regions, JSON.stringify(regions, null, 2) + '\n'),
  ]);
}
