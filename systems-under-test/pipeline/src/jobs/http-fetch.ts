import type { Logger } from '../log.ts';

export interface FetchPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Longest Retry-After the job waits for; a longer one fails the run instead. */
  maxRetryAfterMs: number;
  /** First back-off after a 5xx or a network error; doubles on each retry. */
  backoffMs: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  maxAttempts: 6,
  maxRetryAfterMs: 30_000,
  backoffMs: 200,
};

/** Reads Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GETs a URL, retrying 429 after its Retry-After and 5xx or network errors
 * with exponential back-off. Other statuses, and a 5xx that outlasts the
 * attempts, are returned to the caller.
 */
export async function fetchWithRetry(
  url: string,
  log: Logger,
  policy = DEFAULT_FETCH_POLICY,
): Promise<Response> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      lastProblem = `request failed: ${(error as Error).message}`;
      log.warn('source request failed, retrying', { url, attempt, error });
      await sleep(policy.backoffMs * 2 ** (attempt - 1));
      continue;
    }

    if (response.status === 429) {
      const wait =
        retryAfterMs(response.headers.get('retry-after')) ?? policy.backoffMs * 2 ** (attempt - 1);
      await response.body?.cancel();
      if (wait > policy.maxRetryAfterMs) {
        throw new Error(
          `GET ${url} was rate limited with Retry-After ${wait} ms, above the ${policy.maxRetryAfterMs} ms the job waits.`,
        );
      }
      lastProblem = `429 with Retry-After ${wait} ms`;
      log.warn('source rate limited, waiting as Retry-After asks', { url, attempt, waitMs: wait });
      await sleep(wait);
      continue;
    }
    if (response.status >= 500) {
      // The last attempt's 5xx goes back to the caller, which names the status in its error.
      if (attempt === policy.maxAttempts) return response;
      lastProblem = `status ${response.status}`;
      await response.body?.cancel();
      log.warn('source returned a server error, retrying', {
        url,
        attempt,
        status: response.status,
      });
      await sleep(policy.backoffMs * 2 ** (attempt - 1));
      continue;
    }
    return response;
  }
  throw new Error(`GET ${url} failed ${policy.maxAttempts} times; last problem: ${lastProblem}.`);
}
