import { expect, test } from '../../fixtures.ts';
import { errorSchema, healthSchema } from './contract.ts';
import { BAD_UPLOADS, pngWithDimensions } from './bad-inputs.ts';
import { fixtureBytes, sample } from './fixtures.ts';

interface ErrorBody {
  code: string;
  message: string;
  details: { field: string; message: string }[];
}

/** Every endpoint that takes an upload, with a query that is valid for it. */
const UPLOAD_ENDPOINTS: { path: string; query: Record<string, string | number> }[] = [
  { path: '/images/resize', query: { width: 10 } },
  { path: '/images/grayscale', query: {} },
  { path: '/images/blur', query: { sigma: 2 } },
  { path: '/images/rotate', query: { angle: 90 } },
  { path: '/images/crop', query: { left: 0, top: 0, width: 4, height: 4 } },
  { path: '/images/convert', query: { format: 'png' } },
  { path: '/qr', query: {} },
  { path: '/scan', query: {} },
];

const UPLOAD_TAGS: Record<number, string> = {
  400: '@VISION-015',
  415: '@VISION-015',
  422: '@VISION-016',
  413: '@VISION-017',
};

test.describe('every upload endpoint refuses bad files with a clear 4xx', () => {
  for (const upload of BAD_UPLOADS) {
    test(
      `${upload.name} gives ${upload.status} ${upload.code}`,
      { tag: UPLOAD_TAGS[upload.status]! },
      async ({ visionApi }) => {
        test.slow(upload.slow === true, 'sends 9 MiB to each endpoint');
        for (const endpoint of UPLOAD_ENDPOINTS) {
          let request = visionApi.post(endpoint.path).query(endpoint.query);
          // supertest sets application/octet-stream for a Buffer unless told otherwise; an empty type removes it.
          request = request.set('content-type', upload.contentType ?? '');
          const response = await request.send(upload.body);

          const where = `POST ${endpoint.path}`;
          expect(response.status, `${where}: ${response.text}`).toBe(upload.status);
          expect(response.headers['content-type'], where).toMatch(/^application\/json/);
          expect(response.body, where).toMatchSchema(errorSchema);
          const body = response.body as ErrorBody;
          expect(body.code, where).toBe(upload.code);
          expect(body.message, where).toContain(upload.mentions);
        }
      },
    );
  }
});

interface BadQuery {
  path: string;
  query: string;
  file?: string;
  status: number;
  code: string;
  /** Every field that details must name, one per problem. */
  fields: string[];
}

