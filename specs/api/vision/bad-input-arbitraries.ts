/**
 * fast-check generators of hostile requests for the vision service: random and mutated files,
 * forged headers, wrong content types and random query strings. Shared by the unit property
 * test (1,000 runs per endpoint in-process) and the HTTP spec (a sample over the network).
 */
import { crc32 } from 'node:zlib';

import fc from 'fast-check';

import { SAMPLE_IMAGES, fixtureBytes } from './fixtures.ts';

export const UPLOAD_PATHS = [
  '/images/resize',
  '/images/grayscale',
  '/images/blur',
  '/images/rotate',
  '/images/crop',
  '/images/convert',
  '/qr',
  '/scan',
] as const;

export interface HostileRequest {
  contentType: string | undefined;
  body: Buffer;
  query: Record<string, string>;
}

const samples = SAMPLE_IMAGES.map((sample) => fixtureBytes(`images/${sample.file}`));

const SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff, 0xe0],
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
];

/** A valid sample with 1 to 24 bytes overwritten at random positions. */
const mutatedSample = fc
  .record({
    sample: fc.noBias(fc.constantFrom(...samples)),
    // noBias: fast-check otherwise prefers small positions, which all land in the signature.
    edits: fc.noBias(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 24,
      }),
    ),
  })
  .map(({ sample, edits }) => {
    const bytes = Buffer.from(sample);
    for (const [position, value] of edits) bytes[position % bytes.length] = value;
    return bytes;
  });

/** A valid sample cut at a random length. */
const truncatedSample = fc
  .record({
    sample: fc.constantFrom(...samples),
    share: fc.double({ min: 0, max: 0.999, noNaN: true }),
  })
  .map(({ sample, share }) => sample.subarray(0, Math.floor(sample.length * share)));

/** The PNG sample with any width and height in its header and a valid CRC. */
const forgedPngHeader = fc
  .record({ width: fc.nat({ max: 0xffffffff }), height: fc.nat({ max: 0xffffffff }) })
  .map(({ width, height }) => {
    const png = Buffer.from(samples[0]!);
    png.writeUInt32BE(width >>> 0, 16);
    png.writeUInt32BE(height >>> 0, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    return png;
  });

/** A real format signature followed by random bytes. */
const signatureAndNoise = fc
  .record({ signature: fc.constantFrom(...SIGNATURES), tail: fc.uint8Array({ maxLength: 512 }) })
  .map(({ signature, tail }) => Buffer.concat([Buffer.from(signature), Buffer.from(tail)]));

/** Damaged real images carry most weight: they are the inputs that reach the decoders. */
export const hostileBody: fc.Arbitrary<Buffer> = fc.noBias(
  fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)),
    { arbitrary: mutatedSample, weight: 4 },
    { arbitrary: truncatedSample, weight: 2 },
    forgedPngHeader,
    { arbitrary: signatureAndNoise, weight: 2 },
    fc.constant(Buffer.alloc(0)),
  ),
);

/** octet-stream, which lets the bytes decide, carries most weight, so that most bodies are read. */
export const hostileContentType: fc.Arbitrary<string | undefined> = fc.noBias(
  fc.oneof(
    { arbitrary: fc.constant('application/octet-stream'), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        'image/png',
        'image/jpeg',
        'image/webp',
        'image/gif',
        'image/tiff',
      ),
      weight: 2,
    },
    fc.constantFrom(
      undefined,
      'application/json',
      'text/plain',
      'image/svg+xml',
      'image/png; charset=utf-8',
      'IMAGE/PNG',
      'multipart/form-data',
    ),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/),
  ),
);

const PARAMETER_NAMES = [
  'width',
  'height',
  'fit',
  'background',
  'sigma',
  'angle',
  'left',
  'top',
  'format',
  'quality',
  'engine',
  'clean',
];

const parameterValue = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    '',
    'cover',
    'fill',
    'png',
    'jpeg',
    'webp',
    'both',
    'opencv',
    'true',
    'false',
    '#ffffff',
    '1e9',
    '0x10',
    ' 5',
    '5 ',
  ),
  fc.string({ maxLength: 12 }),
);

export const hostileQuery: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.oneof(fc.constantFrom(...PARAMETER_NAMES), fc.string({ minLength: 1, maxLength: 8 })),
  parameterValue,
  { maxKeys: 5 },
);

/** Queries that each endpoint accepts, so that most requests get past the query to the body. */
const VALID_QUERIES: Record<(typeof UPLOAD_PATHS)[number], Record<string, string>[]> = {
  '/images/resize': [
    { width: '40' },
    { width: '30', height: '20', fit: 'contain' },
    { height: '16', fit: 'outside' },
  ],
  '/images/grayscale': [{}, { format: 'jpeg' }],
  '/images/blur': [{ sigma: '2' }, { sigma: '0.3' }],
  '/images/rotate': [{ angle: '30' }, { angle: '-90', background: '#102030' }],
  '/images/crop': [
    { left: '0', top: '0', width: '8', height: '8' },
    { left: '2', top: '3', width: '1', height: '1' },
  ],
  '/images/convert': [
    { format: 'webp' },
    { format: 'jpeg', quality: '50' },
    { format: 'gif' },
    { format: 'tiff' },
  ],
  '/qr': [{}, { engine: 'jsqr' }, { engine: 'opencv' }],
  '/scan': [{}, { clean: 'false' }, { width: '40', height: '60' }],
};

/** Hostile requests for one endpoint: a valid query four times in five, so that the body is reached. */
export function hostileRequestFor(
  path: (typeof UPLOAD_PATHS)[number],
): fc.Arbitrary<HostileRequest> {
  return fc.record({
    contentType: hostileContentType,
    body: hostileBody,
    query: fc.noBias(
      fc.oneof(
        { arbitrary: fc.constantFrom(...VALID_QUERIES[path]), weight: 4 },
        { arbitrary: hostileQuery, weight: 1 },
      ),
    ),
  });
}
