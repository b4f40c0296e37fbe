import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair } from 'yaml';

import type { PlanFrontMatter, PlanProblem } from './plan-model.ts';

const FENCE = '---';

const FRONT_MATTER_KEYS = ['system', 'name', 'owner', 'version', 'page', 'endpoints'] as const;
type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

const SYSTEM_PATTERN = /^[a-z][a-z0-9]*$/;
const ENDPOINT_PATTERN = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S*$/;

/** Fixes for the YAML errors that plan authors make most, by the `yaml` package's error code. */
const YAML_FIXES: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY:
    'put a value that contains ": " in quotes, and start each key at the beginning of its line.',
  MULTILINE_IMPLICIT_KEY: 'start each key at the beginning of its line.',
  DUPLICATE_KEY: 'remove one of the two keys.',
  BAD_INDENT: 'close the list or mapping, or indent its items below the key.',
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs.',
};

interface FrontMatterEntry {
  /** A scalar's JavaScript value, or the YAML node of a list or mapping. */
  value: unknown;
  line: number;
}

export interface FrontMatterBlock {
  /** YAML between the fences. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  yamlLine: number;
  /** 1-based line where the Markdown body starts. */
  bodyLine: number;
}

/** Returns whether a file opens with a front matter fence. Files without one are not plans. */
export function hasFrontMatter(lines: readonly string[]): boolean {
  return lines[0]?.trimEnd() === FENCE;
}

/**
 * Finds the front matter between a `---` first line and the next `---` line.
 * Returns a problem instead when the closing fence is missing.
 */
export function splitFrontMatter(
  lines: readonly string[],
  file: string,
): FrontMatterBlock | PlanProblem {
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (closing === -1) {
    return {
      kind: 'front-matter',
      file,
      line: 1,
      message:
        'front matter opens with "---" but has no closing "---" line; add one after the last YAML line.',
    };
  }
  return { yaml: lines.slice(1, closing).join('\n'), yamlLine: 2, bodyLine: closing + 2 };
}

/**
 * Parses and validates the YAML front matter of a plan. `fileStem` is the file
 * name without `.md`, which must equal `system` so that each system has one plan.
 */
export function parseFrontMatter(
  block: FrontMatterBlock,
  file: string,
  fileStem: string,
): { frontMatter: PlanFrontMatter | undefined; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const report = (line: number, message: string) =>
    problems.push({ kind: 'front-matter', file, line, message: `front matter: ${message}` });

  const lineCounter = new LineCounter();
  const document = parseDocument(block.yaml, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const lineAt = (offset: number | undefined) =>
    block.yamlLine - 1 + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const openingLine = block.yamlLine - 1;

  // Only the first syntax error is reported, because the ones after it often follow from it.
  const syntaxError = document.errors[0];
  if (syntaxError !== undefined) {
    const firstLine = syntaxError.message.split('\n')[0] ?? syntaxError.message;
    report(
      lineAt(syntaxError.pos[0]),
      `invalid YAML: ${firstLine}; ${YAML_FIXES[syntaxError.code] ?? 'fix the YAML syntax at this line.'}`,
    );
    return { frontMatter: undefined, problems };
  }

  const contents = document.contents;
  if (!isMap(contents)) {
    report(
      openingLine,
      `expected a YAML mapping with the keys ${FRONT_MATTER_KEYS.join(', ')}, ` +
        `but found ${contents === null ? 'nothing' : 'a ' + describeNode(contents)}.`,
    );
    return { frontMatter: undefined, problems };
  }

  const values = new Map<FrontMatterKey, FrontMatterEntry>();
  for (const pair of contents.items as Array<Pair<unknown, unknown>>) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      report(line, `unknown key "${key}"; the keys are ${FRONT_MATTER_KEYS.join(', ')}.`);
      continue;
    }
    const value: unknown = isScalar(pair.value) ? pair.value.value : pair.value;
    values.set(key as FrontMatterKey, { value, line });
  }

  const text = (key: FrontMatterKey, example: string): string | undefined => {
    const entry = values.get(key);
    if (entry === undefined) {
      report(openingLine, `missing key "${key}"; add a line such as "${key}: ${example}".`);
      return undefined;
    }
    if (typeof entry.value === 'number') {
      report(
        entry.line,
        `"${key}" is the number ${entry.value}, but must be text; write it in quotes, such as ${key}: "${example}", so that YAML keeps it as written.`,
      );
      return undefined;
    }
    if (typeof entry.value !== 'string' || entry.value.trim() === '') {
      report(entry.line, `"${key}" must be non-empty text, such as "${key}: ${example}".`);
      return undefined;
    }
    return entry.value.trim();
  };

  const system = text('system', fileStem);
  if (system !== undefined && !SYSTEM_PATTERN.test(system)) {
    report(
      values.get('system')!.line,
      `system "${system}" is invalid; use lower-case letters and digits, starting with a letter, such as "iris".`,
    );
  } else if (system !== undefined && system !== fileStem) {
    report(
      values.get('system')!.line,
      `system "${system}" does not match the file name ${fileStem}.md; rename the file to ${system}.md or set "system: ${fileStem}".`,
    );
  }
  const name = text('name', 'Iris ML API');
  const owner = text('owner', 'QA team');
  const version = text('version', '1.0.0');

  let page: string | undefined;
  if (values.has('page')) {
    page = text('page', '/');
    if (page !== undefined && !page.startsWith('/')) {
      report(values.get('page')!.line, `page "${page}" must be a path starting with "/".`);
      page = undefined;
    }
  }
  const endpoints = parseEndpoints(values.get('endpoints'), lineAt, report);

  if (!values.has('page') && !values.has('endpoints')) {
    report(
      openingLine,
      'missing "page" and "endpoints"; a plan tests a web page, endpoints or both, so give at least one.',
    );
  }

  if (problems.length > 0 || system === undefined || name === undefined) {
    return { frontMatter: undefined, problems };
  }
  return {
    frontMatter: { system, name, owner: owner!, version: version!, page, endpoints },
    problems,
  };
}

function parseEndpoints(
  entry: FrontMatterEntry | undefined,
  lineAt: (offset: number | undefined) => number,
  report: (line: number, message: string) => void,
): string[] {
  if (entry === undefined) return [];

  if (!isSeq(entry.value)) {
    report(
      entry.line,
      '"endpoints" must be a YAML list with one "METHOD /path" entry per line, such as "- POST /predict".',
    );
    return [];
  }

  const endpoints: string[] = [];
  for (const item of entry.value.items) {
    const line = lineAt(isScalar(item) ? item.range?.[0] : undefined);
    const value = isScalar(item) ? item.value : item;
    if (typeof value !== 'string' || !ENDPOINT_PATTERN.test(value.trim())) {
      report(
        line,
        `endpoint ${JSON.stringify(value)} is invalid; write an HTTP method in upper case, a space and a path, such as "POST /predict".`,
      );
      continue;
    }
    if (endpoints.includes(value.trim())) {
      report(line, `endpoint "${value.trim()}" is listed twice; remove one.`);
      continue;
    }
    endpoints.push(value.trim());
  }
  return endpoints;
}

function describeNode(node: unknown): string {
  if (isScalar(node)) return `single value (${JSON.stringify(node.value)})`;
  return 'list';
}
