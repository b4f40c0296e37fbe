import { buildErrorBody } from './error-responses.ts';
import type { ErrorBody, ErrorDetail } from './error-responses.ts';

/**
 * Error that a hook or body parser throws to send a specific error response. The error handler
 * sends `body` with `statusCode` and adds `headers`, for example Allow on a 405.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  readonly statusCode: number;

  readonly body: ErrorBody;

  readonly headers: Readonly<Record<string, string>>;

  constructor(
    statusCode: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.body = buildErrorBody(statusCode, code, message, details);
    this.headers = headers;
  }
}
