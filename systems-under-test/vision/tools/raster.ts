/**
 * A small RGBA raster for drawing fixtures: rectangles, noise and a perspective warp. Written
 * out here rather than drawn with sharp's SVG renderer, because rendered text and anti-aliasing
 * depend on the fonts and librsvg of the machine, and the fixtures must not.
 */
import { gaussian } from './prng.ts';
import type { Random } from './prng.ts';

export interface Point {
  x: number;
  y: number;
}

export type Rgb = readonly [number, number, number];

export class Raster {
  readonly data: Uint8ClampedArray;

  constructor(
    readonly width: number,
    readonly height: number,
    fill: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
    for (let pixel = 0; pixel < width * height; pixel++) {
      this.data.set([fill[0], fill[1], fill[2], 255], pixel * 4);
    }
  }

  fillRect(left: number, top: number, width: number, height: number, colour: Rgb): void {
    for (let y = Math.max(0, top); y < Math.min(this.height, top + height); y++) {
      for (let x = Math.max(0, left); x < Math.min(this.width, left + width); x++) {
        this.data.set(colour, (y * this.width + x) * 4);
      }
    }
  }

  /** Adds Gaussian noise of the given deviation to each colour channel. */
  addNoise(random: Random, deviation: number): void {
    for (let offset = 0; offset < this.data.length; offset += 4) {
      const noise = gaussian(random, deviation);
      this.data[offset] = this.data[offset]! + noise;
      this.data[offset + 1] = this.data[offset + 1]! + noise;
      this.data[offset + 2] = this.data[offset + 2]! + noise;
    }
  }

  /** Multiplies brightness by a factor that changes linearly from `from` at the left to `to` at the right. */
  shadeHorizontally(from: number, to: number): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const factor = from + ((to - from) * x) / (this.width - 1);
        const offset = (y * this.width + x) * 4;
        for (let channel = 0; channel < 3; channel++) {
          this.data[offset + channel] = this.data[offset + channel]! * factor;
        }
      }
    }
  }

  /** Bilinear sample at a fractional position; undefined outside the raster. */
  sample(x: number, y: number): [number, number, number] | undefined {
    if (x < 0 || y < 0 || x > this.width - 1 || y > this.height - 1) return undefined;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const x1 = Math.min(x0 + 1, this.width - 1);
    const y1 = Math.min(y0 + 1, this.height - 1);
    const fx = x - x0;
    const fy = y - y0;
    const at = (px: number, py: number, channel: number): number =>
      this.data[(py * this.width + px) * 4 + channel]!;
    const mix = (channel: number): number =>
      (at(x0, y0, channel) * (1 - fx) + at(x1, y0, channel) * fx) * (1 - fy) +
      (at(x0, y1, channel) * (1 - fx) + at(x1, y1, channel) * fx) * fy;
    return [mix(0), mix(1), mix(2)];
  }

  /**
   * Draws `source` so that its corners (top-left, top-right, bottom-right, bottom-left) land on
   * `quad`. Each target pixel is mapped back through the inverse homography and sampled with
   * 2 × 2 supersampling, which smooths the page's edges as a camera would.
   */
  drawWarped(source: Raster, quad: readonly Point[]): void {
    const sourceCorners = [
      { x: 0, y: 0 },
      { x: source.width, y: 0 },
      { x: source.width, y: source.height },
      { x: 0, y: source.height },
    ];
    const back = homography(quad, sourceCorners);
    const minX = Math.max(0, Math.floor(Math.min(...quad.map((point) => point.x))));
    const maxX = Math.min(this.width - 1, Math.ceil(Math.max(...quad.map((point) => point.x))));
    const minY = Math.max(0, Math.floor(Math.min(...quad.map((point) => point.y))));
    const maxY = Math.min(this.height - 1, Math.ceil(Math.max(...quad.map((point) => point.y))));
    const offsets = [0.25, 0.75];

    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const target = (y * this.width + x) * 4;
        const sum = [0, 0, 0];
        for (const dy of offsets) {
          for (const dx of offsets) {
            const mapped = applyHomography(back, { x: x + dx, y: y + dy });
            // Pixel centres of the source sit at +0.5, so sampling subtracts half a pixel.
            const colour =
              mapped.x >= 0 &&
              mapped.y >= 0 &&
              mapped.x <= source.width &&
              mapped.y <= source.height
                ? source.sample(
                    Math.min(Math.max(mapped.x - 0.5, 0), source.width - 1),
                    Math.min(Math.max(mapped.y - 0.5, 0), source.height - 1),
                  )
                : undefined;
            const used = colour ?? [
              this.data[target]!,
              this.data[target + 1]!,
              this.data[target + 2]!,
            ];
            for (let channel = 0; channel < 3; channel++) sum[channel]! += used[channel]!;
          }
        }
        for (let channel = 0; channel < 3; channel++)
          this.data[target + channel] = sum[channel]! / 4;
      }
    }
  }
}

/**
 * Computes the 3 × 3 homography (as 9 numbers, h33 = 1) that maps each `from` point to its `to` point,
 * solved from the 8 linear equations of the four point pairs (Hartley and Zisserman,
 * "Multiple View Geometry", 2nd ed., §4.1) by Gaussian elimination with partial pivoting.
 */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
  const rows: number[][] = [];
  for (let index = 0; index < 4; index++) {
    const { x, y } = from[index]!;
    const { x: u, y: v } = to[index]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }

  for (let column = 0; column < 8; column++) {
    let pivot = column;
    for (let row = column + 1; row < 8; row++) {
      if (Math.abs(rows[row]![column]!) > Math.abs(rows[pivot]![column]!)) pivot = row;
    }
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    for (let row = 0; row < 8; row++) {
      if (row === column) continue;
      const factor = rows[row]![column]! / rows[column]![column]!;
      for (let k = column; k < 9; k++) rows[row]![k]! -= factor * rows[column]![k]!;
    }
  }
  return [...rows.map((row, index) => row[8]! / row[index]!), 1];
}

export function applyHomography(matrix: readonly number[], point: Point): Point {
  const [a, b, c, d, e, f, g, h, i] = matrix as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const w = g * point.x + h * point.y + i;
  return { x: (a * point.x + b * point.y + c) / w, y: (d * point.x + e * point.y + f) / w };
}

/** The corners of a w × h rectangle centred on `centre`, turned by `degrees` clockwise on screen. */
export function rotatedRectangle(
  centre: Point,
  width: number,
  height: number,
  degrees: number,
): Point[] {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  return [
    [-width / 2, -height / 2],
    [width / 2, -height / 2],
    [width / 2, height / 2],
    [-width / 2, height / 2],
  ].map(([dx, dy]) => ({
    x: centre.x + dx! * cos - dy! * sin,
    y: centre.y + dx! * sin + dy! * cos,
  }));
}
