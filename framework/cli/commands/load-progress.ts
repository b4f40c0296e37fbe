/**
 * The live progress line of `nova load`: elapsed time, virtual users, rps,
 * p99, failed requests and generator CPU. On a terminal one line is
 * rewritten in place; in a log it is a line every 5 seconds.
 */
import type { LoadProgress } from '../../load/index.ts';

const LOG_INTERVAL_MS = 5_000;

export function formatProgress(id: string, progress: LoadProgress): string {
  const elapsed =
    `${(progress.elapsedMs / 1_000).toFixed(0)}s` +
    (progress.plannedMs ? `/${(progress.plannedMs / 1_000).toFixed(0)}s` : '');
  const p99 =
    progress.p99Us < 1_000 ? `${progress.p99Us}µs` : `${(progress.p99Us / 1_000).toFixed(2)}ms`;
  return `${id}  ${elapsed}  vus ${progress.vus}  rps ${progress.rps}  p99 ${p99}  errors ${progress.failed}/${progress.requests}  cpu ${progress.cpuPercent.toFixed(0)}%`;
}

export class ProgressLine {
  readonly #stream: NodeJS.WriteStream;
  readonly #id: string;
  readonly #interactive: boolean;
  #lastLoggedAt = 0;
  #written = false;

  constructor(stream: NodeJS.WriteStream, id: string) {
    this.#stream = stream;
    this.#id = id;
    this.#interactive = stream.isTTY === true;
  }

  update(progress: LoadProgress): void {
    const text = formatProgress(this.#id, progress);
    if (this.#interactive) {
      this.#stream.write(`\r\u001b[2K${text}`);
      this.#written = true;
      return;
    }
    if (progress.elapsedMs - this.#lastLoggedAt >= LOG_INTERVAL_MS || this.#lastLoggedAt === 0) {
      this.#lastLoggedAt = progress.elapsedMs;
      this.#stream.write(`${text}\n`);
    }
  }

  end(): void {
    if (this.#interactive && this.#written) this.#stream.write('\r\u001b[2K');
  }
}
