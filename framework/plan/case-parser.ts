import { isDelimiterRow, isTableLine, splitTableRow } from './markdown-table.ts';
import {
  CASE_FIELDS,
  CASE_TYPES,
  PRIORITIES,
  type CaseField,
  type CaseType,
  type PlanFrontMatter,
  type PlanProblem,
  type PlanProblemKind,
  type Priority,
  type TestCase,
} from './plan-model.ts';

/** One line of the Markdown body with its 1-based line number in the file. */
export interface SourceLine {
  text: string;
  line: number;
}

export interface CaseParseContext {
  file: string;
  /** Upper-case system name that every case id starts with, such as `IRIS`. */
  idPrefix: string;
  /** Undefined when invalid; targets are then not checked against it. */
  frontMatter: PlanFrontMatter | undefined;
}

const HEADING = /^(#{1,6})\s+(.*)$/;
const CASE_HEADING = /^(\S+)\s+·\s+(.*)$/;
const CASE_ID = /^([A-Z][A-Z0-9]*)-(\d{3,})$/;
const LOOKS_LIKE_ID = /^[A-Za-z][A-Za-z0-9]*-\d+/;
const FENCE = /^\s*(```|~~~)/;
const LABEL = /^\*\*([^*]+?)\*\*:?\s*$/;
const STEP = /^(\d+)[.)]\s+(\S.*)$/;

const LABELS = { Steps: 'steps', 'Expected result': 'expected', Notes: 'notes' } as const;
/** `ignored` takes the lines under an unknown label, so that the label is reported once instead of each line. */
type Part = 'fields' | 'ignored' | (typeof LABELS)[keyof typeof LABELS];

/** Returns the text after `##` when the heading opens a case, because it starts with an id or has a `·`. */
function caseHeadingText(line: string): string | undefined {
  const match = HEADING.exec(line);
  if (match?.[1] !== '##') return undefined;
  const text = match[2]!.trim();
  return LOOKS_LIKE_ID.test(text) || text.includes('·') ? text : undefined;
}

/**
 * Reads every `## <ID> · <title>` section of a plan body into a case. Text
 * before the first case and `#`/`##` sections that are not cases are free text.
 */
export function parseCases(
  body: readonly SourceLine[],
  context: CaseParseContext,
): { cases: TestCase[]; problems: PlanProblem[] } {
  const cases: TestCase[] = [];
  const problems: PlanProblem[] = [];

  let current: { heading: SourceLine; text: string; lines: SourceLine[] } | undefined;
  const finish = () => {
    if (current === undefined) return;
    const parsed = parseCase(current.heading, current.text, current.lines, context, problems);
    if (parsed !== undefined) cases.push(parsed);
    current = undefined;
  };

  let inFence = false;
  for (const source of body) {
    if (FENCE.test(source.text)) inFence = !inFence;
    const isHeading = !inFence && /^#{1,2}\s/.test(source.text);

    if (isHeading) {
      finish();
      const text = caseHeadingText(source.text);
      if (text !== undefined) current = { heading: source, text, lines: [] };
      continue;
    }
    current?.lines.push(source);
  }
  finish();

  return { cases, problems };
}

/** Parses one case section, reporting its problems. Returns undefined when its heading is unusable. */
function parseCase(
  heading: SourceLine,
  headingText: string,
  lines: readonly SourceLine[],
  context: CaseParseContext,
  problems: PlanProblem[],
): TestCase | undefined {
  const { file, idPrefix } = context;
  const report = (kind: PlanProblemKind, line: number, message: string) =>
    problems.push({ kind, file, line, message });

  const match = CASE_HEADING.exec(headingText);
  if (match === null || match[2]!.trim() === '') {
    report(
      'markdown',
      heading.line,
      `heading "${heading.text.trim()}" must read "## ${idPrefix}-001 · <title>", with a middle dot (·, U+00B7) between the case id and a title.`,
    );
    return undefined;
  }
  const id = match[1]!;
  const title = match[2]!.trim();
  const idMatch = CASE_ID.exec(id);
  if (idMatch === null) {
    report(
      'markdown',
      heading.line,
      `case id "${id}" is invalid; write ${idPrefix}, a hyphen and three or more digits, such as ${idPrefix}-001.`,
    );
    return undefined;
  }
  if (idMatch[1] !== idPrefix) {
    report(
      'markdown',
      heading.line,
      `case id "${id}" must start with "${idPrefix}-", the system of this plan; move the case to the plan of ${idMatch[1]!.toLowerCase()} or renumber it.`,
    );
    return undefined;
  }

  const sections = splitSections(id, lines, report);
  const testCase: TestCase = {
    id,
    title,
    file,
    line: heading.line,
    requirement: '',
    preconditions: '',
    priority: undefined,
    type: undefined,
    targets: [],
    steps: [],
    expectedResult: '',
    notes: sections.notes.map((source) => source.text.trim()).join('\n'),
  };

  readFieldTable(testCase, sections.fields, context, report);

  // A badly numbered or unnumbered step is reported by readSteps, so "no steps" would only repeat it.
  const problemsBeforeSteps = problems.length;
  testCase.steps = readSteps(id, sections.steps, report);
  if (testCase.steps.length === 0 && problems.length === problemsBeforeSteps) {
    report(
      'missing-field',
      sections.stepsLabelLine ?? heading.line,
      `case ${id} has no steps; add "**Steps**" followed by a numbered list "1. …", "2. …".`,
    );
  }

  testCase.expectedResult = sections.expected
    .map((source) => source.text.trim())
    .join('\n')
    .trim();
  if (testCase.expectedResult === '') {
    report(
      'missing-field',
      sections.expectedLabelLine ?? heading.line,
      `case ${id} has no expected result; add "**Expected result**" followed by what the tester must observe.`,
    );
  }

  return testCase;
}

interface CaseSections {
  fields: SourceLine[];
  steps: SourceLine[];
  expected: SourceLine[];
  notes: SourceLine[];
  stepsLabelLine?: number;
  expectedLabelLine?: number;
}

/** Sorts the lines of a case into its field table and its labelled parts. */
function splitSections(
  id: string,
  lines: readonly SourceLine[],
  report: (kind: PlanProblemKind, line: number, message: string) => void,
): CaseSections {
  const sections: CaseSections = { fields: [], steps: [], expected: [], notes: [] };
  const labelLines = new Map<Part, number>();
  let part: Part = 'fields';
  let tableEnded = false;
  let strayReported = false;
  let inFence = false;

  for (const source of lines) {
    const wasInFence = inFence;
    if (FENCE.test(source.text)) inFence = !inFence;
    const label = wasInFence ? null : LABEL.exec(source.text.trim());

    if (label !== null) {
      const name = label[1]!.trim();
      const next = (LABELS as Record<string, Part | undefined>)[name];
      if (next === undefined) {
        report(
          'markdown',
          source.line,
          `case ${id} has the unknown label "**${name}**"; a case has **Steps**, **Expected result** and, optionally, **Notes**.`,
        );
        part = 'ignored';
        continue;
      }
      const earlier = labelLines.get(next);
      if (earlier !== undefined) {
        report(
          'markdown',
          source.line,
          `case ${id} has "**${name}**" twice, here and at line ${earlier}; merge them into one.`,
        );
      }
      labelLines.set(next, source.line);
      part = next;
      continue;
    }

    if (part === 'ignored') continue;
    if (part !== 'fields') {
      sections[part].push(source);
      continue;
    }

    // Before the first label only the field table is allowed.
    if (source.text.trim() === '') {
      if (sections.fields.length > 0) tableEnded = true;
      continue;
    }
    if (isTableLine(source.text) && !tableEnded) {
      sections.fields.push(source);
      continue;
    }
    if (!strayReported) {
      strayReported = true;
      report(
        'markdown',
        source.line,
        isTableLine(source.text)
          ? `case ${id} has a second table before **Steps**; a case has one field table, so merge the rows into it.`
          : `case ${id} has text outside its field table before **Steps**: "${shorten(source.text)}"; move it under **Notes** or into a field.`,
      );
    }
  }

  sections.stepsLabelLine = labelLines.get('steps');
  sections.expectedLabelLine = labelLines.get('expected');
  return sections;
}

/** Reads the `| Field | Value |` table into the case and reports missing or invalid rows. */
function readFieldTable(
  testCase: TestCase,
  tableLines: readonly SourceLine[],
  context: CaseParseContext,
  report: (kind: PlanProblemKind, line: number, message: string) => void,
): void {
  const { id } = testCase;
  if (tableLines.length === 0) {
    report(
      'markdown',
      testCase.line,
      `case ${id} has no field table; add "| Field | Value |", "| --- | --- |" and one row for each of ${CASE_FIELDS.join(', ')} under the heading.`,
    );
    return;
  }

  const [header, delimiter, ...rows] = tableLines;
  const headerCells = splitTableRow(header!.text);
  if (headerCells.length !== 2 || headerCells[0] !== 'Field' || headerCells[1] !== 'Value') {
    report(
      'markdown',
      header!.line,
      `case ${id}: the field table's header must be "| Field | Value |", found "${header!.text.trim()}".`,
    );
  }
  if (delimiter === undefined || !isDelimiterRow(splitTableRow(delimiter.text))) {
    report(
      'markdown',
      delimiter?.line ?? header!.line,
      `case ${id}: the field table's second row must be the delimiter row "| --- | --- |".`,
    );
  }

  const seen = new Map<CaseField, number>();
  for (const row of rows) {
    const cells = splitTableRow(row.text);
    if (cells.length !== 2) {
      report(
        'markdown',
        row.line,
        `case ${id}: the field table row has ${cells.length} cells, expected 2 (field and value); write \\| for a pipe inside a value.`,
      );
      continue;
    }
    const [name, value] = cells as [string, string];
    const field = CASE_FIELDS.find((candidate) => candidate === name);
    if (field === undefined) {
      const spelled = CASE_FIELDS.find(
        (candidate) => candidate.toLowerCase() === name.toLowerCase(),
      );
      report(
        'markdown',
        row.line,
        spelled === undefined
          ? `case ${id} has the unknown field "${name}"; the fields are ${CASE_FIELDS.join(', ')}.`
          : `case ${id} has the field "${name}"; write it as "${spelled}".`,
      );
      continue;
    }
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      report(
        'markdown',
        row.line,
        `case ${id} has the field ${field} twice, here and at line ${earlier}; keep one.`,
      );
      continue;
    }
    seen.set(field, row.line);
    if (value === '') {
      report('missing-field', row.line, `case ${id} has an empty ${field}; ${FIELD_HINTS[field]}`);
      continue;
    }
    applyField(testCase, field, value, row.line, context, report);
  }

  for (const field of CASE_FIELDS) {
    if (!seen.has(field)) {
      report(
        'missing-field',
        header!.line,
        `case ${id} has no ${field} row; ${FIELD_HINTS[field]}`,
      );
    }
  }
}

const FIELD_HINTS: Record<CaseField, string> = {
  Requirement: 'add "| Requirement | <what the system must do, in one sentence> |".',
  Preconditions: 'add "| Preconditions | <what must hold before step 1, or None> |".',
  Priority: `add "| Priority | P2 |" with one of ${PRIORITIES.join(', ')}.`,
  Type: `add "| Type | automated |" with one of ${CASE_TYPES.join(', ')}.`,
  Target: 'add "| Target | <the page or endpoints under test, from the front matter> |".',
};

function applyField(
  testCase: TestCase,
  field: CaseField,
  value: string,
  line: number,
  context: CaseParseContext,
  report: (kind: PlanProblemKind, line: number, message: string) => void,
): void {
  const { id } = testCase;
  switch (field) {
    case 'Requirement':
      testCase.requirement = value;
      return;
    case 'Preconditions':
      testCase.preconditions = value;
      return;
    case 'Priority':
      if ((PRIORITIES as readonly string[]).includes(value)) {
        testCase.priority = value as Priority;
      } else {
        report(
          'invalid-field',
          line,
          `case ${id} has Priority "${value}", which is invalid; allowed values: ${PRIORITIES.join(', ')}.`,
        );
      }
      return;
    case 'Type':
      if ((CASE_TYPES as readonly string[]).includes(value)) {
        testCase.type = value as CaseType;
      } else {
        report(
          'invalid-field',
          line,
          `case ${id} has Type "${value}", which is invalid; allowed values: ${CASE_TYPES.join(', ')}.`,
        );
      }
      return;
    case 'Target':
      testCase.targets = readTargets(id, value, line, context, report);
      return;
  }
}

/** Splits the Target value at commas and checks each entry against the front matter. */
function readTargets(
  id: string,
  value: string,
  line: number,
  context: CaseParseContext,
  report: (kind: PlanProblemKind, line: number, message: string) => void,
): string[] {
  const targets = value
    .split(',')
    .map((entry) => entry.replaceAll('`', '').trim().replace(/\s+/g, ' '))
    .filter((entry) => entry !== '');

  const frontMatter = context.frontMatter;
  if (frontMatter === undefined) return targets;

  const allowed = [
    ...(frontMatter.page === undefined ? [] : [`page ${frontMatter.page}`]),
    ...frontMatter.endpoints,
  ];
  for (const target of targets) {
    if (!allowed.includes(target)) {
      report(
        'invalid-field',
        line,
        `case ${id} has Target "${target}", which the front matter does not list; allowed values: ${allowed.join(', ')}. Add it to the front matter if the system has it.`,
      );
    }
  }
  return targets;
}

/** Reads a numbered list; indented lines continue the step above them. */
function readSteps(
  id: string,
  lines: readonly SourceLine[],
  report: (kind: PlanProblemKind, line: number, message: string) => void,
): string[] {
  const steps: string[] = [];
  let inFence = false;
  let afterBlank = false;

  for (const source of lines) {
    const wasInFence = inFence;
    if (FENCE.test(source.text)) inFence = !inFence;
    if (source.text.trim() === '') {
      afterBlank = true;
      continue;
    }
    const lazy = !afterBlank;
    afterBlank = false;

    const step = wasInFence ? null : STEP.exec(source.text);
    if (step !== null) {
      const number = Number(step[1]);
      if (number !== steps.length + 1) {
        report(
          'markdown',
          source.line,
          `case ${id}: step numbered ${number} should be ${steps.length + 1}; number the steps 1, 2, 3, … in order.`,
        );
      }
      steps.push(step[2]!.trim());
      continue;
    }

    // CommonMark continues a list item with an unindented line right after it (a lazy
    // continuation line), and Prettier writes one when it wraps a long code span.
    const continues = wasInFence || /^\s/.test(source.text) || lazy;
    if (continues && steps.length > 0) {
      steps[steps.length - 1] += '\n' + source.text.trim();
      continue;
    }
    report(
      'markdown',
      source.line,
      `case ${id}: "${shorten(source.text)}" under **Steps** is not a numbered step; start each step with "1. ", "2. ", … and indent the lines that continue it.`,
    );
    return steps;
  }
  return steps;
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 60 ? trimmed.slice(0, 57) + '...' : trimmed;
}
