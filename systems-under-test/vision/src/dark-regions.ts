/**
 * Finds separate clusters of dark pixels, such as the QR codes on a label sheet, by labelling
 * connected components on a coarse grid. jsQR looks for one code per call and gives up when the
 * finder patterns of two codes are in view, so each cluster is handed to it on its own.
 */
import type { RgbaImage } from './qr-reader.ts';

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Grid cell size in pixels: a QR module of 2 px or more still darkens every cell it touches. */
const CELL = 4;

/** Cells by which dark cells are grown, which joins the modules of one code into one cluster. */
const GROWTH_CELLS = 2;

/** Luminance below which a pixel counts as ink (ITU-R BT.601 weights, 0 to 255). */
const DARK_LUMINANCE = 110;

/** Smallest cluster side worth decoding: a version 1 code has 21 modules, at least 1 px each. */
const MIN_REGION_SIDE = 21;

function luminance(data: Uint8ClampedArray, offset: number): number {
  return 0.299 * data[offset]! + 0.587 * data[offset + 1]! + 0.114 * data[offset + 2]!;
}

/** Returns the bounding boxes of dark clusters, largest first, each grown by a margin. */
export function findDarkRegions(image: RgbaImage): Region[] {
  const columns = Math.ceil(image.width / CELL);
  const rows = Math.ceil(image.height / CELL);
  const dark = new Uint8Array(columns * rows);

  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (luminance(image.data, (y * image.width + x) * 4) < DARK_LUMINANCE) {
        dark[Math.floor(y / CELL) * columns + Math.floor(x / CELL)] = 1;
      }
    }
  }

  const grown = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (dark[row * columns + column] !== 1) continue;
      for (let dy = -GROWTH_CELLS; dy <= GROWTH_CELLS; dy++) {
        for (let dx = -GROWTH_CELLS; dx <= GROWTH_CELLS; dx++) {
          const r = row + dy;
          const c = column + dx;
          if (r >= 0 && r < rows && c >= 0 && c < columns) grown[r * columns + c] = 1;
        }
      }
    }
  }

  // Flood fill with an explicit stack: recursion would overflow on a large cluster.
  const label = new Int32Array(columns * rows);
  const regions: Region[] = [];
  const stack: number[] = [];
  for (let start = 0; start < grown.length; start++) {
    if (grown[start] !== 1 || label[start] !== 0) continue;
    label[start] = regions.length + 1;
    stack.push(start);
    let minColumn = columns;
    let maxColumn = 0;
    let minRow = rows;
    let maxRow = 0;
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const row = Math.floor(cell / columns);
      const column = cell % columns;
      minColumn = Math.min(minColumn, column);
      maxColumn = Math.max(maxColumn, column);
      minRow = Math.min(minRow, row);
      maxRow = Math.max(maxRow, row);
      const neighbours = [
        column > 0 ? cell - 1 : -1,
        column < columns - 1 ? cell + 1 : -1,
        row > 0 ? cell - columns : -1,
        row < rows - 1 ? cell + columns : -1,
      ];
      for (const next of neighbours) {
        if (next >= 0 && grown[next] === 1 && label[next] === 0) {
          label[next] = regions.length + 1;
          stack.push(next);
        }
      }
    }

    const left = Math.max(0, minColumn * CELL - CELL);
    const top = Math.max(0, minRow * CELL - CELL);
    const right = Math.min(image.width, (maxColumn + 2) * CELL);
    const bottom = Math.min(image.height, (maxRow + 2) * CELL);
    regions.push({ left, top, width: right - left, height: bottom - top });
  }

  return regions
    .filter((region) => region.width >= MIN_REGION_SIDE && region.height >= MIN_REGION_SIDE)
    .sort((a, b) => b.width * b.height - a.width * a.height);
}

/** Copies a region into an image of its own. */
export function cropRgba(image: RgbaImage, region: Region): RgbaImage {
  const data = new Uint8ClampedArray(region.width * region.height * 4);
  for (let row = 0; row < region.height; row++) {
    const from = ((region.top + row) * image.width + region.left) * 4;
    data.set(image.data.subarray(from, from + region.width * 4), row * region.width * 4);
  }
  return { data, width: region.width, height: region.height };
}
