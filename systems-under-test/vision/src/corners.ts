/** A point in image pixels, x to the right and y down from the top-left corner of the image. */
export interface Point {
  x: number;
  y: number;
}

/** Four corners of a quadrilateral, named as a reader of the page or code sees them. */
export interface Corners {
  topLeft: Point;
  topRight: Point;
  bottomRight: Point;
  bottomLeft: Point;
}

/** The corners in the order TL, TR, BR, BL. */
export function cornerList(corners: Corners): [Point, Point, Point, Point] {
  return [corners.topLeft, corners.topRight, corners.bottomRight, corners.bottomLeft];
}

export function cornersFromList(points: readonly Point[]): Corners {
  const [topLeft, topRight, bottomRight, bottomLeft] = points;
  if (
    topLeft === undefined ||
    topRight === undefined ||
    bottomRight === undefined ||
    bottomLeft === undefined
  ) {
    throw new RangeError(`Four corners are needed, received ${points.length}.`);
  }
  return { topLeft, topRight, bottomRight, bottomLeft };
}

/**
 * Names the four corners of a page by their position in the image. The points are first sorted
 * by angle around their centroid, which gives a simple polygon for any convex quadrilateral; the
 * top-left corner is then the one with the smallest x + y, and the rest follow clockwise (y grows
 * downwards, so increasing angle is clockwise on screen). This stays correct for a page turned by
 * up to 45°, where the classic "smallest sum, largest sum" rule alone can pick a corner twice.
 */
export function orderCorners(points: readonly Point[]): Corners {
  if (points.length !== 4) {
    throw new RangeError(`A page has 4 corners, received ${points.length}.`);
  }

  const centre = {
    x: points.reduce((sum, point) => sum + point.x, 0) / 4,
    y: points.reduce((sum, point) => sum + point.y, 0) / 4,
  };
  const clockwise = [...points].sort(
    (a, b) =>
      Math.atan2(a.y - centre.y, a.x - centre.x) - Math.atan2(b.y - centre.y, b.x - centre.x),
  );

  let start = 0;
  for (let index = 1; index < 4; index++) {
    const candidate = clockwise[index]!;
    const best = clockwise[start]!;
    if (candidate.x + candidate.y < best.x + best.y) start = index;
  }
  return cornersFromList([0, 1, 2, 3].map((offset) => clockwise[(start + offset) % 4]!));
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Rounds to 0.1 pixel, the precision that the detectors deliver. */
export function roundPoint(point: Point): Point {
  return { x: Math.round(point.x * 10) / 10, y: Math.round(point.y * 10) / 10 };
}

export function roundCorners(corners: Corners): Corners {
  return cornersFromList(cornerList(corners).map(roundPoint));
}

export function scaleCorners(corners: Corners, factor: number): Corners {
  return cornersFromList(
    cornerList(corners).map((point) => ({ x: point.x * factor, y: point.y * factor })),
  );
}
