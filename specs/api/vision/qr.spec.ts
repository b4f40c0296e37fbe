import { expect, test } from '../../fixtures.ts';
import { qrResponseSchema } from './contract.ts';
import { CORNER_NAMES, QR_EXPECTED, fixtureBytes, largestCornerError } from './fixtures.ts';
import type { Corners } from './fixtures.ts';

interface QrBody {
  width: number;
  height: number;
  codes: { text: string; corners: Corners; foundBy: string[] }[];
  engines: { engine: string; codes: number; error?: string }[];
}

const ENGINES = ['jsqr', 'opencv'] as const;
const tolerance = QR_EXPECTED.cornerTolerancePx;

test.describe('POST /qr decodes every fixture', () => {
  for (const fixture of QR_EXPECTED.fixtures) {
    const texts = fixture.codes.map((code) => code.text);

    test(
      `${fixture.file}: ${fixture.description}`,
      { tag: fixture.codes.length === 0 ? '@VISION-011' : '@VISION-009' },
      async ({ visionApi }) => {
        const response = await visionApi
          .post('/qr')
          .set('content-type', 'application/octet-stream')
          .send(fixtureBytes(`qr/${fixture.file}`));

        expect(response.status).toBe(200);
        expect(response.body).toMatchSchema(qrResponseSchema);
        const body = response.body as QrBody;
        expect({ width: body.width, height: body.height }).toEqual({
          width: fixture.width,
          height: fixture.height,
        });
        expect(body.codes.map((code) => code.text).sort()).toEqual([...texts].sort());
        expect(body.engines.filter((engine) => engine.error !== undefined)).toEqual([]);
        for (const expected of fixture.codes) {
          const found = body.codes.find((code) => code.text === expected.text)!;
          expect(found.foundBy, `readers of "${expected.text}"`).toEqual(expected.foundBy);
        }
      },
    );

    for (const engine of ENGINES) {
      const expectedTexts = fixture.codes
        .filter((code) => code.foundBy.includes(engine))
        .map((code) => code.text);
      test(
        `${fixture.file} with engine=${engine} finds ${expectedTexts.length} code(s)`,
        { tag: '@VISION-009' },
        async ({ visionApi }) => {
          const response = await visionApi
            .post('/qr')
            .query({ engine })
            .set('content-type', 'application/octet-stream')
            .send(fixtureBytes(`qr/${fixture.file}`));

          expect(response.status).toBe(200);
          const body = response.body as QrBody;
          expect(body.engines).toEqual([{ engine, codes: expectedTexts.length }]);
          expect(body.codes.map((code) => code.text).sort()).toEqual([...expectedTexts].sort());
          expect(
            body.codes.every((code) => code.foundBy.length === 1 && code.foundBy[0] === engine),
          ).toBe(true);
        },
      );
    }
  }
});

test.describe('POST /qr corners', () => {
  for (const fixture of QR_EXPECTED.fixtures.filter((candidate) => candidate.codes.length > 0)) {
    for (const engine of ENGINES) {
      const codes = fixture.codes.filter((code) => code.foundBy.includes(engine));
      if (codes.length === 0) continue;

      test(
        `${fixture.file} with engine=${engine}: corners within ${tolerance} px`,
        { tag: '@VISION-010' },
        async ({ visionApi }) => {
          const response = await visionApi
            .post('/qr')
            .query({ engine })
            .set('content-type', 'application/octet-stream')
            .send(fixtureBytes(`qr/${fixture.file}`));
          const body = response.body as QrBody;

          for (const expected of codes) {
            const found = body.codes.find((code) => code.text === expected.text);
            expect(found, `code "${expected.text}"`).toBeDefined();
            const error = largestCornerError(found!.corners, expected.corners);
            expect(
              error,
              `largest corner error of "${expected.text}": found ${JSON.stringify(found!.corners)}`,
            ).toBeLessThanOrEqual(tolerance);
          }
        },
      );
    }
  }

  test(
    'corners follow the code, not the image: upside down, top-left is bottom-right',
    { tag: '@VISION-010' },
    async ({ visionApi }) => {
      const response = await visionApi
        .post('/qr')
        .set('content-type', 'image/png')
        .send(fixtureBytes('qr/qr-upside-down.png'));
      const [code] = (response.body as QrBody).codes;

      expect(code).toBeDefined();
      const { topLeft, bottomRight } = code!.corners;
      expect(topLeft.x).toBeGreaterThan(bottomRight.x);
      expect(topLeft.y).toBeGreaterThan(bottomRight.y);
      // The four corners are distinct points of the symbol.
      const keys = new Set(
        CORNER_NAMES.map(
          (name) => `${Math.round(code!.corners[name].x)},${Math.round(code!.corners[name].y)}`,
        ),
      );
      expect(keys.size).toBe(4);
    },
  );

  test(
    'codes are listed top to bottom, then left to right',
    { tag: '@VISION-009' },
    async ({ visionApi }) => {
      const response = await visionApi
        .post('/qr')
        .set('content-type', 'image/png')
        .send(fixtureBytes('qr/qr-three-codes.png'));

      expect((response.body as QrBody).codes.map((code) => code.text)).toEqual([
        'ALPHA-1',
        'Grüße aus Köln',
        'https://nova.test/b?id=2',
      ]);
    },
  );
});
