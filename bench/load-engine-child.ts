/**
 * Runs the load engine of `nova load` once, for the benchmarks: a
 * constant-vus scenario with one GET request, and prints its figures as one
 * JSON line. The benchmarks start it under `taskset` to pin it to a core.
 *
 *   npx tsx bench/load-engine-child.ts <base URL> <path> <seconds> <connections>
 */
import { buildSummary, runEngine, validateScenario } from '../framework/load/index.ts';

const [baseURL, path, seconds, connections] = process.argv.slice(2);
if (!baseURL || !path || !seconds || !connections) {
  process.stderr.write('usage: load-engine-child.ts <base URL> <path> <seconds> <connections>\n');
  process.exit(2);
}

const validated = validateScenario('bench/engine', 'bench', {
  executor: 'constant-vus',
  vus: Number(connections),
  duration: `${seconds}s`,
  requests: [{ name: 'get', path }],
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
    rps: summary.rps,
    p50Us: summary.latencyUs.p50,
    p99Us: summary.latencyUs.p99,
    cpuUsPerRequest: summary.generator.cpuUsPerRequest,
    cpuPercent: summary.generator.cpuPercent,
  }) + '\n',
);
