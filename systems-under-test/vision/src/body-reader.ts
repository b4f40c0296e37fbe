/**
 * Reads request bodies for the content-type parsers. Fastify's own limit stops reading at the
 * limit and responds at once, so a client still sending the rest of a 9 MiB upload then sees its
 * connection reset (EPIPE) instead of the 413. So an oversized body, or a body of a refused
 * type, is read to its end and thrown away, up to DRAIN_LIMIT_BYTES, and only then answered;
 * past that the connection is closed. Memory stays at one chunk for a drained body.
 */
import type { IncomingMessage } from 'node:http';

import { ApiError } from './error-body.ts';
import { MAX_UPLOAD_BYTES } from './limits.ts';

/** Bytes read and discarded to deliver a clean error response: four times the upload limit. */
export const DRAIN_LIMIT_BYTES = 4 * MAX_UPLOAD_BYTES;

function tooLarge(): ApiError {
  return new ApiError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${MAX_UPLOAD_BYTES} bytes (8 MiB). Compress the image or scale it down first.`,
    [{ field: 'body', message: 'is too large' }],
  );
}

/**
 * Reads the body into one Buffer, or fails with `refusal` (when given) after draining it. A
 * body over the upload limit fails with 413 PAYLOAD_TOO_LARGE.
 */
export function readBody(request: IncomingMessage, refusal?: ApiError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      // Too much to drain, so respond now: the client may see its connection closed.
      reject(refusal ?? tooLarge());
      return;
    }

    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) {
        request.removeListener('data', onData);
        request.pause();
        reject(refusal ?? tooLarge());
        return;
      }
      if (refusal === undefined && received <= MAX_UPLOAD_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    };

    request.on('data', onData);
    request.once('error', reject);
    request.once('end', () => {
      if (received > DRAIN_LIMIT_BYTES) return;
      if (refusal !== undefined) reject(refusal);
      else if (received > MAX_UPLOAD_BYTES) reject(tooLarge());
      else resolve(Buffer.concat(chunks, received));
    });
  });
}
