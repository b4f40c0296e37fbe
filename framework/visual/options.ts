/**
 * Options of one visual comparison, validated before any capture: each
 * problem gets one line naming the option, the value and what is expected.
 */
import type { Locator } from '@playwright/test';

import { CODEC_CHOICES, type CodecChoice } from './png-codec.ts';
import type { Box } from './types.ts';

export interface CompareOptions {
  /**
   * pixelmatch's threshold: the largest OKLab HyAB distance (0 to 1, where 1
   * is black against white) at which two pixels still count as equal.
   * Default 0.1. See docs/visual.md.
   */
  threshold?: number;
  /** Counts anti-aliased pixels as differences instead of ignoring them. Default false. */
  includeAA?: boolean;
  /** Differing pixels tolerated before the comparison fails. Default 0. */
  maxDiffPixels?: number;
  /** Share of differing pixels (0 to 1) tolerated before the comparison fails. Default 0. */
  maxDiffPixelRatio?: number;
  /** Rectangles, in image pixels, left out of the comparison. */
  ignore?: Box[];
  /** Radius of the dilation that joins nearby differing pixels into one region. Default 4. */
  dilation?: number;
  /** Largest move, in pixels on each axis, that is recognised as a shift. Default 400. */
  maxShift?: number;
  /** PNG codec: `auto` (sharp when it loads, else pngjs), `sharp` or `pngjs`. */
  codec?: CodecChoice;
}

export interface CaptureOptions {
  /** Locators whose boxes are painted over with `maskColor` before the capture. */
  mask?: Array<Locator | Box>;
  /** CSS colour of masks. Default `#FF00FF`. */
  maskColor?: string;
  /** CSS added to the page for the capture only, for example to hide a clock. */
  style?: string;
  /** Captures the whole scrollable page instead of the viewport (pages only). */
  fullPage?: boolean;
  /** Captures taken at most while waiting for two consecutive equal ones. Default 5. */
  maxCaptures?: number;
  /** Device pixel ratio the page must have; a capture at another ratio fails. Default 1. */
  deviceScaleFactor?: number;
  /** Names the DOM element under each changed region. Default true. */
  nameElements?: boolean;
}

export type VisualOptions = CompareOptions & CaptureOptions;

/**
 * Resolved options. The two tolerances stay undefined when not given: when
 * both are, the smaller allowance applies, as in Playwright's own matcher.
 */
export type ResolvedCompareOptions = Required<
  Omit<CompareOptions, 'ignore' | 'maxDiffPixels' | 'maxDiffPixelRatio'>
> & { ignore: Box[]; maxDiffPixels?: number; maxDiffPixelRatio?: number };

export const COMPARE_DEFAULTS: ResolvedCompareOptions = {
  threshold: 0.1,
  includeAA: false,
  ignore: [],
  dilation: 4,
  maxShift: 400,
  codec: 'auto',
};

const KNOWN_OPTIONS = new Set([
  ...Object.keys(COMPARE_DEFAULTS),
  'maxDiffPixels',
  'maxDiffPixelRatio',
  'mask',
  'maskColor',
  'style',
  'fullPage',
  'maxCaptures',
  'deviceScaleFactor',
  'nameElements',
]);

export class VisualOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid visual comparison options:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.name = 'VisualOptionsError';
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function checkNumber(
  problems: string[],
  name: string,
  value: unknown,
  min: number,
  max: number,
  integer: boolean,
): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    problems.push(`${name} is ${show(value)}; expected ${kind} from ${min} to ${max}.`);
  }
}

function checkBoolean(problems: string[], name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    problems.push(`${name} is ${show(value)}; expected true or false.`);
  }
}

/** Whether `value` is a rectangle with finite, non-negative coordinates and a positive size. */
export function isBox(value: unknown): value is Box {
  if (typeof value !== 'object' || value === null) return false;
  const box = value as Record<string, unknown>;
  return (
    ['x', 'y', 'width', 'height'].every(
      (key) => typeof box[key] === 'number' && Number.isFinite(box[key]),
    ) &&
    (box.x as number) >= 0 &&
    (box.y as number) >= 0 &&
    (box.width as number) > 0 &&
    (box.height as number) > 0
  );
}

function isLocator(value: unknown): value is Locator {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { boundingBox?: unknown }).boundingBox === 'function' &&
    typeof (value as { screenshot?: unknown }).screenshot === 'function'
  );
}

