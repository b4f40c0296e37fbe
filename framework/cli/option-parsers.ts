import { InvalidArgumentError } from 'commander';

/**
 * Returns a commander parser for a whole number in [min, max]. The message
 * names the range and the received text; commander adds the option name.
 */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, received "${value}".`,
      );
    }
    return parsed;
  };
}

/** Parses a rate from 0 to 1, also accepted as a percentage such as "10%". */
export function rate(value: string): number {
  const trimmed = value.trim();
  const parsed = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (trimmed === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError(
      `expected a rate from 0 to 1 or a percentage such as 10%, received "${value}".`,
    );
  }
  return parsed;
}
