/**
 * Draws the regions onto a copy of the actual image: a box in the colour of
 * the region's kind and its number in a label at the box's top-left corner.
 * The digits come from a 3x5 pixel font drawn at triple size, so the
 * annotation needs no font file and renders the same on every machine.
 */
import type { Box, Region, RegionKind, RgbaImage } from './types.ts';

/** Colours by kind, chosen to be told apart with the common colour-vision deficiencies (Okabe-Ito palette). */
export const KIND_COLOURS: Record<RegionKind, [number, number, number]> = {
  added: [0, 158, 115],
  removed: [213, 94, 0],
  colour: [204, 121, 167],
  shift: [0, 114, 178],
  text: [230, 159, 0],
  size: [0, 0, 0],
};

/** 3x5 glyphs of the digits 0-9, one string of 15 bits each, row by row. */
const DIGITS = [
  '111101101101111',
  '010110010010111',
  '111001111100111',
  '111001111001111',
  '101101111001001',
  '111100111001111',
  '111100111101111',
  '111001001001001',
  '111101111101111',
  '111101111001111',
];

// Digits 15 pixels tall: readable on a 1920 x 1080 capture shown at half size.
const SCALE = 3;
const LINE = 2;

function setPixel(image: RgbaImage, x: number, y: number, rgb: readonly number[]): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const offset = (y * image.width + x) * 4;
  image.data[offset] = rgb[0]!;
  image.data[offset + 1] = rgb[1]!;
  image.data[offset + 2] = rgb[2]!;
  image.data[offset + 3] = 255;
}

function fillRect(image: RgbaImage, box: Box, rgb: readonly number[]): void {
  for (let y = box.y; y < box.y + box.height; y += 1) {
    for (let x = box.x; x < box.x + box.width; x += 1) setPixel(image, x, y, rgb);
  }
}

function strokeRect(image: RgbaImage, box: Box, rgb: readonly number[]): void {
  fillRect(image, { x: box.x, y: box.y, width: box.width, height: LINE }, rgb);
  fillRect(image, { x: box.x, y: box.y + box.height - LINE, width: box.width, height: LINE }, rgb);
  fillRect(image, { x: box.x, y: box.y, width: LINE, height: box.height }, rgb);
  fillRect(image, { x: box.x + box.width - LINE, y: box.y, width: LINE, height: box.height }, rgb);
}

function drawNumber(
  image: RgbaImage,
  value: number,
  left: number,
  top: number,
  rgb: readonly number[],
): void {
  const text = String(value);
  const glyphWidth = 3 * SCALE;
  const labelWidth = text.length * (glyphWidth + SCALE) + SCALE;
  const labelHeight = 5 * SCALE + 2 * SCALE;
  // The label sits above the box, or inside it when the box touches the top edge.
  const y0 = top - labelHeight >= 0 ? top - labelHeight : top;
  const x0 = Math.min(Math.max(0, left), Math.max(0, image.width - labelWidth));
  fillRect(image, { x: x0, y: y0, width: labelWidth, height: labelHeight }, rgb);
  [...text].forEach((char, index) => {
    const glyph = DIGITS[Number(char)]!;
    const gx = x0 + SCALE + index * (glyphWidth + SCALE);
    for (let row = 0; row < 5; row += 1) {
      for (let column = 0; column < 3; column += 1) {
        if (glyph[row * 3 + column] !== '1') continue;
        fillRect(
          image,
          { x: gx + column * SCALE, y: y0 + SCALE + row * SCALE, width: SCALE, height: SCALE },
          [255, 255, 255],
        );
      }
    }
  });
}

/** Returns a copy of `actual` with each region boxed and numbered in its kind's colour. */
export function annotate(actual: RgbaImage, regions: readonly Region[]): RgbaImage {
  const image: RgbaImage = {
    width: actual.width,
    height: actual.height,
    data: new Uint8Array(actual.data),
  };
  for (const region of regions) {
    const rgb = KIND_COLOURS[region.kind];
    // The box is drawn just outside the changed pixels, so it hides none of them.
    const box = {
      x: region.x - LINE - 1,
      y: region.y - LINE - 1,
      width: region.width + 2 * (LINE + 1),
      height: region.height + 2 * (LINE + 1),
    };
    strokeRect(image, box, rgb);
    drawNumber(image, region.index, box.x, box.y, rgb);
  }
  return image;
}
