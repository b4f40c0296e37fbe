import { ApiError } from './error-body.ts';
import type { ErrorDetail } from './error-body.ts';

/** A query string as Fastify parses it: a repeated name gives an array. */
export type RawQuery = Record<string, string | string[] | undefined>;

/**
 * Reads and checks query parameters, collecting one detail per problem so that a caller learns
 * everything wrong with a request at once. `finish` throws a 400 listing them all.
 */
export class QueryReader {
  private readonly problems: ErrorDetail[] = [];

  private readonly read = new Set<string>();

  constructor(private readonly query: RawQuery) {}

  private text(name: string): string | undefined {
    this.read.add(name);
    const value = this.query[name];
    if (Array.isArray(value)) {
      this.problem(name, `is given ${value.length} times; give it once`);
      return undefined;
    }
    return value;
  }

  problem(name: string, message: string): void {
    this.problems.push({ field: `query.${name}`, message });
  }

  /** An integer in [min, max], written in decimal digits only. */
  integer(name: string, min: number, max: number, required: boolean): number | undefined {
    const text = this.text(name);
    if (text === undefined) {
      if (required) this.problem(name, `is required: an integer from ${min} to ${max}`);
      return undefined;
    }
    const value = /^-?\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problem(name, `is "${text}"; expected an integer from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  /** A finite decimal number in [min, max]. */
  number(name: string, min: number, max: number, required: boolean): number | undefined {
    const text = this.text(name);
    if (text === undefined) {
      if (required) this.problem(name, `is required: a number from ${min} to ${max}`);
      return undefined;
    }
    const value = /^-?\d{1,6}(\.\d{1,6})?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || value < min || value > max) {
      this.problem(name, `is "${text}"; expected a number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  /** One of a fixed list of words. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    if (!(choices as readonly string[]).includes(text)) {
      this.problem(name, `is "${text}"; expected one of ${choices.join(', ')}`);
      return undefined;
    }
    return text as T;
  }

  /** A colour as #rrggbb. */
  colour(name: string): string | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    if (!/^#[0-9a-fA-F]{6}$/.test(text)) {
      this.problem(
        name,
        `is "${text}"; expected a colour as #rrggbb, for example %23ffffff in a URL`,
      );
      return undefined;
    }
    return text.toLowerCase();
  }

  /** true or false. */
  flag(name: string): boolean | undefined {
    const value = this.choice(name, ['true', 'false'] as const);
    return value === undefined ? undefined : value === 'true';
  }

  /** Throws a 400 naming every problem and every parameter that this endpoint does not know. */
  finish(endpoint: string): void {
    const unknown = Object.keys(this.query).filter((name) => !this.read.has(name));
    for (const name of unknown) {
      const known = [...this.read].join(', ') || 'none';
      this.problem(name, `is not a parameter of ${endpoint}; known parameters: ${known}`);
    }
    if (this.problems.length === 0) return;

    const [first] = this.problems;
    const more = this.problems.length - 1;
    throw new ApiError(
      400,
      'INVALID_QUERY',
      `Invalid query for ${endpoint}: ${first!.field.slice('query.'.length)} ${first!.message}.` +
        (more > 0 ? ` ${more} more problem${more === 1 ? ' is' : 's are'} listed in details.` : ''),
      this.problems,
    );
  }
}
