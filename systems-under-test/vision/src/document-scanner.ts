/**
 * Document scanner: finds the page in a photo (edges, contours, a four-point polygon), maps it to
 * a flat rectangle with a perspective transform and cleans it with an adaptive threshold.
 * The steps follow the classic OpenCV recipe: Canny edges, the largest convex contour that
 * approxPolyDP reduces to four points, getPerspectiveTransform and warpPerspective.
 */
import { cornerList, distance, orderCorners } from './corners.ts';
import type { Corners, Point } from './corners.ts';
import { ApiError } from './error-body.ts';
import { MAX_OUTPUT_SIDE } from './limits.ts';
import type { CvMat, OpenCv } from './opencv.ts';
import type { RgbaImage } from './qr-reader.ts';

/** Longest side of the copy that edges are searched in; the page outline needs no more detail. */
const DETECTION_SIDE = 800;

/** A page covers at least this share of the photo; smaller quadrilaterals are labels or windows. */
const MIN_PAGE_AREA_SHARE = 0.1;

/**
 * approxPolyDP tolerance as a share of the contour's perimeter. 2 % is the usual value for page
 * outlines; 4 % is tried next for pages with a bent or shadowed edge.
 */
const POLYGON_TOLERANCES = [0.02, 0.04];

/** Canny hysteresis thresholds: a ratio of 1:3 as Canny recommends, low enough for grey-on-grey edges. */
const CANNY_LOW = 40;
const CANNY_HIGH = 120;

/**
 * Adaptive threshold: each pixel is compared with the Gaussian-weighted mean of its 25 × 25
 * neighbourhood minus 10, so uneven lighting across the page turns white and ink stays black.
 */
const THRESHOLD_BLOCK_SIZE = 25;
const THRESHOLD_OFFSET = 10;

export interface ScanOptions {
  /** Size of the flat page; by default the length of the page's longer edges. */
  width?: number;
  height?: number;
  /** Apply the adaptive threshold and return one grey channel. */
  clean: boolean;
  /** Seeded fault vision.corners-wrong-order. */
  cornersWrongOrder?: boolean;
}

export interface ScanResult {
  corners: Corners;
  width: number;
  height: number;
  channels: 1 | 3;
  /** width × height × channels bytes. */
  pixels: Uint8Array;
}

function readPoints(mat: CvMat): Point[] {
  const points: Point[] = [];
  for (let index = 0; index < mat.rows; index++) {
    points.push({ x: mat.data32S[index * 2]!, y: mat.data32S[index * 2 + 1]! });
  }
  return points;
}

/** Returns the page's corners in the coordinates of `image`, or undefined when no page is found. */
export function findPageCorners(cv: OpenCv, image: RgbaImage): Corners | undefined {
  const scale = Math.min(1, DETECTION_SIDE / Math.max(image.width, image.height));
  const rgba = new cv.Mat(image.height, image.width, cv.CV_8UC4);
  const small = new cv.Mat();
  const grey = new cv.Mat();
  const edges = new cv.Mat();
  const kernel = cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(3, 3));
  const contours = new cv.MatVector();
  const hierarchy = new cv.Mat();
  try {
    rgba.data.set(image.data);
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    cv.resize(rgba, small, new cv.Size(width, height), 0, 0, cv.INTER_AREA);
    cv.cvtColor(small, grey, cv.COLOR_RGBA2GRAY);
    cv.GaussianBlur(grey, grey, new cv.Size(5, 5), 0);
    cv.Canny(grey, edges, CANNY_LOW, CANNY_HIGH);
    // Closes one-pixel gaps in the outline, which would split the page into open curves.
    cv.dilate(edges, edges, kernel);
    cv.findContours(edges, contours, hierarchy, cv.RETR_LIST, cv.CHAIN_APPROX_SIMPLE);

    const minArea = MIN_PAGE_AREA_SHARE * width * height;
    const candidates: { index: number; area: number }[] = [];
    for (let index = 0; index < contours.size(); index++) {
      const contour = contours.get(index);
      const area = cv.contourArea(contour);
      contour.delete();
      if (area >= minArea) candidates.push({ index, area });
    }
    candidates.sort((a, b) => b.area - a.area);

    for (const tolerance of POLYGON_TOLERANCES) {
      for (const candidate of candidates) {
        const contour = contours.get(candidate.index);
        const polygon = new cv.Mat();
        try {
          cv.approxPolyDP(contour, polygon, tolerance * cv.arcLength(contour, true), true);
          if (polygon.rows === 4 && cv.isContourConvex(polygon)) {
            const points = readPoints(polygon).map((point) => ({
              x: point.x / scale,
              y: point.y / scale,
            }));
            return orderCorners(points);
          }
        } finally {
          polygon.delete();
          contour.delete();
        }
      }
    }
    return undefined;
  } finally {
    for (const resource of [rgba, small, grey, edges, kernel, contours, hierarchy])
      resource.delete();
  }
}

