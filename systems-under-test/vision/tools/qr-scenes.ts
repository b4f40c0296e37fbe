/**
 * QR fixtures: codes rendered module by module from the `qrcode` package's matrix, warped onto
 * backgrounds (plain, noisy, rotated, in perspective, several per image). The expected corners
 * are the symbol's corners (without the quiet zone) mapped through the same homography.
 */
import QRCode from 'qrcode';

import { mulberry32 } from './prng.ts';
import { Raster, applyHomography, homography, rotatedRectangle } from './raster.ts';
import type { Point, Rgb } from './raster.ts';

/** Modules of white border around a symbol, as ISO/IEC 18004 §6.3.8 requires. */
const QUIET_ZONE = 4;

export interface PlacedCode {
  text: string;
  /** Where the code's image, quiet zone included, lands: TL, TR, BR, BL in the code's own orientation. */
  quad: Point[];
  /**
   * Readers expected to decode it; both unless stated. jsQR's locator assumes a near-square
   * symbol, so it misses codes in strong perspective.
   */
  foundBy?: ('jsqr' | 'opencv')[];
}

export interface QrScene {
  file: string;
  description: string;
  width: number;
  height: number;
  background: Rgb;
  noise: number;
  seed: number;
  codes: PlacedCode[];
  /** Dark rectangles that are not codes, to tempt the detectors. */
  clutter?: [number, number, number, number][];
}

export interface ExpectedCode {
  text: string;
  foundBy: ('jsqr' | 'opencv')[];
  corners: { topLeft: Point; topRight: Point; bottomRight: Point; bottomLeft: Point };
}

/** Renders a code with its quiet zone at `moduleSize` pixels per module. */
export function renderCode(text: string, moduleSize: number): { raster: Raster; modules: number } {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = code.modules;
  const side = (size + 2 * QUIET_ZONE) * moduleSize;
  const raster = new Raster(side, side);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (data[row * size + column] === 1) {
        raster.fillRect(
          (column + QUIET_ZONE) * moduleSize,
          (row + QUIET_ZONE) * moduleSize,
          moduleSize,
          moduleSize,
          [0, 0, 0],
        );
      }
    }
  }
  return { raster, modules: size };
}

function round(point: Point): Point {
  return { x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10 };
}

/** Draws the scene and returns its pixels and the expected codes. */
export function drawQrScene(scene: QrScene): { raster: Raster; expected: ExpectedCode[] } {
  const raster = new Raster(scene.width, scene.height, scene.background);
  for (const [left, top, width, height] of scene.clutter ?? [])
    raster.fillRect(left, top, width, height, [30, 30, 30]);

  const expected: ExpectedCode[] = [];
  for (const placed of scene.codes) {
    const { raster: code, modules } = renderCode(placed.text, 8);
    raster.drawWarped(code, placed.quad);

    const side = code.width;
    const toScene = homography(
      [
        { x: 0, y: 0 },
        { x: side, y: 0 },
        { x: side, y: side },
        { x: 0, y: side },
      ],
      placed.quad,
    );
    const start = (QUIET_ZONE / (modules + 2 * QUIET_ZONE)) * side;
    const end = side - start;
    const [topLeft, topRight, bottomRight, bottomLeft] = [
      { x: start, y: start },
      { x: end, y: start },
      { x: end, y: end },
      { x: start, y: end },
    ].map((point) => round(applyHomography(toScene, point)));
    expected.push({
      text: placed.text,
      foundBy: placed.foundBy ?? ['jsqr', 'opencv'],
      corners: {
        topLeft: topLeft!,
        topRight: topRight!,
        bottomRight: bottomRight!,
        bottomLeft: bottomLeft!,
      },
    });
  }

  if (scene.noise > 0) raster.addNoise(mulberry32(scene.seed), scene.noise);
  return { raster, expected };
}

const square = (centre: Point, side: number, degrees: number): Point[] =>
  rotatedRectangle(centre, side, side, degrees);

export const QR_SCENES: QrScene[] = [
  {
    file: 'qr-clean.png',
    description: 'One upright code on white',
    width: 320,
    height: 320,
    background: [255, 255, 255],
    noise: 0,
    seed: 1,
    codes: [{ text: 'NOVA-VISION-001', quad: square({ x: 160, y: 160 }, 232, 0) }],
  },
  {
    file: 'qr-noisy.jpg',
    description: 'One code turned 8° on a grey-green background with strong noise, saved as JPEG',
    width: 360,
    height: 360,
    background: [196, 204, 188],
    noise: 28,
    seed: 7,
    codes: [{ text: 'https://nova.test/noise?seed=7', quad: square({ x: 180, y: 176 }, 260, 8) }],
  },
  {
    file: 'qr-rotated-30.png',
    description: 'One code turned 30° clockwise on light blue',
    width: 360,
    height: 360,
    background: [214, 232, 250],
    noise: 0,
    seed: 3,
    codes: [{ text: 'ROTATED-30-DEGREES', quad: square({ x: 180, y: 180 }, 220, 30) }],
  },
  {
    file: 'qr-upside-down.png',
    description: 'One code turned 180°: its top-left corner is at the bottom right of the image',
    width: 300,
    height: 300,
    background: [255, 255, 255],
    noise: 0,
    seed: 4,
    codes: [{ text: 'UPSIDE-DOWN', quad: square({ x: 150, y: 150 }, 220, 180) }],
  },
  {
    file: 'qr-skewed.jpg',
    description: 'One code seen in perspective, as from a camera below and to the left, with noise',
    width: 400,
    height: 360,
    background: [236, 226, 210],
    noise: 12,
    seed: 5,
    codes: [
      {
        text: 'SKEWED-PERSPECTIVE',
        quad: [
          { x: 70, y: 60 },
          { x: 330, y: 40 },
          { x: 350, y: 320 },
          { x: 50, y: 290 },
        ],
        foundBy: ['opencv'],
      },
    ],
  },
  {
    file: 'qr-three-codes.png',
    description: 'Three codes with different angles, one of them UTF-8 text',
    width: 640,
    height: 360,
    background: [250, 250, 250],
    noise: 0,
    seed: 6,
    codes: [
      { text: 'ALPHA-1', quad: square({ x: 110, y: 120 }, 180, 0) },
      { text: 'https://nova.test/b?id=2', quad: square({ x: 330, y: 230 }, 210, 12) },
      { text: 'Grüße aus Köln', quad: square({ x: 540, y: 130 }, 190, -20) },
    ],
  },
  {
    file: 'qr-none.jpg',
    description: 'Noise and dark rectangles but no code',
    width: 320,
    height: 240,
    background: [180, 180, 170],
    noise: 20,
    seed: 8,
    codes: [],
    clutter: [
      [30, 30, 60, 60],
      [200, 40, 80, 30],
      [120, 150, 40, 70],
    ],
  },
];
