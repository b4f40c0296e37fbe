import { ApiError } from './error-body.ts';

/**
 * Lets a fixed number of image jobs run at once and a fixed number wait. Decoding is what costs
 * memory, so a request past the queue is refused with 429 before its image is decoded, which
 * keeps the service's memory bounded under any load.
 */
export class JobGate {
  private running = 0;

  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `job` when a slot is free; throws 429 TOO_MANY_REQUESTS when the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new ApiError(
          429,
          'TOO_MANY_REQUESTS',
          `${this.running} images are being processed and ${this.waiting.length} are waiting, the most this service queues. ` +
            'Retry in a second.',
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }

    try {
      return await job();
    } finally {
      // The slot passes straight to the next waiting job, so `running` only drops when none waits.
      const next = this.waiting.shift();
      if (next === undefined) this.running--;
      else next();
    }
  }
}
