import { describe, expect, it } from 'vitest';

import { ApiError } from '../../systems-under-test/vision/src/error-body.ts';
import { JobGate } from '../../systems-under-test/vision/src/job-gate.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('JobGate', () => {
  it('runs at most maxRunning jobs at once and queues the rest', async () => {
    const gate = new JobGate(2, 5);
    const release = deferred();
    let running = 0;
    let peak = 0;
    const job = async (): Promise<void> => {
      running++;
      peak = Math.max(peak, running);
      await release.promise;
      running--;
    };

    const jobs = Array.from({ length: 5 }, () => gate.run(job));
    await Promise.resolve();
    expect(gate.active).toBe(2);
    expect(gate.queued).toBe(3);

    release.resolve();
    await Promise.all(jobs);
    expect(peak).toBe(2);
    expect(gate.active).toBe(0);
    expect(gate.queued).toBe(0);
  });

  it('refuses a job with 429 when the queue is full, and frees the slot of a failed job', async () => {
    const gate = new JobGate(1, 1);
    const release = deferred();
    const first = gate.run(() => release.promise);
    const second = gate.run(() => Promise.reject(new Error('decode failed')));

    const refused = await gate.run(() => Promise.resolve()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).statusCode).toBe(429);

    release.resolve();
    await first;
    await expect(second).rejects.toThrow('decode failed');
    expect(gate.active).toBe(0);
    await expect(gate.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
