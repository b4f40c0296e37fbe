/** Raised for a command-line or environment value that the user must fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses a decimal integer in [min, max], naming the option and the range when it is not one. */
export function integerOption(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number {
  const value = text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${name} must be an integer from ${min} to ${max}, received "${text ?? ''}".`,
    );
  }
  return value;
}
