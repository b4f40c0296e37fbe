/**
 * Load scenarios of the Iris ML API. Run them with `npx nova load iris`, or
 * their short smoke versions in the `load` Playwright project.
 *
 * On a 2-core machine shared with other jobs (load average 15 to 25), the
 * full runs measured p95 12 ms and p99 42 ms at 200 requests per second, p99
 * 36 ms on the ramp to 64 virtual users, and p95 7 ms for each endpoint of the
 * mix. So the latency thresholds hold with a margin of at least 4 times. The rps
 * threshold of the arrival-rate scenario only checks that 90 % of the arrivals
 * were served. The smoke thresholds are wider, because the smoke runs share
 * the machine with the rest of the Playwright suite.
 */
import { defineLoadScenarios, type Check, type LoadRequest } from '../framework/load/index.ts';

/** A setosa, a versicolor and a virginica near the means of their classes in Fisher's data set. */
const SAMPLES = [
  { sepalLength: 5.0, sepalWidth: 3.4, petalLength: 1.5, petalWidth: 0.2 },
  { sepalLength: 5.9, sepalWidth: 2.8, petalLength: 4.3, petalWidth: 1.3 },
  { sepalLength: 6.6, sepalWidth: 3.0, petalLength: 5.6, petalWidth: 2.0 },
];

const SPECIES = new Set(['setosa', 'versicolor', 'virginica']);

const statusIs200: Check = (response) => response.status === 200;

const predictsASpecies: Check = (response) => {
  const body = response.json() as { species?: unknown };
  return typeof body.species === 'string' && SPECIES.has(body.species);
};

const single: LoadRequest = {
  name: 'predict',
  method: 'POST',
  path: '/predict',
  // Each request sends the next of the three samples, so that the forest walks different paths.
  build: (iteration) => ({ body: SAMPLES[iteration % SAMPLES.length] }),
  body: SAMPLES[0],
  tags: { endpoint: 'predict' },
  checks: { 'status is 200': statusIs200, 'predicts a species': predictsASpecies },
};

const BATCH = Array.from({ length: 30 }, (_, index) => SAMPLES[index % SAMPLES.length]);

const batch: LoadRequest = {
  name: 'predict-batch',
  method: 'POST',
  path: '/predict',
  body: { instances: BATCH },
  tags: { endpoint: 'batch' },
  checks: {
    'status is 200': statusIs200,
    'predicts every instance': (response) =>
      (response.json() as { count?: unknown }).count === BATCH.length,
  },
};

const health: LoadRequest = {
  name: 'health',
  path: '/health',
  tags: { endpoint: 'health' },
  checks: {
    'status is 200': statusIs200,
    'reports ok': (response) => (response.json() as { status?: unknown }).status === 'ok',
  },
};

export default defineLoadScenarios({
  system: 'iris',
  scenarios: {
    'predict-constant-rate': {
      description: 'Single predictions at a constant arrival rate (open model)',
      executor: 'constant-arrival-rate',
      rate: 200,
      duration: '20s',
      preAllocatedVUs: 20,
      requests: [single],
      thresholds: {
        http_req_duration: [
          'p(95)<50',
          { threshold: 'p(99)<200', abortOnFail: true, delayAbortEval: '5s' },
        ],
        http_req_failed: ['rate<0.01'],
        http_reqs: ['rps>180'],
        checks: ['rate>0.99'],
        dropped_iterations: ['count<100'],
      },
      smoke: {
        rate: 50,
        duration: '3s',
        preAllocatedVUs: 5,
        thresholds: {
          // The median stays near 1 ms even on a busy machine (0.8 ms measured in a full
          // suite run), while 20 ms of extra work per prediction moves it past 20 ms.
          // The tail is too noisy in a shared run to catch that; the median is not.
          http_req_duration: ['p(95)<250', 'p(50)<15'],
          http_req_failed: ['rate<0.01'],
          http_reqs: ['rps>30'],
          checks: ['rate>0.99'],
        },
      },
    },

    'ramp-to-saturation': {
      description: 'Virtual users ramping up until the service saturates, then down',
      executor: 'ramping-vus',
      startVUs: 1,
      stages: [
        { duration: '10s', target: 16 },
        { duration: '10s', target: 64 },
        { duration: '5s', target: 0 },
      ],
      requests: [single],
      thresholds: {
        http_req_failed: ['rate<0.01'],
        http_req_duration: ['p(99)<500'],
        checks: ['rate>0.99'],
      },
      smoke: {
        stages: [
          { duration: '2s', target: 8 },
          { duration: '1s', target: 0 },
        ],
        thresholds: {
          http_req_failed: ['rate<0.01'],
          http_req_duration: ['p(99)<1500'],
          checks: ['rate>0.99'],
        },
      },
    },

    mixed: {
      description: 'Single predictions, batches of 30 and health checks in the ratio 6:2:1',
      executor: 'constant-vus',
      vus: 8,
      duration: '20s',
      requests: [
        { ...single, weight: 6 },
        { ...batch, weight: 2 },
        { ...health, weight: 1 },
      ],
      thresholds: {
        http_req_duration: ['p(95)<100'],
        'http_req_duration{endpoint:predict}': ['p(95)<80'],
        'http_req_duration{endpoint:batch}': ['p(95)<150'],
        'http_req_duration{endpoint:health}': ['p(95)<60'],
        http_req_failed: ['rate<0.01'],
        http_reqs: ['rps>100'],
        checks: ['rate>0.99'],
      },
      smoke: {
        vus: 4,
        duration: '3s',
        thresholds: {
          'http_req_duration{endpoint:predict}': ['p(95)<400'],
          'http_req_duration{endpoint:batch}': ['p(95)<600'],
          http_req_failed: ['rate<0.01'],
          checks: ['rate>0.99'],
        },
      },
    },
  },
});
