/**
 * The test plan as the parser reads it from docs/test-plan/*.md: front matter
 * per system and one case per `## <ID> · <title>` section. docs/test-plan/README.md
 * describes the layout for people.
 */

/** Folder of the plans, relative to the project root. */
export const DEFAULT_PLANS_DIR = 'docs/test-plan';

/** Playwright configuration whose tests `plan check` lists, relative to the project root. */
export const DEFAULT_CONFIG_FILE = 'playwright.config.ts';

export const CASE_TYPES = ['automated', 'manual', 'both'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Rows of a case's field table, in the order the README lists them. */
export const CASE_FIELDS = ['Requirement', 'Preconditions', 'Priority', 'Type', 'Target'] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/** A tag such as `@IRIS-012`: letters, a hyphen and digits. Other tags name no case. */
export const CASE_TAG_PATTERN = /^@[A-Za-z][A-Za-z0-9]*-\d+$/;

export interface PlanFrontMatter {
  /** Lower-case short name; case ids start with it in upper case. */
  system: string;
  name: string;
  owner: string;
  version: string;
  /** Path of the system's web page, such as `/`. */
  page?: string;
  /** `METHOD /path` entries. */
  endpoints: string[];
}

export interface TestCase {
  id: string;
  title: string;
  /** Plan file, relative to the working directory. */
  file: string;
  /** Line of the `##` heading. */
  line: number;
  requirement: string;
  preconditions: string;
  /** Undefined when the row is missing or its value is invalid, which is then reported as a problem. */
  priority: Priority | undefined;
  type: CaseType | undefined;
  /** `page /` or `METHOD /path` entries. */
  targets: string[];
  steps: string[];
  expectedResult: string;
  notes: string;
}

export interface TestPlan {
  /** Relative to the working directory, as problems print it. */
  file: string;
  /** Undefined when the front matter is invalid. */
  frontMatter: PlanFrontMatter | undefined;
  cases: TestCase[];
}

export type PlanProblemKind =
  | 'front-matter'
  | 'markdown'
  | 'missing-field'
  | 'invalid-field'
  | 'duplicate-id'
  | 'unknown-case'
  | 'untested-case'
  | 'test-listing';

/** One problem that `plan check` reports as `file:line: message`. */
export interface PlanProblem {
  kind: PlanProblemKind;
  /** Relative to the working directory. */
  file: string;
  line: number;
  message: string;
}

export function formatProblem(problem: PlanProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
