/**
 * Document fixtures: a page (heading, lines of "text" as bars, a table) drawn flat, then warped
 * onto a darker, textured background as a phone photo would show it. The expected corners are
 * the quadrilateral the page was warped to; the expected flat page is the page itself.
 */
import { mulberry32 } from './prng.ts';
import { Raster, rotatedRectangle } from './raster.ts';
import type { Point } from './raster.ts';

export const PAGE_WIDTH = 300;
export const PAGE_HEIGHT = 424;

const PAPER = [255, 255, 255] as const;
// Pure black on white: the cleaned scan is binary, so the flat page it is compared with is too.
const INK = [0, 0, 0] as const;

/** The flat page: a heading, paragraphs of bars whose lengths come from a seeded generator, and a table. */
export function drawPage(seed = 11): Raster {
  const random = mulberry32(seed);
  const page = new Raster(PAGE_WIDTH, PAGE_HEIGHT, PAPER);

  page.fillRect(30, 32, 180, 16, INK);
  let y = 72;
  for (let paragraph = 0; paragraph < 3; paragraph++) {
    const lines = 4 + Math.floor(random() * 3);
    for (let line = 0; line < lines; line++) {
      const last = line === lines - 1;
      const length = last ? 60 + Math.floor(random() * 120) : 220 + Math.floor(random() * 20);
      page.fillRect(30, y, length, 6, INK);
      y += 14;
    }
    y += 12;
  }

  // A 3 × 4 table with 2-pixel rules.
  const top = y + 4;
  for (let row = 0; row <= 4; row++) page.fillRect(30, top + row * 18, 240, 2, INK);
  for (let column = 0; column <= 3; column++) page.fillRect(30 + column * 79, top, 2, 74, INK);

  page.fillRect(136, PAGE_HEIGHT - 30, 28, 6, INK);
  return page;
}

/** Draws a wooden-desk background: brown with horizontal grain and noise. */
function drawDesk(width: number, height: number, seed: number): Raster {
  const random = mulberry32(seed);
  const desk = new Raster(width, height, [92, 64, 44]);
  for (let y = 0; y < height; y += 1) {
    const grain = Math.sin(y / 7) * 10 + Math.sin(y / 23) * 8;
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      desk.data[offset] = desk.data[offset]! + grain;
      desk.data[offset + 1] = desk.data[offset + 1]! + grain * 0.7;
      desk.data[offset + 2] = desk.data[offset + 2]! + grain * 0.5;
    }
  }
  desk.addNoise(random, 6);
  return desk;
}

export interface DocumentScene {
  file: string;
  description: string;
  /** Corners the page is warped to (TL, TR, BR, BL), or undefined for a photo without a page. */
  quad?: Point[];
  /** Lighting from left to right, as a factor of brightness. */
  light: [number, number];
  seed: number;
}

export const PHOTO_WIDTH = 640;
export const PHOTO_HEIGHT = 480;

export const DOCUMENT_SCENES: DocumentScene[] = [
  {
    file: 'doc-tilted.jpg',
    description: 'A page lying slightly askew, lit more from the left',
    quad: [
      { x: 190, y: 40 },
      { x: 452, y: 62 },
      { x: 468, y: 440 },
      { x: 168, y: 428 },
    ],
    light: [1.05, 0.78],
    seed: 21,
  },
  {
    file: 'doc-rotated.jpg',
    description: 'A page turned 18° anticlockwise',
    quad: rotatedRectangle({ x: 320, y: 240 }, 270, 382, -18),
    light: [1, 0.9],
    seed: 22,
  },
  {
    file: 'doc-steep.jpg',
    description: 'A page photographed from its bottom edge: a strong keystone',
    quad: [
      { x: 232, y: 50 },
      { x: 412, y: 50 },
      { x: 520, y: 444 },
      { x: 118, y: 444 },
    ],
    light: [0.95, 1],
    seed: 23,
  },
  {
    file: 'doc-none.jpg',
    description: 'The desk without a page',
    light: [1, 0.85],
    seed: 24,
  },
];

function round(point: Point): Point {
  return { x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10 };
}

export function drawDocumentScene(
  scene: DocumentScene,
  page: Raster,
): { raster: Raster; corners?: Point[] } {
  const photo = drawDesk(PHOTO_WIDTH, PHOTO_HEIGHT, scene.seed);
  if (scene.quad !== undefined) photo.drawWarped(page, scene.quad);
  photo.shadeHorizontally(scene.light[0], scene.light[1]);
  return { raster: photo, corners: scene.quad?.map(round) };
}