// prettier-ignore
const BAD_QUERIES: BadQuery[] = [
  { path: '/images/resize', query: '', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
  { path: '/images/resize', query: 'width=0', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
  { path: '/images/resize', query: 'width=ten', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
  { path: '/images/resize', query: 'width=1.5', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
  { path: '/images/resize', query: 'width=9000', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
  { path: '/images/resize', query: 'width=10&fit=stretch', status: 400, code: 'INVALID_QUERY', fields: ['query.fit'] },
  { path: '/images/resize', query: 'width=10&width=20', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
  { path: '/images/resize', query: 'width=10&background=red', status: 400, code: 'INVALID_QUERY', fields: ['query.background'] },
  { path: '/images/resize', query: 'width=10&colour=red', status: 400, code: 'INVALID_QUERY', fields: ['query.colour'] },
  { path: '/images/resize', query: 'width=8000&height=8000&fit=fill', status: 413, code: 'OUTPUT_TOO_LARGE', fields: [] },
  { path: '/images/blur', query: '', status: 400, code: 'INVALID_QUERY', fields: ['query.sigma'] },
  { path: '/images/blur', query: 'sigma=0.1', status: 400, code: 'INVALID_QUERY', fields: ['query.sigma'] },
  { path: '/images/blur', query: 'sigma=NaN', status: 400, code: 'INVALID_QUERY', fields: ['query.sigma'] },
  { path: '/images/blur', query: 'sigma=1e3', status: 400, code: 'INVALID_QUERY', fields: ['query.sigma'] },
  { path: '/images/rotate', query: 'angle=quarter', status: 400, code: 'INVALID_QUERY', fields: ['query.angle'] },
  { path: '/images/rotate', query: 'angle=720', status: 400, code: 'INVALID_QUERY', fields: ['query.angle'] },
  { path: '/images/crop', query: '', status: 400, code: 'INVALID_QUERY', fields: ['query.left', 'query.top', 'query.width', 'query.height'] },
  { path: '/images/crop', query: 'left=-1&top=0&width=10&height=10', status: 400, code: 'INVALID_QUERY', fields: ['query.left'] },
  { path: '/images/crop', query: 'left=150&top=0&width=20&height=10', status: 400, code: 'CROP_OUTSIDE_IMAGE', fields: ['query.width'] },
  { path: '/images/crop', query: 'left=0&top=100&width=20&height=30', status: 400, code: 'CROP_OUTSIDE_IMAGE', fields: ['query.height'] },
  { path: '/images/convert', query: '', status: 400, code: 'INVALID_QUERY', fields: ['query.format'] },
  { path: '/images/convert', query: 'format=bmp', status: 400, code: 'INVALID_QUERY', fields: ['query.format'] },
  { path: '/images/convert', query: 'format=png&quality=80', status: 400, code: 'INVALID_QUERY', fields: ['query.quality'] },
  { path: '/images/convert', query: 'format=jpeg&quality=0', status: 400, code: 'INVALID_QUERY', fields: ['query.quality'] },
  { path: '/images/grayscale', query: 'format=webp', status: 400, code: 'INVALID_QUERY', fields: ['query.format'] },
  { path: '/qr', query: 'engine=zxing', status: 400, code: 'INVALID_QUERY', fields: ['query.engine'] },
  { path: '/scan', query: 'clean=maybe&width=0', status: 400, code: 'INVALID_QUERY', fields: ['query.width', 'query.clean'] },
  { path: '/scan', query: 'width=9000', status: 400, code: 'INVALID_QUERY', fields: ['query.width'] },
];

test.describe('invalid parameters give one detail per problem', () => {
  for (const bad of BAD_QUERIES) {
    test(
      `POST ${bad.path}?${bad.query} gives ${bad.status} ${bad.code}`,
      { tag: '@VISION-018' },
      async ({ visionApi }) => {
        const input = sample(bad.file ?? 'sample.png');
        const response = await visionApi
          .post(`${bad.path}?${bad.query}`)
          .set('content-type', input.mediaType)
          .send(input.bytes);

        expect(response.status, response.text).toBe(bad.status);
        expect(response.body).toMatchSchema(errorSchema);
        const body = response.body as ErrorBody;
        expect(body.code).toBe(bad.code);
        expect(body.details.map((detail) => detail.field).sort()).toEqual([...bad.fields].sort());
        // The message names the first parameter at fault, so one look is enough.
        if (bad.fields.length > 0)
          expect(body.message).toContain(bad.fields[0]!.replace('query.', '').split('.')[0]);
      },
    );
  }

  test(
    'a parameter problem is reported before the image is read',
    { tag: '@VISION-018' },
    async ({ visionApi }) => {
      // The body is a bomb; a 400 about the query shows that no pixel was decoded.
      const response = await visionApi
        .post('/images/blur?sigma=0')
        .set('content-type', 'image/png')
        .send(fixtureBytes('bad/bomb-20000x20000.png'));

      expect(response.status).toBe(400);
      expect((response.body as ErrorBody).code).toBe('INVALID_QUERY');
    },
  );
});

test.describe('the service stays up', () => {
  test(
    'health is ok after a burst of bombs, corrupt files and huge headers',
    { tag: '@VISION-019' },
    async ({ visionApi }) => {
      const bomb = fixtureBytes('bad/bomb-20000x20000.png');
      const huge = pngWithDimensions(50_000, 50_000);
      const uploads = Array.from({ length: 24 }, (_, index) => (index % 2 === 0 ? bomb : huge));

      const responses = await Promise.all(
        uploads.map((body) => visionApi.post('/qr').set('content-type', 'image/png').send(body)),
      );
      const health = await visionApi.get('/health');

      // Each is refused: 413 for its size, or 429 when the queue of waiting jobs is full.
      for (const response of responses) expect([413, 429]).toContain(response.status);
      expect(responses.some((response) => response.status === 413)).toBe(true);
      expect(health.status).toBe(200);
      expect(health.body).toMatchSchema(healthSchema);
    },
  );

  test('a good image still works after bad ones', { tag: '@VISION-019' }, async ({ visionApi }) => {
    const input = sample('sample.png');
    for (const upload of BAD_UPLOADS.slice(0, 12)) {
      await visionApi
        .post('/images/grayscale')
        .set('content-type', upload.contentType ?? '')
        .send(upload.body);
    }

    const response = await visionApi
      .post('/images/grayscale')
      .set('content-type', input.mediaType)
      .send(input.bytes);

    expect(response.status).toBe(200);
    expect(response.headers['x-image-channels']).toBe('1');
  });
});
