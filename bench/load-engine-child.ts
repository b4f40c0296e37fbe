/**
 * Runs the load engine of `nova load` once, for the benchmarks: a
 * constant-vus scenario, and prints its figures as one JSON line. The
 * benchmarks start it under `taskset` to pin it to a core.
 *
 *   npx tsx bench/load-engine-child.ts <base URL> <get | iris-predict> <seconds> <connections>
 *
 * `get` sends GET /; `iris-predict` sends POST /predict with one of three
 * flowers in turn, the body that the Iris ML API and the reference stack share.
 */
import {
  buildSummary,
  runEngine,
  validateScenario,
  type LoadRequest,
} from '../framework/load/index.ts';

const [baseURL, mode, seconds, connections] = process.argv.slice(2);
if (!baseURL || (mode !== 'get' && mode !== 'iris-predict') || !seconds || !connections) {
  process.stderr.write(
    'usage: load-engine-child.ts <base URL> <get | iris-predict> <seconds> <connections>\n',
  );
  process.exit(2);
}

/** Flowers near the means of setosa, versicolor and virginica in Fisher's data set. */
const FLOWERS = [
  { sepalLength: 5.0, sepalWidth: 3.4, petalLength: 1.5, petalWidth: 0.2 },
  { sepalLength: 5.9, sepalWidth: 2.8, petalLength: 4.3, petalWidth: 1.3 },
  { sepalLength: 6.6, sepalWidth: 3.0, petalLength: 5.6, petalWidth: 2.0 },
];

const request: LoadRequest =
  mode === 'get'
    ? { name: 'get', path: '/' }
    : {
        name: 'predict',
        method: 'POST',
        path: '/predict',
        body: FLOWERS[0],
        build: (iteration) => ({ body: FLOWERS[iteration % FLOWERS.length] }),
      };

const validated = validateScenario('bench/engine', 'bench', {
  executor: 'constant-vus',
  vus: Number(connections),
  duration: `${seconds}s`,
  requests: [request],
});
const result = await runEngine(validated, baseURL);
const summary = buildSummary(validated, result, {
  startedAt: new Date(),
  machine: 'bench',
  profile: 'full',
});
process.stdout.write(
  JSON.stringify({
    requests: summary.requests,
    errors: summary.errors,
    statusCodes: summary.statusCodes,
    rps: summary.rps,
    p50Us: summary.latencyUs.p50,
    p99Us: summary.latencyUs.p99,
    cpuUsPerRequest: summary.generator.cpuUsPerRequest,
    cpuPercent: summary.generator.cpuPercent,
  }) + '\n',
);
