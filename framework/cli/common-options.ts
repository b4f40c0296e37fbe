import { Option } from 'commander';

import { DEFAULT_WINDOW } from '../results/index.ts';
import { wholeNumber } from './option-parsers.ts';

/** `--window <runs>`, shared by the commands that look at each test's newest runs. */
export function windowOption(): Option {
  return new Option('-w, --window <runs>', 'runs per test to look at, the newest')
    .argParser(wholeNumber(1, 1_000))
    .default(DEFAULT_WINDOW);
}

/** `--json`, shared by every command that prints data. */
export function jsonOption(description = 'print JSON instead of a table'): Option {
  return new Option('--json', description);
}
