import { STATUS_CODES } from 'node:http';

/** One problem with the request, located by a JSON pointer into the body ("/" for all of it). */
export interface ErrorDetail {
  field: string;
  rule: string;
  message: string;
}

/** Body of every 4xx and 5xx response. */
export interface ErrorBody {
  statusCode: number;
  /** HTTP reason phrase, such as "Bad Request". */
  error: string;
  /** Machine-readable code, such as VALIDATION_ERROR. */
  code: string;
  message: string;
  details: ErrorDetail[];
}

/** Builds an error body with the reason phrase of its status code. */
export function buildErrorBody(
  statusCode: number,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, details };
}

/** An error that the error handler sends as it is, with its status code and headers. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly body: ErrorBody;

  constructor(
    statusCode: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.body = buildErrorBody(statusCode, code, message, details);
  }
}
