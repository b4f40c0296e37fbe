import { createServer, type Server } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findFreeOffset, isPortFree, OFFSET_STEP } from '../../framework/detect/index.ts';

let server: Server;
let busyPort: number;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  busyPort = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('findFreeOffset', () => {
  it('knows a busy port from a free one', async () => {
    expect(await isPortFree(busyPort)).toBe(false);
  });

  it('skips an offset at which a port is busy', async () => {
    // At the first offset the system would land on the busy port.
    const base = busyPort - OFFSET_STEP;

    const offset = await findFreeOffset(0, (candidate) => [base + candidate]);

    expect(offset).toBeGreaterThan(OFFSET_STEP);
    expect(await isPortFree(base + offset)).toBe(true);
  });

  it('skips offsets already handed out', async () => {
    const portsAt = (candidate: number) => [busyPort + 1 + candidate];
    const first = await findFreeOffset(100, portsAt);

    const second = await findFreeOffset(100, portsAt, new Set([first]));

    expect(second).not.toBe(first);
    expect(second % OFFSET_STEP).toBe(0);
  });

  it('fails with the range it tried when no offset fits', async () => {
    await expect(findFreeOffset(0, () => [busyPort])).rejects.toThrow(
      /No port offset from 10 to 900 leaves every system port free/,
    );
  });
});
