/**
 * Port offsets for detection runs. Outside CI, Playwright reuses a server that already answers
 * on a system's port, and that server would run without the fault under test. Each run
 * therefore gets an offset at which every started system's port is free.
 */
import { createServer } from 'node:net';

/**
 * Distance between the offsets tried. The systems' default ports lie within 10 of each other
 * (3101 to 3106 in nova.config.ts), so offsets 10 apart never share a port.
 */
export const OFFSET_STEP = 10;

/** Offsets tried before giving up; 90 steps stay below the next 1000 used by other checkouts. */
const MAX_TRIES = 90;

/** Returns whether a TCP port on 127.0.0.1 can be bound right now. */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/**
 * Finds the first offset after `after` (in steps of OFFSET_STEP) at which every port that
 * `portsAt(offset)` returns is free. `taken` lists offsets already handed out in this process.
 */
export async function findFreeOffset(
  after: number,
  portsAt: (offset: number) => number[],
  taken: ReadonlySet<number> = new Set(),
): Promise<number> {
  for (let step = 1; step <= MAX_TRIES; step++) {
    const offset = after + step * OFFSET_STEP;
    if (taken.has(offset)) continue;
    const ports = portsAt(offset);
    if (ports.some((port) => port > 65_535)) break;
    const free = await Promise.all(ports.map(isPortFree));
    if (free.every(Boolean)) return offset;
  }
  throw new Error(
    `No port offset from ${after + OFFSET_STEP} to ${after + MAX_TRIES * OFFSET_STEP} leaves every ` +
      'system port free. Stop the servers of earlier runs, or set NOVA_PORT_OFFSET to another base.',
  );
}
