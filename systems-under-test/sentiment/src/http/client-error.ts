import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

import type { FastifyBaseLogger } from 'fastify';

import { buildErrorBody } from './api-error.ts';

/** Status for the parser errors that have a more precise one than 400. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Builds Fastify's clientErrorHandler. A request that Node's HTTP parser rejects (a body longer
 * than its Content-Length, a bad chunk size, headers over 16 KiB) never reaches a route. So the
 * response is written to the socket here, in the JSON shape of every other error, and the
 * connection is closed, because the parser cannot find where the next request starts.
 */
export function buildClientErrorHandler(
  log: () => FastifyBaseLogger,
): (error: NodeJS.ErrnoException, socket: Socket) => void {
  return (error, socket) => {
    const statusCode = STATUS_BY_CODE[error.code ?? ''] ?? 400;
    const reason = STATUS_CODES[statusCode] ?? 'Bad Request';
    log().info({ code: error.code, statusCode }, 'Rejected malformed HTTP request');

    if (!socket.writable) {
      socket.destroy();
      return;
    }

    const body = JSON.stringify(
      buildErrorBody(
        statusCode,
        reason.toUpperCase().replaceAll(/[^A-Z]+/g, '_'),
        `The HTTP request is malformed (${error.code ?? 'parse error'}). Check Content-Length, Transfer-Encoding and header sizes.`,
      ),
    );
    socket.end(
      `HTTP/1.1 ${statusCode} ${reason}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
}