/** Checks the options of the comparison step; throws {@link VisualOptionsError} listing every problem. */
export function resolveCompareOptions(raw: CompareOptions = {}): ResolvedCompareOptions {
  const problems = collectCompareProblems(raw);
  if (problems.length > 0) throw new VisualOptionsError(problems);
  const resolved: ResolvedCompareOptions = {
    threshold: raw.threshold ?? COMPARE_DEFAULTS.threshold,
    includeAA: raw.includeAA ?? COMPARE_DEFAULTS.includeAA,
    ignore: raw.ignore ?? [],
    dilation: raw.dilation ?? COMPARE_DEFAULTS.dilation,
    maxShift: raw.maxShift ?? COMPARE_DEFAULTS.maxShift,
    codec: raw.codec ?? COMPARE_DEFAULTS.codec,
  };
  if (raw.maxDiffPixels !== undefined) resolved.maxDiffPixels = raw.maxDiffPixels;
  if (raw.maxDiffPixelRatio !== undefined) resolved.maxDiffPixelRatio = raw.maxDiffPixelRatio;
  return resolved;
}

function collectCompareProblems(raw: CompareOptions): string[] {
  const problems: string[] = [];
  checkNumber(problems, 'threshold', raw.threshold, 0, 1, false);
  checkBoolean(problems, 'includeAA', raw.includeAA);
  checkNumber(problems, 'maxDiffPixels', raw.maxDiffPixels, 0, Number.MAX_SAFE_INTEGER, true);
  checkNumber(problems, 'maxDiffPixelRatio', raw.maxDiffPixelRatio, 0, 1, false);
  checkNumber(problems, 'dilation', raw.dilation, 0, 32, true);
  checkNumber(problems, 'maxShift', raw.maxShift, 0, 4096, true);
  if (raw.codec !== undefined && !CODEC_CHOICES.includes(raw.codec)) {
    problems.push(`codec is ${show(raw.codec)}; expected one of ${CODEC_CHOICES.join(', ')}.`);
  }
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore)) {
      problems.push(`ignore is ${show(raw.ignore)}; expected an array of { x, y, width, height }.`);
    } else {
      raw.ignore.forEach((box, index) => {
        if (!isBox(box)) {
          problems.push(
            `ignore[${index}] is ${show(box)}; expected { x, y, width, height } with x, y >= 0 and a positive size.`,
          );
        }
      });
    }
  }
  return problems;
}

/** Checks every option of `toMatchBaseline`; throws {@link VisualOptionsError} listing every problem. */
export function validateVisualOptions(raw: unknown): VisualOptions {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new VisualOptionsError([
      `options are ${show(raw)}; expected an object such as { threshold: 0.1 }.`,
    ]);
  }
  const options = raw as VisualOptions & Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      problems.push(`${key} is not an option; known options: ${[...KNOWN_OPTIONS].join(', ')}.`);
    }
  }
  problems.push(...collectCompareProblems(options));
  checkBoolean(problems, 'fullPage', options.fullPage);
  checkBoolean(problems, 'nameElements', options.nameElements);
  checkNumber(problems, 'maxCaptures', options.maxCaptures, 2, 20, true);
  checkNumber(problems, 'deviceScaleFactor', options.deviceScaleFactor, 0.25, 8, false);
  if (options.style !== undefined && typeof options.style !== 'string') {
    problems.push(`style is ${show(options.style)}; expected a string of CSS.`);
  }
  if (options.maskColor !== undefined && typeof options.maskColor !== 'string') {
    problems.push(
      `maskColor is ${show(options.maskColor)}; expected a CSS colour such as "#FF00FF".`,
    );
  }
  if (options.mask !== undefined) {
    if (!Array.isArray(options.mask)) {
      problems.push(
        `mask is ${show(options.mask)}; expected an array of locators or { x, y, width, height }.`,
      );
    } else {
      options.mask.forEach((entry, index) => {
        if (!isLocator(entry) && !isBox(entry)) {
          problems.push(
            `mask[${index}] is ${show(entry)}; expected a locator or { x, y, width, height }.`,
          );
        }
      });
    }
  }
  if (problems.length > 0) throw new VisualOptionsError(problems);
  return options;
}

/** Checks a baseline name: it becomes a file name under baselines/. */
export function validateBaselineName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) ||
    name.includes('..')
  ) {
    throw new VisualOptionsError([
      `baseline name is ${show(name)}; expected 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit, such as "iris-form".`,
    ]);
  }
  return name.endsWith('.png') ? name.slice(0, -4) : name;
}
