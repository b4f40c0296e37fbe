/**
 * Stable captures of a page or a locator. Each capture disables CSS
 * animations and transitions, hides the caret, waits for web fonts, paints
 * masks, and adds the caller's CSS. Captures are retaken, with growing pauses
 * between them, until two consecutive ones are byte for byte equal, within a
 * bounded number of tries:
 * a page still changing (a late image, a spinner) never becomes a baseline.
 */
import type { Locator, Page, PageScreenshotOptions } from '@playwright/test';

import { createLogger } from '../logging/index.ts';
import { compareImages } from './compare.ts';
import { isBox, type CaptureOptions } from './options.ts';
import { decodePng, encodePng } from './png-codec.ts';
import type { Box } from './types.ts';

const log = createLogger('visual');

export const DEFAULT_MAX_CAPTURES = 5;
export const DEFAULT_MASK_COLOUR = '#FF00FF';

export interface Capture {
  png: Buffer;
  /** Screenshots taken until two consecutive ones matched. */
  captures: number;
  page: Page;
  /** Where the capture's top-left pixel lies: viewport coordinates, or document coordinates for a full page. */
  origin: { x: number; y: number };
  fullPage: boolean;
}

export class UnstableCaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnstableCaptureError';
  }
}

export function isPage(target: Page | Locator): target is Page {
  return typeof (target as Page).goto === 'function';
}

/** Parses `#RGB` or `#RRGGBB`, the forms a mask rectangle can be painted in. */
export function parseHexColour(colour: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!match) return undefined;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

async function paintBoxes(png: Buffer, boxes: readonly Box[], colour: string): Promise<Buffer> {
  const rgb = parseHexColour(colour);
  if (!rgb) {
    throw new Error(
      `maskColor is ${JSON.stringify(colour)}; rectangle masks need a hex colour such as "#FF00FF".`,
    );
  }
  const image = await decodePng(png);
  for (const box of boxes) {
    const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
    const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
    for (let y = Math.max(0, Math.floor(box.y)); y < y1; y += 1) {
      for (let x = Math.max(0, Math.floor(box.x)); x < x1; x += 1) {
        const offset = (y * image.width + x) * 4;
        image.data.set([rgb[0], rgb[1], rgb[2], 255], offset);
      }
    }
  }
  return encodePng(image);
}

/** Pauses before the second, third, ... capture: 0.1, 0.25, 0.5, then 1 s, about 1.9 s over 5 captures. */
const CAPTURE_PAUSES_MS = [100, 250, 500, 1000];

function capturePauseMs(capturesTaken: number): number {
  return CAPTURE_PAUSES_MS[Math.min(capturesTaken, CAPTURE_PAUSES_MS.length) - 1]!;
}

/** Captures `target` until two consecutive screenshots are equal. */
export async function captureStable(
  target: Page | Locator,
  name: string,
  options: CaptureOptions = {},
): Promise<Capture> {
  const page = isPage(target) ? target : target.page();
  const fullPage = isPage(target) && options.fullPage === true;
  const expectedRatio = options.deviceScaleFactor ?? 1;

  // Text drawn in a fallback font before a web font arrives would become the baseline.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const ratio = await page.evaluate(() => window.devicePixelRatio);
  if (ratio !== expectedRatio) {
    throw new Error(
      `Visual capture "${name}": the page has a device pixel ratio of ${ratio}, expected ${expectedRatio}. ` +
        'Set deviceScaleFactor in the project `use` (the visual project uses 1), or pass deviceScaleFactor to toMatchBaseline.',
    );
  }

  const maskColor = options.maskColor ?? DEFAULT_MASK_COLOUR;
  const mask = options.mask ?? [];
  const screenshotOptions: PageScreenshotOptions = {
    type: 'png',
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
    mask: mask.filter((entry): entry is Locator => !isBox(entry)),
    maskColor,
    ...(options.style !== undefined ? { style: options.style } : {}),
    ...(isPage(target) ? { fullPage } : {}),
  };
  const maxCaptures = options.maxCaptures ?? DEFAULT_MAX_CAPTURES;

  let beforePrevious: Buffer | undefined;
  let previous: Buffer | undefined;
  let stable: Buffer | undefined;
  let captures = 0;
  while (captures < maxCaptures) {
    // Back-to-back captures span a few hundred milliseconds. A busy machine may take longer
    // to paint a page that has just changed, so the pauses between captures grow.
    if (captures > 0) await page.waitForTimeout(capturePauseMs(captures));
    const shot = await target.screenshot(screenshotOptions);
    captures += 1;
    if (previous && previous.equals(shot)) {
      stable = shot;
      break;
    }
    beforePrevious = previous;
    previous = shot;
  }

  if (!stable) {
    const last = previous!;
    const before = beforePrevious ?? (await target.screenshot(screenshotOptions));
    const change = await compareImages(before, last, { threshold: 0, includeAA: true });
    throw new UnstableCaptureError(
      `Visual capture "${name}" never stabilised: ${maxCaptures} captures and no two consecutive ones equal ` +
        `(the last two differ in ${change.diffPixels} pixels, ${change.regions.length} regions, first at ` +
        `${change.regions[0] ? `x=${change.regions[0].x} y=${change.regions[0].y}` : 'no region'}). ` +
        'Wait for the page to settle before the assertion, mask the moving part (mask option), or raise maxCaptures.',
    );
  }
  log('capture "%s" stable after %d screenshots', name, captures);

  let origin = { x: 0, y: 0 };
  if (!isPage(target)) {
    const box = await target.boundingBox();
    if (box) origin = { x: Math.round(box.x), y: Math.round(box.y) };
  }

  const boxes = mask.filter(isBox);
  const png = boxes.length > 0 ? await paintBoxes(stable, boxes, maskColor) : stable;
  return { png, captures, page, origin, fullPage };
}
