/**
 * The open model of `constant-arrival-rate` on top of autocannon. autocannon
 * itself only limits each connection to N requests per second, sent in a
 * burst at the start of each second. Here arrivals are due at even intervals,
 * and each one goes to the virtual user (connection) that has waited longest.
 * An arrival that finds every virtual user busy is dropped and counted, as
 * k6 counts `dropped_iterations`.
 *
 * It relies on autocannon 9's `Client`: `_doRequest()` sends the next request
 * (called at connect and after each response), `destroyed`, and
 * `timeoutTicker` (a retimer). test/load/arrival-pacer.test.ts fails when an
 * autocannon upgrade changes them.
 */

/** The parts of autocannon's Client that the pacer uses. */
export interface PacedClient {
  _doRequest(): void;
  destroyed: boolean;
  timeoutTicker: { reschedule(timeoutMs: number): void };
}

/** While a client waits for an arrival, its request timeout must not fire: there is no request yet. */
const IDLE_TIMEOUT_MS = 24 * 3_600_000;

export class ArrivalPacer {
  readonly #intervalMs: number;
  readonly #idle: PacedClient[] = [];
  readonly #now: () => number;
  #startedAt = 0;
  #issued = 0;
  #timer: NodeJS.Timeout | undefined;
  #releasing = false;
  dropped = 0;
  sent = 0;
  /** Called for each dropped arrival, so that live thresholds see drops as they happen. */
  onDrop: () => void = () => undefined;

  constructor(ratePerSecond: number, now: () => number = () => performance.now()) {
    this.#intervalMs = 1_000 / ratePerSecond;
    this.#now = now;
  }

  /** Replaces the client's `_doRequest` so that it waits for an arrival instead of sending at once. */
  attach(client: PacedClient): void {
    const send = client._doRequest.bind(client);
    client._doRequest = () => {
      if (this.#releasing) {
        send();
        return;
      }
      client.timeoutTicker.reschedule(IDLE_TIMEOUT_MS);
      this.#idle.push(client);
    };
  }

  start(): void {
    this.#startedAt = this.#now();
    this.#issued = 0;
    this.#tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Releases every arrival that is due, then sleeps until the next one. */
  #tick(): void {
    const elapsed = this.#now() - this.#startedAt;
    const due = Math.floor(elapsed / this.#intervalMs) + 1;

    while (this.#issued < due) {
      this.#issued += 1;
      this.#release();
    }

    const nextAt = this.#issued * this.#intervalMs;
    // setTimeout's resolution is about 1 ms, so arrivals closer together than that go out in small groups.
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, nextAt - elapsed));
  }

  #release(): void {
    let client = this.#idle.shift();
    while (client !== undefined && client.destroyed) client = this.#idle.shift();
    if (client === undefined) {
      this.dropped += 1;
      this.onDrop();
      return;
    }
    this.#releasing = true;
    try {
      client._doRequest();
      this.sent += 1;
    } finally {
      this.#releasing = false;
    }
  }
}
