import { STATUS_CODES } from 'node:http';

/** One problem with the request, for example one invalid query parameter. */
export interface ErrorDetail {
  /** Where the problem is: `query.width`, `header.content-type` or `body`. */
  field: string;
  message: string;
}

/** Body of every error response. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: ErrorDetail[];
}

export function buildErrorBody(
  statusCode: number,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, details };
}

/** An error that a route or hook throws to send a specific 4xx response. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  readonly statusCode: number;

  readonly body: ErrorBody;

  constructor(statusCode: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.statusCode = statusCode;
    this.body = buildErrorBody(statusCode, code, message, details);
  }
}
