import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { parseCases, type SourceLine } from './case-parser.ts';
import { displayPath } from './display-path.ts';
import { hasFrontMatter, parseFrontMatter, splitFrontMatter } from './front-matter.ts';
import { PlanSetupError } from './plan-errors.ts';
import type { PlanProblem, TestPlan } from './plan-model.ts';

export interface LoadedPlans {
  plans: TestPlan[];
  problems: PlanProblem[];
}

/**
 * Reads every plan in `plansDir`: the `.md` files directly in it that start
 * with front matter. Other Markdown files there, such as the README, are
 * documents about the plans.
 *
 * @throws PlanSetupError when the folder does not exist or contains no plan.
 */
export function loadPlans(plansDir: string, cwd: string = process.cwd()): LoadedPlans {
  const folder = resolve(cwd, plansDir);
  const shownFolder = displayPath(folder, cwd);

  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.md'));
  } catch (error) {
    throw new PlanSetupError(
      `cannot read the test plan folder ${shownFolder}: ${(error as Error).message}. Pass the folder with --plans <dir>.`,
    );
  }

  const plans: TestPlan[] = [];
  const problems: PlanProblem[] = [];
  for (const name of names.sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile()) continue;
    const plan = readPlan(path, displayPath(path, cwd), problems);
    if (plan !== undefined) plans.push(plan);
  }

  if (plans.length === 0 && problems.length === 0) {
    throw new PlanSetupError(
      `found no test plan in ${shownFolder}: no .md file there starts with YAML front matter ("---"). ` +
        'See docs/test-plan/README.md for the layout, or pass another folder with --plans <dir>.',
    );
  }

  problems.push(...findDuplicateIds(plans));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { plans, problems };
}

/** Parses one file; returns undefined for a Markdown document that is not a plan. */
function readPlan(path: string, file: string, problems: PlanProblem[]): TestPlan | undefined {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const stem = basename(path, '.md');

  if (!hasFrontMatter(lines)) {
    const caseLine = findCaseHeadingLine(lines);
    if (caseLine !== undefined) {
      problems.push({
        kind: 'front-matter',
        file,
        line: 1,
        message: `the file has case headings (line ${caseLine}) but no front matter; start it with "---", the keys system, name, owner, version, page and endpoints, and "---".`,
      });
    }
    return undefined;
  }

  const block = splitFrontMatter(lines, file);
  if ('kind' in block) {
    problems.push(block);
    return { file, frontMatter: undefined, cases: [] };
  }

  const { frontMatter, problems: frontMatterProblems } = parseFrontMatter(block, file, stem);
  problems.push(...frontMatterProblems);

  const body: SourceLine[] = lines
    .slice(block.bodyLine - 1)
    .map((text, index) => ({ text, line: block.bodyLine + index }));
  const idPrefix = (frontMatter?.system ?? stem).toUpperCase();
  const { cases, problems: caseProblems } = parseCases(body, { file, idPrefix, frontMatter });
  problems.push(...caseProblems);

  return { file, frontMatter, cases };
}

/** Line of the first `## ID · title` heading outside code blocks, if any. */
function findCaseHeadingLine(lines: readonly string[]): number | undefined {
  let inFence = false;
  for (const [index, line] of lines.entries()) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^##\s+[A-Za-z][A-Za-z0-9]*-\d+\s+·/.test(line)) return index + 1;
  }
  return undefined;
}

/** Reports each case whose id an earlier case, in this plan or another, already has. */
function findDuplicateIds(plans: readonly TestPlan[]): PlanProblem[] {
  const first = new Map<string, { file: string; line: number }>();
  const problems: PlanProblem[] = [];

  for (const testCase of plans.flatMap((plan) => plan.cases)) {
    const earlier = first.get(testCase.id);
    if (earlier === undefined) {
      first.set(testCase.id, testCase);
      continue;
    }
    problems.push({
      kind: 'duplicate-id',
      file: testCase.file,
      line: testCase.line,
      message: `case id ${testCase.id} is used twice, here and at ${earlier.file}:${earlier.line}; give each case its own id.`,
    });
  }
  return problems;
}
