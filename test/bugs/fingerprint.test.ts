import { describe, expect, it } from 'vitest';

import {
  fingerprintBasis,
  fingerprintFailure,
  normaliseMessage,
  regionPlace,
  type FailureForFingerprint,
} from '../../framework/bugs/index.ts';

const ROOT = '/home/ci/project';

/** Builds a failure of a test in `specs/api/shop/orders.spec.ts`. */
function failure(
  error: FailureForFingerprint['error'],
  overrides: Partial<FailureForFingerprint> = {},
): FailureForFingerprint {
  return {
    testId: 'test-1',
    titlePath: ['orders', 'lists the orders'],
    file: 'specs/api/shop/orders.spec.ts',
    project: 'api',
    error,
    ...overrides,
  };
}

function stackAt(...frames: string[]): string {
  return ['Error: message', ...frames.map((frame) => `    at ${frame}`)].join('\n');
}

const SPEC_FRAME = `${ROOT}/specs/api/shop/orders.spec.ts:42:31`;
const OTHER_SPEC_FRAME = `${ROOT}/specs/api/shop/refunds.spec.ts:10:5`;
const PAGE_FRAME = `OrdersPage.open (${ROOT}/pages/shop/orders-page.ts:18:9)`;
const FRAMEWORK_FRAME = `ApiClient.get (${ROOT}/framework/api/api-client.ts:60:11)`;
const LIBRARY_FRAME = `Test._end (${ROOT}/node_modules/supertest/lib/test.js:300:16)`;

function visual(
  regions: { kind: string; x: number; y: number; width: number; height: number; pixels?: number }[],
  baseline = 'orders-table',
  status = 'mismatch',
): FailureForFingerprint['attachments'] {
  const body = {
    baseline,
    project: 'visual',
    status,
    width: 1200,
    height: 900,
    baselineWidth: 1200,
    baselineHeight: 900,
    diffPixels: regions.reduce((sum, region) => sum + (region.pixels ?? 10), 0),
    diffRatio: 0.01,
    threshold: 0.001,
    regions: regions.map((region, index) => ({ index, pixels: 10, share: 0.1, ...region })),
    actualPath: '/tmp/run-1/actual.png',
    expectedPath: '/tmp/run-1/expected.png',
    diffPath: '/tmp/run-1/diff.png',
    annotatedPath: '/tmp/run-1/annotated.png',
  };
  return [
    {
      name: 'nova-visual',
      contentType: 'application/vnd.nova.visual+json',
      body: JSON.stringify(body),
    },
  ];
}

function load(
  thresholds: {
    expression: string;
    metric: string;
    pass: boolean;
    actual: number;
    limit: number;
    tag?: string;
  }[],
  scenario = 'browse-catalogue',
): FailureForFingerprint['attachments'] {
  const body = {
    scenario,
    system: 'shop',
    executor: 'constant-arrival-rate',
    requests: 1000,
    errors: 3,
    rps: 99.5,
    latencyUs: { p50: 1000, p90: 2000, p95: 3000, p99: 4000, p999: 5000, max: 6000, mean: 1100 },
    thresholds,
    checks: {},
    reliable: true,
    histogram: 'SElTVE9HUkFN',
  };
  return [
    {
      name: 'nova-load',
      contentType: 'application/vnd.nova.load+json',
      body: Buffer.from(JSON.stringify(body)),
    },
  ];
}

interface Case {
  name: string;
  a: FailureForFingerprint;
  b: FailureForFingerprint;
}

