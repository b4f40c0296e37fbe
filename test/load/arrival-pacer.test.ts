import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ArrivalPacer, type PacedClient } from '../../framework/load/arrival-pacer.ts';

class FakeClient implements PacedClient {
  sent = 0;
  destroyed = false;
  readonly reschedules: number[] = [];
  readonly timeoutTicker = { reschedule: (ms: number) => this.reschedules.push(ms) };

  _doRequest(): void {
    this.sent += 1;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('arrival pacer', () => {
  it('releases arrivals at even intervals to the longest-waiting client', () => {
    vi.useFakeTimers();
    const pacer = new ArrivalPacer(100, () => performance.now());
    const clients = [new FakeClient(), new FakeClient()];
    for (const client of clients) {
      pacer.attach(client);
      // As autocannon does at connect: the client asks to send, and waits.
      client._doRequest();
    }
    expect(clients.map((client) => client.sent)).toEqual([0, 0]);
    expect(clients[0]?.reschedules[0]).toBeGreaterThan(60_000);

    pacer.start();
    expect(clients.map((client) => client.sent)).toEqual([1, 0]);

    // The first client's response arrives; it queues behind the second.
    clients[0]!._doRequest();
    vi.advanceTimersByTime(10);
    expect(clients.map((client) => client.sent)).toEqual([1, 1]);
    clients[1]!._doRequest();

    vi.advanceTimersByTime(20);
    expect(clients.map((client) => client.sent)).toEqual([2, 2]);
    expect(pacer.sent).toBe(4);
    expect(pacer.dropped).toBe(0);
    pacer.stop();
  });

  it('drops arrivals that find every client busy', () => {
    vi.useFakeTimers();
    const pacer = new ArrivalPacer(1_000, () => performance.now());
    const drops: number[] = [];
    pacer.onDrop = () => drops.push(pacer.dropped);
    const client = new FakeClient();
    pacer.attach(client);
    client._doRequest();

    pacer.start();
    vi.advanceTimersByTime(9);

    expect(client.sent).toBe(1);
    expect(pacer.dropped).toBe(9);
    expect(drops).toHaveLength(9);
    pacer.stop();
  });

  it('skips clients that autocannon destroyed', () => {
    vi.useFakeTimers();
    const pacer = new ArrivalPacer(10, () => performance.now());
    const gone = new FakeClient();
    const alive = new FakeClient();
    for (const client of [gone, alive]) {
      pacer.attach(client);
      client._doRequest();
    }
    gone.destroyed = true;

    pacer.start();

    expect(gone.sent).toBe(0);
    expect(alive.sent).toBe(1);
    pacer.stop();
  });
});

describe('autocannon client', () => {
  it('still has the members the pacer relies on', () => {
    // The pacer wraps private members of autocannon 9's Client; an upgrade that renames them fails here.
    const require = createRequire(import.meta.url);
    const Client = require('autocannon/lib/httpClient.js') as {
      prototype: Record<string, unknown>;
    };

    expect(typeof Client.prototype._doRequest).toBe('function');
    expect(typeof Client.prototype.destroy).toBe('function');
    const source = String(Client.prototype._doRequest);
    expect(source).toContain('this.timeoutTicker.reschedule');
    expect(source).toContain('this.destroyed');
  });
});
