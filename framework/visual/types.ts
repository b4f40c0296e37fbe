/**
 * Shapes shared by the visual layer: decoded images, regions and the
 * `nova-visual` attachment that carries a comparison to the reporters.
 */

/** A decoded image: `data` contains width × height RGBA pixels, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * What changed in one region. `colour`: same shapes, other colours. `shift`:
 * the expected content found again at an offset. `text`: content in both
 * images but of another shape, such as a changed word. `size`: the image's
 * own size changed.
 */
export type RegionKind = 'added' | 'removed' | 'colour' | 'shift' | 'text' | 'size';

export const REGION_KINDS: readonly RegionKind[] = [
  'added',
  'removed',
  'colour',
  'shift',
  'text',
  'size',
];

/** The DOM element under a region's centre. */
export interface RegionElement {
  selector: string;
  text: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Region extends Box {
  /** 1-based, in reading order: top to bottom, then left to right. */
  index: number;
  kind: RegionKind;
  /** Differing pixels inside the box. */
  pixels: number;
  /** `pixels` divided by the pixel count of the compared area. */
  share: number;
  dx?: number;
  dy?: number;
  element?: RegionElement;
}

export type ComparisonStatus = 'match' | 'mismatch' | 'missing' | 'size-changed';

/** Body of the `nova-visual` attachment (contentType {@link NOVA_VISUAL_CONTENT_TYPE}). */
export interface VisualAttachment {
  baseline: string;
  project: string;
  status: ComparisonStatus;
  width: number;
  height: number;
  baselineWidth: number | null;
  baselineHeight: number | null;
  diffPixels: number;
  diffRatio: number;
  threshold: number;
  regions: Region[];
  actualPath: string | null;
  expectedPath: string | null;
  diffPath: string | null;
  annotatedPath: string | null;
}

export const NOVA_VISUAL_ATTACHMENT = 'nova-visual';
export const NOVA_VISUAL_CONTENT_TYPE = 'application/vnd.nova.visual+json';
