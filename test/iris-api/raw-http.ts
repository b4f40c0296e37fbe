import { Duplex } from 'node:stream';

import type { FastifyInstance } from 'fastify';

/** A parsed HTTP/1.1 response as received on the connection. */
export interface RawResponse {
  statusCode: number;
  headers: Map<string, string>;
  body: string;
}

const CLOSE_TIMEOUT_MS = 5000;

/**
 * Sends raw bytes to the app's HTTP server without a network port and returns everything the
 * server wrote back. Node's HTTP server accepts any Duplex stream emitted as a 'connection'
 * event, so the bytes go through Node's real HTTP parser and Fastify's clientErrorHandler, which
 * app.inject skips. Resolves when the server ends or destroys the connection.
 */
export async function sendRawRequest(app: FastifyInstance, raw: string): Promise<string> {
  await app.ready();

  let received = '';
  const connection = new Duplex({
    read() {
      // The test pushes the request bytes itself.
    },
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.toString('latin1');
      callback();
    },
  });

  const finished = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Server kept the connection open. Received so far:\n${received}`));
    }, CLOSE_TIMEOUT_MS);
    const settle = (): void => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('finish', settle);
    connection.once('close', settle);
  });

  app.server.emit('connection', connection);
  connection.push(raw);
  await finished;
  return received;
}

/** Parses the first response in `text`: status line, headers with lower-case names, and body. */
export function parseRawResponse(text: string): RawResponse {
  const headerEnd = text.indexOf('\r\n\r\n');
  if (headerEnd === -1) {
    throw new Error(`No complete HTTP response head in:\n${text}`);
  }

  const [statusLine = '', ...headerLines] = text.slice(0, headerEnd).split('\r\n');
  const statusCode = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const separator = line.indexOf(':');
    headers.set(line.slice(0, separator).trim().toLowerCase(), line.slice(separator + 1).trim());
  }

  const contentLength = Number(headers.get('content-length'));
  const body = text.slice(headerEnd + 4, headerEnd + 4 + contentLength);
  return { statusCode, headers, body };
}
