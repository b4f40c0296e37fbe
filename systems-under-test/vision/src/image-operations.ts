/**
 * The image operations of POST /images/<operation>: each parses its own query parameters into
 * a plan (before any pixel is read) and applies the plan to a sharp pipeline.
 */
import sharp from 'sharp';

import { ApiError } from './error-body.ts';
import { OUTPUT_FORMATS } from './image-format.ts';
import type { ImageFormat, OutputFormat } from './image-format.ts';
import { decodeOptions } from './image-input.ts';
import type { UploadedImage } from './image-input.ts';
import { MAX_OUTPUT_PIXELS, MAX_OUTPUT_SIDE } from './limits.ts';
import { QueryReader } from './query-options.ts';
import type { RawQuery } from './query-options.ts';

export const OPERATIONS = ['resize', 'grayscale', 'blur', 'rotate', 'crop', 'convert'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** sharp's fit modes (https://sharp.pixelplumbing.com/api-resize). */
export const FIT_MODES = ['cover', 'contain', 'fill', 'inside', 'outside'] as const;
export type FitMode = (typeof FIT_MODES)[number];

/** Formats that can hold a single grey channel; WebP and GIF always store colour. */
const GREY_FORMATS = ['png', 'jpeg', 'tiff'] as const;

export type OperationPlan =
  | { operation: 'resize'; width?: number; height?: number; fit: FitMode; background: string }
  | { operation: 'grayscale' }
  | { operation: 'blur'; sigma: number }
  | { operation: 'rotate'; angle: number; background: string }
  | { operation: 'crop'; left: number; top: number; width: number; height: number }
  | { operation: 'convert' };

export interface OperationRequest {
  plan: OperationPlan;
  /** Output format; undefined keeps the input's format. */
  format?: OutputFormat;
  /** JPEG and WebP quality, 1 to 100. */
  quality?: number;
}

export interface OperationFaults {
  grayscaleThreeChannels?: boolean;
  resizeOffByOne?: boolean;
}

export interface ImageResult {
  bytes: Buffer;
  format: OutputFormat;
  width: number;
  height: number;
  channels: number;
}

function readPlan(operation: Operation, reader: QueryReader): OperationPlan | undefined {
  switch (operation) {
    case 'resize': {
      const width = reader.integer('width', 1, MAX_OUTPUT_SIDE, false);
      const height = reader.integer('height', 1, MAX_OUTPUT_SIDE, false);
      const fit = reader.choice('fit', FIT_MODES) ?? 'cover';
      const background = reader.colour('background') ?? '#ffffff';
      return { operation, width, height, fit, background };
    }
    case 'grayscale':
      return { operation };
    case 'blur': {
      // sharp's Gaussian blur takes sigma from 0.3 to 1000; 100 already blurs beyond recognition.
      const sigma = reader.number('sigma', 0.3, 100, true);
      return sigma === undefined ? undefined : { operation, sigma };
    }
    case 'rotate': {
      const angle = reader.number('angle', -360, 360, true);
      const background = reader.colour('background') ?? '#ffffff';
      return angle === undefined ? undefined : { operation, angle, background };
    }
    case 'crop': {
      const left = reader.integer('left', 0, MAX_OUTPUT_SIDE, true);
      const top = reader.integer('top', 0, MAX_OUTPUT_SIDE, true);
      const width = reader.integer('width', 1, MAX_OUTPUT_SIDE, true);
      const height = reader.integer('height', 1, MAX_OUTPUT_SIDE, true);
      if (left === undefined || top === undefined || width === undefined || height === undefined) {
        return undefined;
      }
      return { operation, left, top, width, height };
    }
    case 'convert':
      return { operation };
  }
}

/** Parses the query of POST /images/<operation>; throws a 400 listing every problem. */
export function parseOperationRequest(operation: Operation, query: RawQuery): OperationRequest {
  const reader = new QueryReader(query);
  const plan = readPlan(operation, reader);
  const format = reader.choice('format', OUTPUT_FORMATS);
  const quality = reader.integer('quality', 1, 100, false);

  if (plan?.operation === 'resize' && plan.width === undefined && plan.height === undefined) {
    if (!Object.hasOwn(query, 'width') && !Object.hasOwn(query, 'height')) {
      reader.problem('width', 'or height is required: an integer from 1 to 8192');
    }
  }
  if (operation === 'convert' && format === undefined && !Object.hasOwn(query, 'format')) {
    reader.problem('format', `is required: one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (
    operation === 'grayscale' &&
    format !== undefined &&
    !(GREY_FORMATS as readonly string[]).includes(format)
  ) {
    reader.problem(
      'format',
      `is "${format}", which cannot store one grey channel; use one of ${GREY_FORMATS.join(', ')}`,
    );
  }
  if (quality !== undefined && format !== 'jpeg' && format !== 'webp') {
    reader.problem('quality', 'applies to format=jpeg and format=webp only');
  }

  reader.finish(`POST /images/${operation}`);
  return { plan: plan!, format, quality };
}

/** The size of the output, computed the way sharp computes it, to refuse huge outputs up front. */
function outputSize(plan: OperationPlan, image: UploadedImage): { width: number; height: number } {
  switch (plan.operation) {
    case 'resize': {
      const ratio = image.width / image.height;
      const width = plan.width ?? Math.round((plan.height ?? image.height) * ratio);
      const height = plan.height ?? Math.round((plan.width ?? image.width) / ratio);
      if (plan.width !== undefined && plan.height !== undefined && plan.fit === 'outside') {
        const scale = Math.max(plan.width / image.width, plan.height / image.height);
        return { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
      }
      return { width, height };
    }
    case 'rotate': {
      const radians = (plan.angle * Math.PI) / 180;
      const cos = Math.abs(Math.cos(radians));
      const sin = Math.abs(Math.sin(radians));
      return {
        width: Math.ceil(image.width * cos + image.height * sin),
        height: Math.ceil(image.width * sin + image.height * cos),
      };
    }
    case 'crop':
      return { width: plan.width, height: plan.height };
    default:
      return { width: image.width, height: image.height };
  }
}

function checkPlanAgainstImage(plan: OperationPlan, image: UploadedImage): void {
  if (plan.operation === 'crop') {
    const right = plan.left + plan.width;
    const bottom = plan.top + plan.height;
    if (right > image.width || bottom > image.height) {
      throw new ApiError(
        400,
        'CROP_OUTSIDE_IMAGE',
        `The crop area ${plan.width} × ${plan.height} at (${plan.left}, ${plan.top}) reaches (${right}, ${bottom}), ` +
          `outside the ${image.width} × ${image.height} image. Keep left + width ≤ ${image.width} and top + height ≤ ${image.height}.`,
        [
          {
            field: right > image.width ? 'query.width' : 'query.height',
            message: 'reaches outside the image',
          },
        ],
      );
    }
  }

  const size = outputSize(plan, image);
  if (
    size.width > MAX_OUTPUT_SIDE ||
    size.height > MAX_OUTPUT_SIDE ||
    size.width * size.height > MAX_OUTPUT_PIXELS
  ) {
    throw new ApiError(
      413,
      'OUTPUT_TOO_LARGE',
      `The result would be ${size.width} × ${size.height} pixels; the limits are ${MAX_OUTPUT_SIDE} pixels per side ` +
        `and ${MAX_OUTPUT_PIXELS.toLocaleString('en-US')} pixels in all. Ask for a smaller size.`,
    );
  }
}

function defaultFormat(plan: OperationPlan, input: ImageFormat): OutputFormat {
  if (plan.operation === 'grayscale' && !(GREY_FORMATS as readonly string[]).includes(input))
    return 'png';
  return input;
}

/** Applies one operation and encodes the result; the returned size and channels are read back from the encoded image. */
export async function applyOperation(
  request: OperationRequest,
  image: UploadedImage,
  faults: OperationFaults = {},
): Promise<ImageResult> {
  const { plan } = request;
  checkPlanAgainstImage(plan, image);

  let pipeline = sharp(image.bytes, decodeOptions());
  switch (plan.operation) {
    case 'resize': {
      // Seeded fault vision.resize-off-by-one: the width loses a pixel.
      const width =
        faults.resizeOffByOne === true && plan.width !== undefined ? plan.width - 1 : plan.width;
      pipeline = pipeline.resize({
        width,
        height: plan.height,
        fit: plan.fit,
        background: plan.background,
      });
      break;
    }
    case 'grayscale':
      // One channel: transparency is flattened onto white first, else b-w keeps an alpha channel.
      pipeline = pipeline.flatten({ background: '#ffffff' }).grayscale();
      // Seeded fault vision.grayscale-three-channels: the grey image is stored as sRGB.
      pipeline = pipeline.toColourspace(faults.grayscaleThreeChannels === true ? 'srgb' : 'b-w');
      break;
    case 'blur':
      pipeline = pipeline.blur(plan.sigma);
      break;
    case 'rotate':
      pipeline = pipeline.rotate(plan.angle, { background: plan.background });
      break;
    case 'crop':
      pipeline = pipeline.extract({
        left: plan.left,
        top: plan.top,
        width: plan.width,
        height: plan.height,
      });
      break;
    case 'convert':
      break;
  }

  const format = request.format ?? defaultFormat(plan, image.format);
  const quality = request.quality;
  pipeline =
    format === 'jpeg' || format === 'webp'
      ? pipeline.toFormat(format, quality === undefined ? {} : { quality })
      : pipeline.toFormat(format);

  const bytes = await pipeline.toBuffer();
  const written = await sharp(bytes, { limitInputPixels: false }).metadata();
  return {
    bytes,
    format,
    width: written.width ?? 0,
    height: written.height ?? 0,
    channels: written.channels ?? 0,
  };
}
