/**
 * One visual check of a test: capture the page or locator, compare it with
 * its baseline, write and attach the artifacts, and report whether it passed.
 * `toMatchBaseline` is this plus a failure message; specs that need the
 * regions themselves call {@link compareWithBaseline}.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';

import { createLogger } from '../logging/index.ts';
import { artifactPaths, writeArtifacts, type ArtifactPaths } from './artifacts.ts';
import {
  baselineKey,
  isCI,
  locateBaseline,
  specPathOf,
  type BaselineLocation,
} from './baseline-paths.ts';
import { captureStable } from './capture.ts';
import { compareImages, type ImageComparison } from './compare.ts';
import { nameElements } from './element-names.ts';
import {
  resolveCompareOptions,
  validateBaselineName,
  validateVisualOptions,
  type VisualOptions,
} from './options.ts';
import { readPngSize } from './png-codec.ts';
import {
  NOVA_VISUAL_ATTACHMENT,
  NOVA_VISUAL_CONTENT_TYPE,
  type ComparisonStatus,
  type Region,
  type VisualAttachment,
} from './types.ts';
import { recordUsage } from './usage.ts';

const log = createLogger('visual');

export interface CheckMode {
  /**
   * Writes neither baselines (not even with `-u`) nor candidates, and records
   * no usage: for a check that expects a difference, such as a spec that
   * breaks the page on purpose to see what the comparison reports.
   */
  readOnly?: boolean;
  /**
   * Spec path (under the project's testDir, without `.spec.ts`) whose
   * baseline to use instead of the running spec's own, such as `iris/prediction-page`.
   */
  specPath?: string;
}

export type BaselineAction = 'compared' | 'written' | 'updated';

export interface VisualResult {
  name: string;
  key: string;
  status: ComparisonStatus;
  passed: boolean;
  /** `written`/`updated` when `-u` wrote the baseline instead of failing. */
  action: BaselineAction;
  regions: Region[];
  diffPixels: number;
  diffRatio: number;
  allowedDiffPixels: number;
  threshold: number;
  width: number;
  height: number;
  baselineWidth: number | null;
  baselineHeight: number | null;
  captures: number;
  /** Absolute paths; undefined when not written (a passing comparison writes no images). */
  baselinePath: string;
  candidatePath: string | undefined;
  artifacts: Partial<ArtifactPaths>;
  /** Message printed when the check fails, empty when it passes. */
  message: string;
}

/** The folder of playwright.config.ts, which baselines/ and .nova/ are relative to. */
export function projectRoot(testInfo: TestInfo): string {
  return testInfo.config.configFile ? dirname(testInfo.config.configFile) : process.cwd();
}

/** A path relative to the project root, or absolute when it lies outside (an --output folder elsewhere). */
function portable(path: string, rootDir: string): string {
  const inside = relative(rootDir, path);
  if (inside.startsWith('..') || isAbsolute(inside)) return path.split(sep).join('/');
  return inside.split(sep).join('/');
}

function describeRegion(region: Region): string {
  const move =
    region.kind === 'shift' || region.kind === 'size'
      ? ` dx=${region.dx ?? 0} dy=${region.dy ?? 0}`
      : '';
  const element = region.element
    ? `  ${region.element.selector}${region.element.text ? ` "${region.element.text}"` : ''}`
    : '';
  return (
    `  ${region.index}. ${region.kind}${move} at x=${region.x} y=${region.y} ${region.width}x${region.height}, ` +
    `${region.pixels} px (${(region.share * 100).toFixed(2)} %)${element}`
  );
}

/** Permission of this run to write baselines, with the reason when it is denied. */
function writePolicy(testInfo: TestInfo): { write: boolean; reason?: string } {
  const mode = testInfo.config.updateSnapshots;
  if (mode !== 'all' && mode !== 'changed') return { write: false };
  if (isCI()) {
    return { write: false, reason: 'CI is set, so baselines/ is never written, even with -u.' };
  }
  return { write: true };
}

async function writeCandidate(location: BaselineLocation, png: Buffer): Promise<void> {
  await mkdir(dirname(location.candidate), { recursive: true });
  await writeFile(location.candidate, png);
}

async function writeBaseline(location: BaselineLocation, png: Buffer): Promise<void> {
  await mkdir(dirname(location.baseline), { recursive: true });
  await writeFile(location.baseline, png);
  await rm(location.candidate, { force: true });
}