/** Size of the flat page: the longer of each pair of opposite edges, so no detail is squeezed. */
export function flatPageSize(corners: Corners): { width: number; height: number } {
  const [topLeft, topRight, bottomRight, bottomLeft] = cornerList(corners);
  return {
    width: Math.round(Math.max(distance(topLeft, topRight), distance(bottomLeft, bottomRight))),
    height: Math.round(Math.max(distance(topLeft, bottomLeft), distance(topRight, bottomRight))),
  };
}

/** Maps the page to a flat width × height rectangle and, with `clean`, thresholds it. */
export function flattenPage(
  cv: OpenCv,
  image: RgbaImage,
  corners: Corners,
  size: { width: number; height: number },
  clean: boolean,
): Pick<ScanResult, 'pixels' | 'channels'> {
  const source = cv.matFromArray(
    4,
    1,
    cv.CV_32FC2,
    cornerList(corners).flatMap((point) => [point.x, point.y]),
  );
  const target = cv.matFromArray(4, 1, cv.CV_32FC2, [
    0,
    0,
    size.width,
    0,
    size.width,
    size.height,
    0,
    size.height,
  ]);
  const rgba = new cv.Mat(image.height, image.width, cv.CV_8UC4);
  const flat = new cv.Mat();
  const grey = new cv.Mat();
  const cleaned = new cv.Mat();
  let transform: CvMat | undefined;
  try {
    rgba.data.set(image.data);
    transform = cv.getPerspectiveTransform(source, target);
    cv.warpPerspective(
      rgba,
      flat,
      transform,
      new cv.Size(size.width, size.height),
      cv.INTER_LINEAR,
      cv.BORDER_REPLICATE,
      new cv.Scalar(),
    );
    if (!clean) {
      const rgb = new Uint8Array(size.width * size.height * 3);
      for (let pixel = 0; pixel < size.width * size.height; pixel++) {
        rgb[pixel * 3] = flat.data[pixel * 4]!;
        rgb[pixel * 3 + 1] = flat.data[pixel * 4 + 1]!;
        rgb[pixel * 3 + 2] = flat.data[pixel * 4 + 2]!;
      }
      return { pixels: rgb, channels: 3 };
    }

    cv.cvtColor(flat, grey, cv.COLOR_RGBA2GRAY);
    cv.adaptiveThreshold(
      grey,
      cleaned,
      255,
      cv.ADAPTIVE_THRESH_GAUSSIAN_C,
      cv.THRESH_BINARY,
      THRESHOLD_BLOCK_SIZE,
      THRESHOLD_OFFSET,
    );
    return { pixels: new Uint8Array(cleaned.data), channels: 1 };
  } finally {
    for (const resource of [source, target, rgba, flat, grey, cleaned, transform])
      resource?.delete();
  }
}

/** Finds, flattens and cleans the page; a photo without a page gives 422 NO_DOCUMENT_FOUND. */
export function scanDocument(cv: OpenCv, image: RgbaImage, options: ScanOptions): ScanResult {
  const corners = findPageCorners(cv, image);
  if (corners === undefined) {
    throw new ApiError(
      422,
      'NO_DOCUMENT_FOUND',
      `No page found in the ${image.width} × ${image.height} image: no four-cornered outline covers at least ` +
        `${MIN_PAGE_AREA_SHARE * 100} % of it. Photograph the whole page against a darker, plain background.`,
    );
  }

  const natural = flatPageSize(corners);
  const size = { width: options.width ?? natural.width, height: options.height ?? natural.height };
  if (
    size.width > MAX_OUTPUT_SIDE ||
    size.height > MAX_OUTPUT_SIDE ||
    size.width < 1 ||
    size.height < 1
  ) {
    throw new ApiError(
      413,
      'OUTPUT_TOO_LARGE',
      `The flat page would be ${size.width} × ${size.height} pixels; the limit is ${MAX_OUTPUT_SIDE} per side. Pass smaller width and height.`,
    );
  }

  const { pixels, channels } = flattenPage(cv, image, corners, size, options.clean);
  // Seeded fault vision.corners-wrong-order: the list starts one corner late, at the top-right.
  const reported =
    options.cornersWrongOrder === true
      ? {
          topLeft: corners.topRight,
          topRight: corners.bottomRight,
          bottomRight: corners.bottomLeft,
          bottomLeft: corners.topLeft,
        }
      : corners;
  return { corners: reported, width: size.width, height: size.height, channels, pixels };
}
