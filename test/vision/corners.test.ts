import { describe, expect, it } from 'vitest';

import { orderCorners } from '../../systems-under-test/vision/src/corners.ts';

const page = {
  topLeft: { x: 100, y: 50 },
  topRight: { x: 400, y: 70 },
  bottomRight: { x: 420, y: 460 },
  bottomLeft: { x: 80, y: 440 },
};

function turn(points: { x: number; y: number }[], degrees: number) {
  const radians = (degrees * Math.PI) / 180;
  return points.map(({ x, y }) => ({
    x: 300 + (x - 300) * Math.cos(radians) - (y - 300) * Math.sin(radians),
    y: 300 + (x - 300) * Math.sin(radians) + (y - 300) * Math.cos(radians),
  }));
}

describe('orderCorners', () => {
  it('names the corners of a page whatever order they arrive in', () => {
    const points = [page.bottomRight, page.topLeft, page.bottomLeft, page.topRight];

    expect(orderCorners(points)).toEqual(page);
  });

  it('keeps top-left first for a page turned by up to 40° either way', () => {
    const rectangle = [
      { x: 200, y: 150 },
      { x: 400, y: 150 },
      { x: 400, y: 450 },
      { x: 200, y: 450 },
    ];
    for (const degrees of [-40, -25, -10, 10, 25, 40]) {
      const turned = turn(rectangle, degrees);
      const ordered = orderCorners([turned[2]!, turned[0]!, turned[3]!, turned[1]!]);

      expect(ordered.topLeft, `${degrees}°`).toEqual(turned[0]);
      expect(ordered.topRight, `${degrees}°`).toEqual(turned[1]);
      expect(ordered.bottomRight, `${degrees}°`).toEqual(turned[2]);
    }
  });

  it('refuses anything but four points', () => {
    expect(() => orderCorners([page.topLeft, page.topRight, page.bottomRight])).toThrow(
      'A page has 4 corners, received 3.',
    );
  });
});
