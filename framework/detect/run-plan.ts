/**
 * Which Playwright projects and spec folders each detection run covers, from the projects and
 * tests that `playwright test --list` reports.
 */
import { relative } from 'node:path';

import type { CatalogueFault } from './catalogue.ts';
import type { JsonReport, ListedTest } from './json-report.ts';
import { LAYER_PROJECTS, type LayerScope } from './layers.ts';

/** The projects of the configuration and the systems each has specs for. */
export interface SuiteLayout {
  /** Project name → its test folder (absolute). */
  testDirs: Map<string, string>;
  /** Project name → systems with specs in `<testDir>/<system>/`. */
  systemsByProject: Map<string, Set<string>>;
}

export function suiteLayout(report: JsonReport, tests: readonly ListedTest[]): SuiteLayout {
  const testDirs = new Map(
    report.config.projects.map((project) => [project.name, project.testDir]),
  );
  const systemsByProject = new Map<string, Set<string>>();
  for (const name of testDirs.keys()) systemsByProject.set(name, new Set());
  for (const test of tests) {
    const [system, rest] = test.fileInProject.split('/', 2);
    // A spec directly in the project folder belongs to no system.
    if (system !== undefined && rest !== undefined && !system.startsWith('..')) {
      systemsByProject.get(test.project)?.add(system);
    }
  }
  return { testDirs, systemsByProject };
}

/** The projects and file filters of one run. */
export interface RunTarget {
  projects: string[];
  /** Playwright file filters (regular expressions): one `<testDir>/<system>/` per project and system. */
  fileFilters: string[];
  systems: string[];
}

export interface FaultTarget extends RunTarget {
  expectedProject?: string;
  notes: string[];
}

/** Plans the run of one fault: its expected layer's project, or every project with its system's specs. */
export function planFaultRun(
  fault: CatalogueFault,
  layout: SuiteLayout,
  scope: LayerScope,
  projectDir: string,
): FaultTarget {
  const notes: string[] = [];
  const expected = LAYER_PROJECTS[fault.layer];
  const expectedExists = expected !== undefined && layout.testDirs.has(expected);
  const hasSpecs = (project: string) =>
    layout.systemsByProject.get(project)?.has(fault.system) ?? false;

  if (expected === undefined) {
    notes.push(`Layer ${fault.layer} runs outside Playwright, so nova detect cannot measure it.`);
  } else if (!expectedExists) {
    notes.push(
      `Layer ${fault.layer} has no Playwright project "${expected}" in this configuration, so only other layers could catch it.`,
    );
  } else if (!hasSpecs(expected)) {
    notes.push(
      `Project "${expected}" has no specs for ${fault.system} (specs/${expected}/${fault.system}/).`,
    );
  }

  const projects =
    scope === 'expected'
      ? expectedExists && hasSpecs(expected)
        ? [expected]
        : []
      : [...layout.testDirs.keys()].filter(hasSpecs);

  return {
    ...target(projects, [fault.system], layout, projectDir),
    expectedProject: expectedExists ? expected : undefined,
    notes,
  };
}

/** The clean runs cover everything that the fault runs covered together. */
export function planCleanRun(
  faultTargets: readonly RunTarget[],
  layout: SuiteLayout,
  projectDir: string,
): RunTarget {
  const projects = new Set(faultTargets.flatMap((entry) => entry.projects));
  const systems = new Set(faultTargets.flatMap((entry) => entry.systems));
  return target([...projects], [...systems], layout, projectDir);
}

function target(
  projects: string[],
  systems: string[],
  layout: SuiteLayout,
  projectDir: string,
): RunTarget {
  const fileFilters = projects.flatMap((project) =>
    systems
      .filter((system) => layout.systemsByProject.get(project)?.has(system))
      .map((system) => {
        const folder = relative(projectDir, layout.testDirs.get(project)!).split('\\').join('/');
        return escapeRegExp(`${folder}/${system}/`);
      }),
  );
  return { projects, fileFilters, systems };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
