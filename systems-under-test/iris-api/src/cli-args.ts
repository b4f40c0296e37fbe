/** Raised for a command-line or environment value that the user must fix. CLIs exit with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parsed command line: option values by name, and whether --help or -h was given. */
export interface ParsedArgs {
  values: Map<string, string>;
  help: boolean;
}

/**
 * Parses `--name value` and `--name=value` options. Unlike node:util parseArgs, it takes a value
 * that starts with a dash (`--seed -1`) as the value, so the range check can name it.
 */
export function parseOptionArgs(
  argv: readonly string[],
  optionNames: readonly string[],
): ParsedArgs {
  const values = new Map<string, string>();
  let help = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }

    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1];
    if (match === null || name === undefined || !optionNames.includes(name)) {
      const known = optionNames.map((option) => `--${option}`).join(', ');
      throw new UsageError(`Unknown argument "${arg}". Known options: ${known}, --help.`);
    }

    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) {
      throw new UsageError(`Option --${name} needs a value, for example --${name}=VALUE.`);
    }
    values.set(name, value);
  }

  return { values, help };
}

/**
 * Parses a decimal integer string in [min, max]. Rejects fractions, exponents, signs and
 * whitespace, because Number("1e3") or Number(" 7 ") would silently accept them.
 */
export function parseIntegerInRange(
  text: string,
  min: number,
  max: number,
  label: string,
  example: string,
): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `Invalid ${label} "${text}": expected an integer from ${min} to ${max}, for example ${example}.`,
    );
  }

  return value;
}
