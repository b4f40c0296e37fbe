import sharp from 'sharp';
import type { Metadata, SharpOptions } from 'sharp';

import { ApiError } from './error-body.ts';
import {
  ACCEPTED_CONTENT_TYPES,
  MEDIA_TYPES,
  describeUnsupportedBytes,
  detectImageFormat,
  peekDimensions,
} from './image-format.ts';
import type { ImageFormat } from './image-format.ts';
import { MAX_INPUT_PIXELS, MAX_INPUT_SIDE } from './limits.ts';

/** An upload that passed every check: a supported format, within the limits, pixels decodable. */
export interface UploadedImage {
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  channels: number;
  hasAlpha: boolean;
}

export interface ReadUploadOptions {
  /** Seeded fault vision.oversize-wrong-status. */
  oversizeWrongStatus?: boolean;
  /** Seeded fault vision.crash-on-truncated-png. */
  crashOnTruncatedPng?: boolean;
}

const SUPPORTED = `${ACCEPTED_CONTENT_TYPES.slice(0, -1).join(', ')} (or application/octet-stream)`;

/** sharp options for every decode: the pixel limit again, and the first frame of an animation only. */
export function decodeOptions(): SharpOptions {
  return { limitInputPixels: MAX_INPUT_PIXELS, pages: 1, failOn: 'warning' };
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

function checkDimensions(
  width: number,
  height: number,
  format: ImageFormat,
  options: ReadUploadOptions,
): void {
  if (width === 0 || height === 0) {
    throw new ApiError(
      422,
      'ZERO_SIZE_IMAGE',
      `The ${format.toUpperCase()} header declares a size of ${width} × ${height} pixels. ` +
        'An image needs at least one pixel in each direction: re-export it from the program that made it.',
    );
  }

  const pixels = width * height;
  if (width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE || pixels > MAX_INPUT_PIXELS) {
    const message =
      `The image is ${width} × ${height} pixels (${pixels.toLocaleString('en-US')} pixels). ` +
      `The limits are ${MAX_INPUT_SIDE.toLocaleString('en-US')} pixels per side and ` +
      `${MAX_INPUT_PIXELS.toLocaleString('en-US')} pixels in all: scale it down before uploading.`;
    // Seeded fault vision.oversize-wrong-status: the limit returns a generic 400.
    if (options.oversizeWrongStatus === true) throw new ApiError(400, 'BAD_REQUEST', message);
    throw new ApiError(413, 'TOO_MANY_PIXELS', message);
  }
}

/**
 * Checks an upload from the cheapest test to the most expensive: presence, the declared content
 * type, the signature bytes, the dimensions in the header, and last a full decode of the pixels,
 * so that a corrupt file is refused here and not halfway through an operation.
 */
export async function readUpload(
  body: unknown,
  contentType: string | undefined,
  options: ReadUploadOptions = {},
): Promise<UploadedImage> {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === undefined || mediaType === '') {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The Content-Type header is missing. Send the image bytes as the body with Content-Type ${SUPPORTED}.`,
      [{ field: 'header.content-type', message: 'is missing' }],
    );
  }

  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new ApiError(
      400,
      'EMPTY_BODY',
      'The request body is empty (0 bytes). Send the image file itself as the body.',
      [{ field: 'body', message: 'is empty' }],
    );
  }

  const format = detectImageFormat(body);
  if (format === undefined) {
    throw new ApiError(
      415,
      'UNSUPPORTED_IMAGE_FORMAT',
      `The body (${body.length} bytes) is ${describeUnsupportedBytes(body)}, not a PNG, JPEG, WebP, GIF or TIFF image. ` +
        'Convert it to one of those formats first.',
      [{ field: 'body', message: 'is not a supported image format' }],
    );
  }

  if (mediaType !== 'application/octet-stream' && mediaType !== MEDIA_TYPES[format]) {
    throw new ApiError(
      415,
      'CONTENT_TYPE_MISMATCH',
      `The Content-Type header says "${mediaType}" but the body is a ${format.toUpperCase()} image. ` +
        `Send it with Content-Type ${MEDIA_TYPES[format]}, or application/octet-stream.`,
      [{ field: 'header.content-type', message: `does not match the ${format} body` }],
    );
  }

  const peeked = peekDimensions(format, body);
  if (peeked !== undefined) checkDimensions(peeked.width, peeked.height, format, options);

  let metadata: Metadata;
  try {
    // The header only, so the pixel limit is off here: the check below names the real size.
    metadata = await sharp(body, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (error) {
    throw corruptImage(format, body.length, error);
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  checkDimensions(width, height, format, options);

  try {
    // Decoding every pixel is the only way to find a file cut short or damaged inside.
    await sharp(body, decodeOptions()).raw().toBuffer();
  } catch (error) {
    // Seeded fault vision.crash-on-truncated-png: a truncated PNG escapes as an unexpected error.
    if (options.crashOnTruncatedPng === true && format === 'png') {
      throw new TypeError('Cannot read properties of undefined (reading "pixels")');
    }
    throw corruptImage(format, body.length, error);
  }

  return {
    bytes: body,
    format,
    width,
    height,
    channels: metadata.channels ?? 3,
    hasAlpha: metadata.hasAlpha ?? false,
  };
}

function corruptImage(format: ImageFormat, size: number, cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message.trim().replace(/:$/, '') : String(cause);
  return new ApiError(
    422,
    'CORRUPT_IMAGE',
    `The ${format.toUpperCase()} file (${size} bytes) cannot be decoded: ${reason}. ` +
      'It is damaged or cut short; upload the complete file again.',
    [{ field: 'body', message: 'cannot be decoded' }],
  );
}
