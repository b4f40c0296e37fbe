import supertest from 'supertest';

import { createLogger } from '../logging/index.ts';

const log = createLogger('api');

/** Request and response bodies are cut to this many characters in recorded exchanges. */
const MAX_RECORDED_BODY_CHARS = 4_000;

/** One request and its response, as recorded for the test report. */
export interface ApiExchange {
  method: string;
  url: string;
  /** The body as sent (JSON for objects), cut to the same length as response bodies. */
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string | string[] | undefined>;
  responseBody?: string;
  durationMs?: number;
  error?: string;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/**
 * A supertest client bound to one system's base URL. Each method returns a
 * supertest `Test`, so `.send()`, `.set()` and `.expect()` work as usual.
 */
export type ApiClient = Record<Method, (path: string) => supertest.Test> & {
  readonly baseURL: string;
  /** Every exchange so far, oldest first. */
  readonly exchanges: readonly ApiExchange[];
};

function truncate(text: string): string {
  return text.length <= MAX_RECORDED_BODY_CHARS
    ? text
    : `${text.slice(0, MAX_RECORDED_BODY_CHARS)}… (${text.length} chars in all)`;
}

/**
 * Creates a client that records every exchange, so that a failing API test
 * shows the requests it made and what came back.
 */
export function createApiClient(baseURL: string): ApiClient {
  const agent = supertest(baseURL);
  const exchanges: ApiExchange[] = [];

  const request = (method: Method, path: string): supertest.Test => {
    if (!path.startsWith('/')) {
      throw new TypeError(
        `API path must start with "/", received "${path}". The base URL ${baseURL} comes from configuration.`,
      );
    }

    const exchange: ApiExchange = { method: method.toUpperCase(), url: baseURL + path };
    exchanges.push(exchange);
    const started = performance.now();
    const test = agent[method](path);

    // Record what is sent. The original `send` still does the sending.
    const send = test.send.bind(test);
    test.send = (data?: string | object) => {
      if (data !== undefined) {
        exchange.requestBody = truncate(typeof data === 'string' ? data : JSON.stringify(data));
      }
      return send(data);
    };

    test.on('response', (response: supertest.Response) => {
      exchange.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      exchange.status = response.status;
      exchange.responseHeaders = response.headers;
      exchange.responseBody = truncate(response.text ?? '');
      log(
        '%s %s -> %d in %d ms',
        exchange.method,
        exchange.url,
        response.status,
        exchange.durationMs,
      );
    });
    test.on('error', (error: Error) => {
      exchange.error = error.message;
      log('%s %s failed: %s', exchange.method, exchange.url, error.message);
    });

    return test;
  };

  return {
    baseURL,
    exchanges,
    get: (path) => request('get', path),
    post: (path) => request('post', path),
    put: (path) => request('put', path),
    patch: (path) => request('patch', path),
    delete: (path) => request('delete', path),
    head: (path) => request('head', path),
    options: (path) => request('options', path),
  };
}