/** Pairs of failures of one bug: each pair must share a fingerprint. */
const mustGroup: Case[] = [
  {
    name: 'plain numbers',
    a: failure({ message: 'Error: order 1234 not found', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'Error: order 98 not found', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'durations',
    a: failure({ message: 'Error: request timed out after 5000ms', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'Error: request timed out after 1.5s', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'ports and hosts',
    a: failure({
      message: 'Error: connect ECONNREFUSED 127.0.0.1:3101',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: connect ECONNREFUSED 127.0.0.1:5101',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'ports in URLs',
    a: failure({
      message: 'Error: GET http://localhost:3101/orders failed',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: GET http://localhost:43817/orders failed',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'hex ids',
    a: failure({ message: 'Error: request 5f2b9c0e1d3a7b44 failed', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'Error: request 0a9e7d61c34f2b18 failed', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'UUIDs',
    a: failure({
      message: 'Error: user 3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60 has no cart',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: user 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d has no cart',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'timestamps',
    a: failure({
      message: 'Error: token expired at 2026-12-04T22:19:53.123Z',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: token expired at 2026-12-05T01:02:03Z',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'HTTP dates',
    a: failure({
      message: 'Error: stale since Fri, 04 Dec 2026 22:19:53 GMT',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: stale since Sat, 05 Dec 2026 08:00:00 GMT',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'temporary paths',
    a: failure({
      message: "Error: ENOENT: no such file or directory, open '/tmp/nova-Xa81/report.json'",
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message:
        "Error: ENOENT: no such file or directory, open '/var/folders/zz/abc_123/T/nova-Q2/report.json'",
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'quoted user data',
    a: failure({
      message: 'Error: user "alice@example.com" may not refund',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({ message: "Error: user 'bob' may not refund", stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'received values of one assertion',
    a: failure({
      message:
        'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 200\nReceived: 500',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message:
        'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 200\nReceived: 503',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'ANSI colours',
    a: failure({
      message:
        '\u001b[31mError: \u001b[2mexpect(\u001b[22mreceived).toBe(expected)\n\nExpected: \u001b[32m200\u001b[39m',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: expect(received).toBe(expected)\n\nExpected: 200',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'call logs of different length',
    a: failure({
      message:
        "Error: locator.click: Timeout 5000ms exceeded.\nCall log:\n  - waiting for getByRole('button', { name: 'Pay' })\n  - retrying click action, attempt #1",
      stack: stackAt(PAGE_FRAME, SPEC_FRAME),
    }),
    b: failure({
      message:
        "Error: locator.click: Timeout 7000ms exceeded.\nCall log:\n  - waiting for getByRole('button', { name: 'Pay' })\n  - retrying click action, attempt #1\n  - retrying click action, attempt #2\n  - waiting 500ms",
      stack: stackAt(PAGE_FRAME, SPEC_FRAME),
    }),
  },
  {
    name: 'same frame on other lines',
    a: failure({
      message: 'Error: total is wrong',
      stack: stackAt(`${ROOT}/specs/api/shop/orders.spec.ts:42:31`),
    }),
    b: failure({
      message: 'Error: total is wrong',
      stack: stackAt(`${ROOT}/specs/api/shop/orders.spec.ts:57:9`),
    }),
  },
  {
    name: 'one page object frame in two tests',
    a: failure({ message: 'Error: cart is empty', stack: stackAt(PAGE_FRAME, SPEC_FRAME) }),
    b: failure(
      { message: 'Error: cart is empty', stack: stackAt(PAGE_FRAME, OTHER_SPEC_FRAME) },
      {
        testId: 'test-2',
        file: 'specs/api/shop/refunds.spec.ts',
        titlePath: ['refunds', 'refund one order'],
      },
    ),
  },
  {
    name: 'library frames before the project frame',
    a: failure({
      message: 'TypeError: body.items is undefined',
      stack: stackAt(LIBRARY_FRAME, SPEC_FRAME),
    }),
    b: failure({
      message: 'TypeError: body.items is undefined',
      stack: stackAt(
        'processTicksAndRejections (node:internal/process/task_queues:95:5)',
        SPEC_FRAME,
      ),
    }),
  },
  {
    name: 'framework frames before the spec frame',
    a: failure({ message: 'Error: socket hang up', stack: stackAt(FRAMEWORK_FRAME, SPEC_FRAME) }),
    b: failure({ message: 'Error: socket hang up', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'file URLs and paths',
    a: failure({
      message: 'Error: boom',
      stack: stackAt(`file://${ROOT}/specs/api/shop/orders.spec.ts:1:2`),
    }),
    b: failure({ message: 'Error: boom', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'error name given or in the message',
    a: failure({ name: 'TypeError', message: 'x is not a function', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'TypeError: x is not a function', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'same bug in two browsers',
    a: failure(
      { message: 'Error: cart is empty', stack: stackAt(PAGE_FRAME, SPEC_FRAME) },
      { project: 'chromium' },
    ),
    b: failure(
      { message: 'Error: cart is empty', stack: stackAt(PAGE_FRAME, SPEC_FRAME) },
      { project: 'firefox' },
    ),
  },
  {
    name: 'visual regions moved slightly',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table": 412 pixels differ' },
      {
        attachments: visual([{ kind: 'colour', x: 10, y: 12, width: 80, height: 20, pixels: 412 }]),
      },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "orders-table": 398 pixels differ' },
      {
        attachments: visual([{ kind: 'colour', x: 14, y: 10, width: 78, height: 22, pixels: 398 }]),
      },
    ),
  },
  {
    name: 'visual regions in another order',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      {
        attachments: visual([
          { kind: 'colour', x: 10, y: 10, width: 50, height: 20 },
          { kind: 'shift', x: 1000, y: 800, width: 50, height: 20 },
        ]),
      },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      {
        attachments: visual([
          { kind: 'shift', x: 1010, y: 790, width: 50, height: 20 },
          { kind: 'colour', x: 12, y: 8, width: 50, height: 20 },
        ]),
      },
    ),
  },
  {
    name: 'visual failure in two tests',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table"', stack: stackAt(SPEC_FRAME) },
      { attachments: visual([{ kind: 'text', x: 600, y: 450, width: 40, height: 10 }]) },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "orders-table"', stack: stackAt(OTHER_SPEC_FRAME) },
      {
        testId: 'test-2',
        file: 'specs/api/shop/refunds.spec.ts',
        attachments: visual([{ kind: 'text', x: 590, y: 440, width: 40, height: 10 }]),
      },
    ),
  },
  {
    name: 'load threshold with other values',
    a: failure(
      { message: 'Error: Load threshold broken in "browse-catalogue": p(95)<50 was 73.2' },
      {
        attachments: load([
          { expression: 'p(95)<50', metric: 'latency', pass: false, actual: 73.2, limit: 50 },
        ]),
      },
    ),
    b: failure(
      { message: 'Error: Load threshold broken in "browse-catalogue": p(95)<50 was 181.9' },
      {
        attachments: load([
          { expression: 'p(95)<50', metric: 'latency', pass: false, actual: 181.9, limit: 50 },
          { expression: 'rate<0.01', metric: 'errors', pass: true, actual: 0, limit: 0.01 },
        ]),
      },
    ),
  },
];

/** Pairs of failures of different bugs: each pair must get two fingerprints. */
const mustNotGroup: Case[] = [
  {
    name: 'different error kinds',
    a: failure({ message: 'TypeError: value out of range', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'RangeError: value out of range', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'different symptoms',
    a: failure({ message: 'Error: order 12 not found', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'Error: order 12 forbidden', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'different expected values',
    a: failure({
      message: 'Error: expect(received).toBe(expected)\n\nExpected: 200\nReceived: 500',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message: 'Error: expect(received).toBe(expected)\n\nExpected: 201\nReceived: 500',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'different expected strings',
    a: failure({
      message:
        'Error: expect(received).toBe(expected)\n\nExpected: "setosa"\nReceived: "virginica"',
      stack: stackAt(SPEC_FRAME),
    }),
    b: failure({
      message:
        'Error: expect(received).toBe(expected)\n\nExpected: "versicolor"\nReceived: "virginica"',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'different matchers',
    a: failure({ message: 'Error: expect(received).toBe(expected)', stack: stackAt(SPEC_FRAME) }),
    b: failure({
      message: 'Error: expect(received).toEqual(expected)',
      stack: stackAt(SPEC_FRAME),
    }),
  },
  {
    name: 'different project frames',
    a: failure({ message: 'Error: cart is empty', stack: stackAt(PAGE_FRAME, SPEC_FRAME) }),
    b: failure({
      message: 'Error: cart is empty',
      stack: stackAt(`CartPage.checkout (${ROOT}/pages/shop/cart-page.ts:30:7)`, SPEC_FRAME),
    }),
  },
  {
    name: 'different functions in one file',
    a: failure({ message: 'Error: cart is empty', stack: stackAt(PAGE_FRAME, SPEC_FRAME) }),
    b: failure({
      message: 'Error: cart is empty',
      stack: stackAt(`OrdersPage.filter (${ROOT}/pages/shop/orders-page.ts:18:9)`, SPEC_FRAME),
    }),
  },
  {
    name: 'different spec files',
    a: failure({ message: 'Error: total is wrong', stack: stackAt(SPEC_FRAME) }),
    b: failure(
      { message: 'Error: total is wrong', stack: stackAt(OTHER_SPEC_FRAME) },
      { file: 'specs/api/shop/refunds.spec.ts' },
    ),
  },
  {
    name: 'timeouts of two tests',
    a: failure({ message: 'Test timeout of 30000ms exceeded.' }),
    b: failure(
      { message: 'Test timeout of 30000ms exceeded.' },
      { testId: 'test-2', titlePath: ['orders', 'deletes an order'] },
    ),
  },
  {
    name: 'numbers inside words',
    a: failure({ message: 'Error: unsupported hash sha256', stack: stackAt(SPEC_FRAME) }),
    b: failure({ message: 'Error: unsupported hash sha1', stack: stackAt(SPEC_FRAME) }),
  },
  {
    name: 'visual region kinds',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([{ kind: 'colour', x: 10, y: 10, width: 50, height: 20 }]) },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([{ kind: 'shift', x: 10, y: 10, width: 50, height: 20 }]) },
    ),
  },
  {
    name: 'visual region places',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([{ kind: 'colour', x: 10, y: 10, width: 50, height: 20 }]) },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([{ kind: 'colour', x: 1100, y: 850, width: 50, height: 20 }]) },
    ),
  },
  {
    name: 'visual baselines',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([{ kind: 'colour', x: 10, y: 10, width: 50, height: 20 }]) },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "refunds-table"' },
      {
        attachments: visual(
          [{ kind: 'colour', x: 10, y: 10, width: 50, height: 20 }],
          'refunds-table',
        ),
      },
    ),
  },
  {
    name: 'visual missing baseline',
    a: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([], 'orders-table', 'missing') },
    ),
    b: failure(
      { message: 'Error: Visual mismatch "orders-table"' },
      { attachments: visual([], 'orders-table', 'size-changed') },
    ),
  },
  {
    name: 'load thresholds',
    a: failure(
      { message: 'Error: Load threshold broken in "browse-catalogue"' },
      {
        attachments: load([
          { expression: 'p(95)<50', metric: 'latency', pass: false, actual: 73, limit: 50 },
        ]),
      },
    ),
    b: failure(
      { message: 'Error: Load threshold broken in "browse-catalogue"' },
      {
        attachments: load([
          { expression: 'rate<0.01', metric: 'errors', pass: false, actual: 0.2, limit: 0.01 },
        ]),
      },
    ),
  },
  {
    name: 'load scenarios',
    a: failure(
      { message: 'Error: Load threshold broken in "browse-catalogue"' },
      {
        attachments: load([
          { expression: 'p(95)<50', metric: 'latency', pass: false, actual: 73, limit: 50 },
        ]),
      },
    ),
    b: failure(
      { message: 'Error: Load threshold broken in "checkout"' },
      {
        attachments: load(
          [{ expression: 'p(95)<50', metric: 'latency', pass: false, actual: 73, limit: 50 }],
          'checkout',
        ),
      },
    ),
  },
];

describe('fingerprintFailure', () => {
  it.each(mustGroup)('groups $name', ({ a, b }) => {
    expect(fingerprintFailure(a)).toBe(fingerprintFailure(b));
  });

  it.each(mustNotGroup)('separates $name', ({ a, b }) => {
    expect(fingerprintFailure(a)).not.toBe(fingerprintFailure(b));
  });

  it('returns 24 hex digits', () => {
    const fingerprint = fingerprintFailure(
      failure({ message: 'Error: x', stack: stackAt(SPEC_FRAME) }),
    );

    expect(fingerprint).toMatch(/^[0-9a-f]{24}$/);
  });

  it('is stable across runs', () => {
    // A fingerprint stored by one run must match the next run's: no random or time input.
    const fingerprint = fingerprintFailure(
      failure({ message: 'Error: order 5 not found', stack: stackAt(SPEC_FRAME) }),
    );

    expect(fingerprint).toBe(
      fingerprintFailure(
        failure({ message: 'Error: order 7 not found', stack: stackAt(SPEC_FRAME) }),
      ),
    );
    expect(fingerprint).toMatchInlineSnapshot(`"2767490922fb82dbbce77429"`);
  });

  it('uses the page object frame over the spec frame', () => {
    const basis = fingerprintBasis(
      failure({ message: 'Error: x', stack: stackAt(LIBRARY_FRAME, PAGE_FRAME, SPEC_FRAME) }),
    );

    expect(basis.parts[2]).toBe('pages/shop/orders-page.ts#OrdersPage.open');
  });

  it('uses a framework frame when nothing else is in the project', () => {
    // No frame shows the test file, so the working directory is taken as the project root.
    const frameworkFrame = `ApiClient.get (${process.cwd()}/framework/api/api-client.ts:60:11)`;
    const basis = fingerprintBasis(
      failure({ message: 'Error: x', stack: stackAt(LIBRARY_FRAME, frameworkFrame) }),
    );

    expect(basis.parts[2]).toBe('framework/api/api-client.ts#ApiClient.get');
  });

  it('falls back to the test identity without a project frame', () => {
    const basis = fingerprintBasis(failure({ message: 'Test timeout of 30000ms exceeded.' }));

    expect(basis.parts[2]).toBe('test:specs/api/shop/orders.spec.ts#orders › lists the orders');
  });

  it('reads the baseline from the message without an attachment', () => {
    const basis = fingerprintBasis(
      failure({ message: 'Error: Visual mismatch "orders-table": 5 pixels' }),
    );

    expect(basis).toEqual({ kind: 'visual', parts: ['orders-table'] });
  });

  it('ignores an attachment that is not JSON', () => {
    const plain = failure({ message: 'Error: x', stack: stackAt(SPEC_FRAME) });
    const withBadAttachment = {
      ...plain,
      attachments: [
        { name: 'nova-visual', contentType: 'application/vnd.nova.visual+json', body: '{not json' },
      ],
    };

    expect(fingerprintFailure(withBadAttachment)).toBe(fingerprintFailure(plain));
  });

  it('ignores a visual comparison that matched', () => {
    const plain = failure({ message: 'Error: x', stack: stackAt(SPEC_FRAME) });
    const withMatch = { ...plain, attachments: visual([], 'orders-table', 'match') };

    expect(fingerprintFailure(withMatch)).toBe(fingerprintFailure(plain));
  });
});

describe('normaliseMessage', () => {
  it.each([
    ['order 1234 not found', 'order <n> not found'],
    ['timed out after 5000ms', 'timed out after <duration>'],
    ['connect ECONNREFUSED 127.0.0.1:3101', 'connect ECONNREFUSED <host>'],
    ['listen on port 8080', 'listen on port <port>'],
    ['id 3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60', 'id <uuid>'],
    ['commit 5bd4f5d0a1', 'commit <hex>'],
    ['at 2026-12-04T22:19:53.123Z', 'at <time>'],
    ["open '/tmp/a b'", 'open "<str>"'],
    ['open /tmp/nova-Xa81/x.json now', 'open <tmp> now'],
    ['user "alice" denied', 'user "<str>" denied'],
    ['order-20417 failed', '<id> failed'],
    ['Expected: "setosa"\nReceived: "virginica"', 'Expected: "setosa"\nReceived: "<str>"'],
    ['utf8 sha256 v8 http2', 'utf8 sha256 v8 http2'],
    ['a\n\n  b   c\nCall log:\n - retry 1', 'a\nb c'],
  ])('normalises %j', (message, expected) => {
    expect(normaliseMessage(message)).toBe(expected);
  });
});

describe('regionPlace', () => {
  it.each([
    [{ x: 0, y: 0, width: 10, height: 10 }, 'top-left'],
    [{ x: 590, y: 440, width: 20, height: 20 }, 'centre'],
    [{ x: 1150, y: 850, width: 50, height: 50 }, 'bottom-right'],
    [{ x: 590, y: 0, width: 20, height: 20 }, 'top-centre'],
  ])('places %j', (region, place) => {
    expect(regionPlace(region, 1200, 900)).toBe(place);
  });

  it('names no place without the image size', () => {
    expect(regionPlace({ x: 0, y: 0, width: 1, height: 1 }, 0, 0)).toBe('somewhere');
  });
});
