import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  describeUnsupportedBytes,
  detectImageFormat,
  peekDimensions,
} from '../../systems-under-test/vision/src/image-format.ts';
import { FIXTURES } from './test-app.ts';

describe('detectImageFormat', () => {
  it.each([
    ['sample.png', 'png'],
    ['sample.jpg', 'jpeg'],
    ['sample.webp', 'webp'],
    ['sample.gif', 'gif'],
    ['sample.tiff', 'tiff'],
  ])('recognises %s as %s from its first bytes', (file, format) => {
    expect(detectImageFormat(readFileSync(new URL(`images/${file}`, FIXTURES)))).toBe(format);
  });

  it('recognises nothing in text, SVG, PDF or a RIFF file that is not WebP', () => {
    for (const text of ['hello', '<svg/>', '%PDF-1.7', 'RIFF\0\0\0\0WAVEfmt ']) {
      expect(detectImageFormat(Buffer.from(text, 'latin1'))).toBeUndefined();
    }
  });

  it('names what unsupported bytes look like', () => {
    expect(describeUnsupportedBytes(Buffer.from('<?xml version="1.0"?><svg></svg>'))).toBe(
      'an SVG document',
    );
    expect(describeUnsupportedBytes(Buffer.from('%PDF-1.4'))).toBe('a PDF document');
    expect(describeUnsupportedBytes(Buffer.from('BM6\0\0\0'))).toBe('a BMP image');
    expect(describeUnsupportedBytes(Buffer.from('{"a":1}'))).toBe('JSON');
  });
});

describe('peekDimensions', () => {
  it('reads width and height from PNG and GIF headers', () => {
    expect(peekDimensions('png', readFileSync(new URL('images/sample.png', FIXTURES)))).toEqual({
      width: 160,
      height: 120,
    });
    expect(peekDimensions('gif', readFileSync(new URL('images/sample.gif', FIXTURES)))).toEqual({
      width: 64,
      height: 48,
    });
  });

  it('reads the declared size of the decompression bomb without decoding it', () => {
    expect(
      peekDimensions('png', readFileSync(new URL('bad/bomb-20000x20000.png', FIXTURES))),
    ).toEqual({ width: 20_000, height: 20_000 });
  });

  it('leaves other formats and short headers to sharp', () => {
    expect(
      peekDimensions('jpeg', readFileSync(new URL('images/sample.jpg', FIXTURES))),
    ).toBeUndefined();
    expect(peekDimensions('png', Buffer.alloc(10))).toBeUndefined();
  });
});