async function attachAll(
  testInfo: TestInfo,
  paths: Partial<ArtifactPaths>,
  name: string,
): Promise<void> {
  const entries: Array<[keyof ArtifactPaths, string]> = [
    ['expected', 'image/png'],
    ['actual', 'image/png'],
    ['diff', 'image/png'],
    ['annotated', 'image/png'],
    ['regions', 'application/json'],
  ];
  for (const [kind, contentType] of entries) {
    const path = paths[kind];
    if (path && existsSync(path)) {
      // Playwright's HTML report shows `<name>-expected/actual/diff.png` as an image comparison.
      const suffix = kind === 'regions' ? 'regions.json' : `${kind}.png`;
      await testInfo.attach(`${name}-${suffix}`, { path, contentType });
    }
  }
}

/**
 * Captures `target`, compares it with baseline `name` of the running test,
 * and attaches `nova-visual` and, when it differs, every image. Never throws
 * for a mismatch: the result describes what happened. Throws for invalid options
 * and for a capture that never stabilised.
 */
export async function compareWithBaseline(
  target: Page | Locator,
  rawName: string,
  rawOptions: VisualOptions | undefined,
  testInfo: TestInfo,
  mode: CheckMode = {},
): Promise<VisualResult> {
  const name = validateBaselineName(rawName);
  const options = validateVisualOptions(rawOptions);
  const compareOptions = resolveCompareOptions(options);

  const rootDir = projectRoot(testInfo);
  const project = testInfo.project.name;
  const specPath = mode.specPath ?? specPathOf(testInfo.file, testInfo.project.testDir);
  if (specPath.split('/').some((part) => part === '..' || part === '')) {
    throw new Error(
      `specPath is ${JSON.stringify(specPath)}; expected a path under the project's testDir such as "iris/prediction-page".`,
    );
  }
  const key = baselineKey(project, specPath, name);
  const location = locateBaseline(rootDir, key);
  if (!mode.readOnly) {
    recordUsage(rootDir, {
      project,
      specPath,
      testDir: portable(testInfo.project.testDir, rootDir),
      test: testInfo.titlePath.slice(1).join(' › '),
      key,
    });
  }

  const capture = await captureStable(target, name, options);
  const actualSize = readPngSize(capture.png);
  const policy = mode.readOnly ? { write: false } : writePolicy(testInfo);
  const paths = artifactPaths((file) => testInfo.outputPath(file), name);

  const result: VisualResult = {
    name,
    key,
    status: 'match',
    passed: true,
    action: 'compared',
    regions: [],
    diffPixels: 0,
    diffRatio: 0,
    allowedDiffPixels: 0,
    threshold: compareOptions.threshold,
    width: actualSize.width,
    height: actualSize.height,
    baselineWidth: null,
    baselineHeight: null,
    captures: capture.captures,
    baselinePath: location.baseline,
    candidatePath: undefined,
    artifacts: {},
    message: '',
  };

  let expectedPng: Buffer | undefined;
  try {
    expectedPng = await readFile(location.baseline);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  if (!expectedPng) {
    result.status = 'missing';
    if (policy.write) {
      await writeBaseline(location, capture.png);
      result.action = 'written';
      testInfo.annotations.push({
        type: 'baseline-written',
        description: portable(location.baseline, rootDir),
      });
    } else {
      if (!mode.readOnly) await writeCandidate(location, capture.png);
      await mkdir(dirname(paths.actual), { recursive: true });
      await writeFile(paths.actual, capture.png);
      result.passed = false;
      result.candidatePath = mode.readOnly ? undefined : location.candidate;
      result.artifacts = { actual: paths.actual };
      result.message = [
        `Visual baseline missing "${name}": there is no ${portable(location.baseline, rootDir)}.`,
        policy.reason ? policy.reason : undefined,
        `The capture was saved as a candidate: ${portable(location.candidate, rootDir)}`,
        `Actual: ${portable(paths.actual, rootDir)}`,
        `Review it, then run \`npx nova baselines approve "${key}"\` or \`npx playwright test -u\`.`,
      ]
        .filter((line) => line !== undefined)
        .join('\n');
    }
    await attachAll(testInfo, result.artifacts, name);
    await attachRecord(testInfo, result, project, rootDir);
    return result;
  }

  const comparison = await compareImages(expectedPng, capture.png, compareOptions);
  Object.assign(result, {
    status: comparison.status,
    passed: comparison.passed,
    diffPixels: comparison.diffPixels,
    diffRatio: comparison.diffRatio,
    allowedDiffPixels: comparison.allowedDiffPixels,
    baselineWidth: comparison.baselineWidth,
    baselineHeight: comparison.baselineHeight,
    regions: comparison.regions,
  });

  if (comparison.regions.length > 0 && options.nameElements !== false) {
    await nameRegions(comparison, capture);
  }

  const differs = !comparison.identical && (comparison.diffPixels > 0 || !comparison.passed);
  const updateMode = testInfo.config.updateSnapshots;
  const update =
    policy.write && (updateMode === 'all' ? !comparison.identical : !comparison.passed);
  if (update) {
    await writeBaseline(location, capture.png);
    result.action = 'updated';
    result.passed = true;
    testInfo.annotations.push({
      type: 'baseline-updated',
      description: portable(location.baseline, rootDir),
    });
  } else if (mode.readOnly) {
    // Leaves baselines/ and the candidates as they are.
  } else if (!comparison.passed) {
    await writeCandidate(location, capture.png);
    result.candidatePath = location.candidate;
  } else {
    // A passing comparison makes an older candidate of this baseline stale.
    await rm(location.candidate, { force: true });
  }

  if (differs) {
    await writeArtifacts(
      paths,
      expectedPng,
      capture.png,
      comparison,
      comparison.regions,
      compareOptions.codec,
    );
    result.artifacts = paths;
    await attachAll(testInfo, paths, name);
  }
  if (!result.passed) result.message = failureMessage(result, comparison, rootDir, policy.reason);
  log(
    '%s: %s, %d px differ, %d regions',
    key,
    result.status,
    result.diffPixels,
    result.regions.length,
  );

  await attachRecord(testInfo, result, project, rootDir);
  return result;
}

async function nameRegions(
  comparison: ImageComparison,
  capture: Awaited<ReturnType<typeof captureStable>>,
): Promise<void> {
  const named = comparison.regions.filter((region) => comparison.probes.has(region.index));
  try {
    const elements = await nameElements(
      capture,
      named.map((region) => comparison.probes.get(region.index)!),
    );
    named.forEach((region, position) => {
      const element = elements[position];
      if (element) region.element = element;
    });
  } catch (error) {
    // A page that navigated or closed since the capture still gets its comparison, without names.
    log('naming elements failed: %s', (error as Error).message);
  }
}

function failureMessage(
  result: VisualResult,
  comparison: ImageComparison,
  rootDir: string,
  reason: string | undefined,
): string {
  const size =
    comparison.status === 'size-changed'
      ? `; size changed from ${comparison.baselineWidth}x${comparison.baselineHeight} to ${comparison.width}x${comparison.height}`
      : '';
  const count = `${result.regions.length} region${result.regions.length === 1 ? '' : 's'}`;
  const lines = [
    `Visual mismatch "${result.name}": ${count}, ${result.diffPixels} pixels differ ` +
      `(${(result.diffRatio * 100).toFixed(2)} %, allowed ${result.allowedDiffPixels}, threshold ${result.threshold})${size}`,
    ...result.regions.map(describeRegion),
  ];
  if (reason) lines.push(reason);
  const show = (label: string, path: string | undefined): void => {
    if (path) lines.push(`${label}: ${portable(path, rootDir)}`);
  };
  show('Expected', result.artifacts.expected);
  show('Actual', result.artifacts.actual);
  show('Diff', result.artifacts.diff);
  show('Annotated', result.artifacts.annotated);
  show('Regions', result.artifacts.regions);
  show('Candidate', result.candidatePath);
  lines.push(
    `If the change is intended, run \`npx nova baselines approve "${result.key}"\` or \`npx playwright test -u\`.`,
  );
  return lines.join('\n');
}

async function attachRecord(
  testInfo: TestInfo,
  result: VisualResult,
  project: string,
  rootDir: string,
): Promise<void> {
  const path = (value: string | undefined): string | null =>
    value ? portable(value, rootDir) : null;
  const record: VisualAttachment = {
    baseline: result.key,
    project,
    status: result.status,
    width: result.width,
    height: result.height,
    baselineWidth: result.baselineWidth,
    baselineHeight: result.baselineHeight,
    diffPixels: result.diffPixels,
    diffRatio: result.diffRatio,
    threshold: result.threshold,
    regions: result.regions,
    actualPath: path(result.artifacts.actual),
    expectedPath: path(result.artifacts.expected),
    diffPath: path(result.artifacts.diff),
    annotatedPath: path(result.artifacts.annotated),
  };
  await testInfo.attach(NOVA_VISUAL_ATTACHMENT, {
    body: JSON.stringify(record),
    contentType: NOVA_VISUAL_CONTENT_TYPE,
  });
}
