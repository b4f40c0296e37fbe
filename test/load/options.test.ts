import { describe, expect, it } from 'vitest';

import {
  applySmoke,
  checkTarget,
  LoadOptionsError,
  validateScenario,
  type LoadScenario,
} from '../../framework/load/index.ts';

const REQUEST = { name: 'home', path: '/' };

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof LoadOptionsError) return error.problems;
    throw error;
  }
  return [];
}

describe('scenario validation', () => {
  it('accepts each executor and computes its planned duration', () => {
    const constant = validateScenario('a/constant', 'a', {
      executor: 'constant-vus',
      vus: 2,
      duration: '1m30s',
      requests: [REQUEST],
    });
    const ramp = validateScenario('a/ramp', 'a', {
      executor: 'ramping-vus',
      stages: [
        { duration: '10s', target: 5 },
        { duration: '5s', target: 0 },
      ],
      requests: [REQUEST],
    });
    const rate = validateScenario('a/rate', 'a', {
      executor: 'constant-arrival-rate',
      rate: 600,
      timeUnit: '1m',
      duration: '20s',
      preAllocatedVUs: 4,
      requests: [REQUEST],
    });

    expect(constant.plannedDurationMs).toBe(90_000);
    expect(ramp.plannedDurationMs).toBe(15_000);
    expect(rate.plannedDurationMs).toBe(20_000);
    expect([...constant.tags]).toEqual(['name:home']);
  });

  it('lists every problem before any load starts', () => {
    const scenario = {
      executor: 'constant-vus',
      vus: 5_000,
      duration: '2h',
      timeout: 'never',
      generatorCpuLimit: 150,
      requests: [
        { name: 'a', path: 'no-slash', method: 'FETCH', weight: 0 },
        { name: 'a', path: '/', expectedStatuses: [42] },
      ],
      thresholds: { http_req_duration: ['p95<5'] },
    } as unknown as LoadScenario;

    const problems = problemsOf(() => validateScenario('a/bad', 'a', scenario));

    expect(problems).toEqual([
      'Scenario "a/bad": vus must be a whole number from 1 to 1000, received 5000.',
      'Scenario "a/bad": duration is "2h": it must be from 1 s to 60 min.',
      'Scenario "a/bad": timeout must be a duration such as "30s", "2m" or "1m30s", received "never".',
      'Scenario "a/bad": generatorCpuLimit must be a percentage of one core above 0 and at most 100, received 150.',
      'Scenario "a/bad": requests[0]: method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, received "FETCH".',
      'Scenario "a/bad": requests[0]: path must start with "/" (the target\'s base URL comes from nova.config.ts), received "no-slash".',
      'Scenario "a/bad": requests[0]: weight must be a whole number from 1 to 100, received 0.',
      'Scenario "a/bad": requests[1]: expectedStatuses has 42, not an HTTP status from 100 to 599.',
      'Scenario "a/bad": two requests are named "a"; give each its own name.',
      expect.stringContaining('invalid threshold "p95<5" on http_req_duration'),
    ]);
  });

  it('rejects executor options that do not fit the executor', () => {
    const both = problemsOf(() =>
      validateScenario('a/x', 'a', {
        executor: 'constant-vus',
        vus: 1,
        duration: '5s',
        iterations: 10,
        requests: [REQUEST],
      }),
    );
    const noStages = problemsOf(() =>
      validateScenario('a/y', 'a', { executor: 'ramping-vus', stages: [], requests: [REQUEST] }),
    );
    const rate = problemsOf(() =>
      validateScenario('a/z', 'a', {
        executor: 'constant-arrival-rate',
        rate: 1e9,
        duration: '5s',
        preAllocatedVUs: 0,
        requests: [REQUEST],
      }),
    );
    const unknown = problemsOf(() =>
      validateScenario('a/w', 'a', {
        executor: 'per-vu-iterations',
        requests: [REQUEST],
      } as unknown as LoadScenario),
    );

    expect(both).toEqual([
      'Scenario "a/x": constant-vus takes either duration or iterations, and exactly one of them.',
    ]);
    expect(noStages).toEqual([
      'Scenario "a/y": stages must be a list of 1 to 100 { duration, target } entries.',
    ]);
    expect(rate).toHaveLength(2);
    expect(rate[0]).toContain(
      'rate must be a number above 0 and at most 100000 requests per second, received 1000000000',
    );
    expect(rate[1]).toContain('preAllocatedVUs must be a whole number from 1 to 1000, received 0');
    expect(unknown[0]).toContain('unknown executor "per-vu-iterations"');
  });

  it('applies the smoke replacements', () => {
    const smoke = applySmoke({
      executor: 'constant-vus',
      vus: 50,
      duration: '5m',
      requests: [REQUEST],
      thresholds: { http_reqs: ['rps>1000'] },
      smoke: { vus: 2, duration: '2s', thresholds: { http_reqs: ['rps>1'] } },
    });

    expect(smoke).toMatchObject({ vus: 2, duration: '2s', thresholds: { http_reqs: ['rps>1'] } });
    expect(smoke.smoke).toBeUndefined();
  });
});

describe('target rule', () => {
  it('accepts loopback addresses', () => {
    for (const url of [
      'http://127.0.0.1:3101',
      'http://localhost:80',
      'http://[::1]:8080',
      'http://127.8.9.10',
    ]) {
      expect(() => checkTarget(url, 'iris', [])).not.toThrow();
    }
  });

  it('rejects any other host unless it is listed', () => {
    const problems = problemsOf(() => checkTarget('http://10.0.0.5:3101', 'iris', []));

    expect(problems).toEqual([
      'Refusing to send load to 10.0.0.5:3101 (iris): load goes only to a loopback address or to a host listed in ' +
        'NOVA_LOAD_ALLOWED_HOSTS. If 10.0.0.5 is a system you own and may load, set NOVA_LOAD_ALLOWED_HOSTS=10.0.0.5.',
    ]);
    expect(() =>
      checkTarget('http://staging.example.test:80', 'iris', ['other.test', 'staging.example.test']),
    ).not.toThrow();
    expect(problemsOf(() => checkTarget('https://127.0.0.1', 'iris', []))[0]).toContain(
      'sends plain HTTP/1.1',
    );
  });
});
