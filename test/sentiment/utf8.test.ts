import { describe, expect, it } from 'vitest';

import { findInvalidUtf8 } from '../../systems-under-test/sentiment/src/http/utf8.ts';

describe('findInvalidUtf8', () => {
  it('accepts ASCII, accents, CJK and emoji', () => {
    expect(findInvalidUtf8(Buffer.from('plain café 中文 😀 \u{10FFFF}', 'utf8'))).toBe(-1);
  });

  // prettier-ignore
  const invalid: [string, number[], number][] = [
    ['Latin-1 byte', [0x63, 0x61, 0x66, 0xe9], 3],
    ['lone continuation byte', [0x41, 0x80], 1],
    ['overlong slash', [0xc0, 0xaf], 0],
    ['overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['truncated sequence', [0x41, 0xe2, 0x82], 1],
    ['invalid lead byte', [0xff], 0],
  ];

  for (const [name, bytes, offset] of invalid) {
    it(`finds ${name} at offset ${offset}`, () => {
      expect(findInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
    });
  }

  it('agrees with a fatal TextDecoder', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let lead = 0x80; lead <= 0xff; lead++) {
      for (const second of [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]) {
        const bytes = Uint8Array.from([lead, second, 0x80, 0x80]);
        let decodes = true;
        try {
          decoder.decode(bytes);
        } catch {
          decodes = false;
        }
        expect(
          findInvalidUtf8(bytes) === -1,
          `bytes ${[...bytes].map((byte) => byte.toString(16)).join(' ')}`,
        ).toBe(decodes);
      }
    }
  });
});
