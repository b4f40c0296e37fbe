/**
 * Small drawing kit for generated screenshots: solid rectangles, blocky
 * text (each letter a fixed 3x5 pattern), an icon, and anti-aliased edges.
 * Every test image is built from these, so the expected regions are known.
 */
import { encodePng, type RgbaImage } from '../../framework/visual/index.ts';

export type Rgb = [number, number, number];

export const WHITE: Rgb = [255, 255, 255];
export const INK: Rgb = [31, 41, 51];
export const ACCENT: Rgb = [47, 111, 79];
export const RED: Rgb = [192, 57, 43];

export function canvas(width: number, height: number, colour: Rgb = WHITE): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) data.set([...colour, 255], i * 4);
  return { width, height, data };
}

export function clone(image: RgbaImage): RgbaImage {
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

export function setPixel(image: RgbaImage, x: number, y: number, colour: Rgb): void {
  image.data.set([...colour, 255], (y * image.width + x) * 4);
}

export function rect(
  image: RgbaImage,
  x: number,
  y: number,
  width: number,
  height: number,
  colour: Rgb,
): void {
  for (let row = y; row < y + height; row += 1) {
    for (let column = x; column < x + width; column += 1) setPixel(image, column, row, colour);
  }
}

/** A fixed 3x5 pattern per letter, from its code, with the top row always set so no letter is blank. */
function glyph(char: string): number {
  const code = char.charCodeAt(0);
  return (((code * 2654435761) >>> 0) % 0x1000) | 0x7000;
}

/** Draws text in 3x5 blocks of `scale` pixels, one block column of space between letters. */
export function text(
  image: RgbaImage,
  x: number,
  y: number,
  value: string,
  colour: Rgb,
  scale = 2,
): void {
  [...value].forEach((char, index) => {
    if (char === ' ') return;
    const bits = glyph(char);
    const left = x + index * 4 * scale;
    for (let row = 0; row < 5; row += 1) {
      for (let column = 0; column < 3; column += 1) {
        if ((bits >> (14 - (row * 3 + column))) & 1) {
          rect(image, left + column * scale, y + row * scale, scale, scale, colour);
        }
      }
    }
  });
}

/** A button: an accent block with white text, like the Iris page's Predict button. */
export function button(image: RgbaImage, x: number, y: number, label = 'PREDICT'): void {
  rect(image, x, y, 70, 24, ACCENT);
  text(image, x + 8, y + 7, label, WHITE);
}

/** A 12x12 ring icon. */
export function icon(image: RgbaImage, x: number, y: number, colour: Rgb = INK): void {
  for (let row = 0; row < 12; row += 1) {
    for (let column = 0; column < 12; column += 1) {
      const distance = Math.hypot(row - 5.5, column - 5.5);
      if (distance >= 3.5 && distance <= 5.8) setPixel(image, x + column, y + row, colour);
    }
  }
}

export async function png(image: RgbaImage): Promise<Buffer> {
  return encodePng(image, 'pngjs');
}

/** The page every test edits: a heading, a paragraph, an icon and a button. */
export function basePage(): RgbaImage {
  const page = canvas(400, 240);
  text(page, 20, 20, 'IRIS SPECIES', INK, 3);
  text(page, 20, 60, 'ENTER FOUR MEASUREMENTS', INK);
  icon(page, 300, 60);
  button(page, 20, 120);
  return page;
}
