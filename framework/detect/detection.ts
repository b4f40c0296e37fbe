/**
 * Runs the detection: for each fault, the Playwright projects that should catch it, with only
 * that fault switched on; then clean runs with none. Each run starts its own servers on a free
 * port offset, with `CI=1` so that Playwright refuses to reuse a server it did not start, and
 * keeps its report, log and test results in its own folder.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { displayPath } from '../plan/index.ts';
import { computeTestId } from '../results/index.ts';
import type { CatalogueFault } from './catalogue.ts';
import type {
  CleanRunResult,
  DetectionReport,
  FailingTest,
  FaultResult,
} from './detection-types.ts';
import type { BugAssigner } from './fingerprint-input.ts';
import { failedTests, listTests, readJsonReport, type JsonReport } from './json-report.ts';
import { layerOfProject, type LayerScope } from './layers.ts';
import { runPlaywrightProcess, type PlaywrightProcessResult } from './playwright-process.ts';
import { findFreeOffset } from './port-offset.ts';
import { planCleanRun, planFaultRun, suiteLayout, type RunTarget } from './run-plan.ts';
import { summarizeDetection } from './summary.ts';

export interface DetectionOptions {
  /** Folder of playwright.config.ts. */
  projectDir: string;
  faults: readonly CatalogueFault[];
  cleanRuns: number;
  scope: LayerScope;
  workers?: number;
  /** Folder for the runs' reports, logs and test results. */
  outDir: string;
  /** Runs take offsets above this one (the caller's NOVA_PORT_OFFSET). */
  baseOffset: number;
  /** Ports of the systems that a run starts, at a given NOVA_PORT_OFFSET. */
  portsAt: (offset: number, systems: readonly string[]) => number[];
  /** Environment of the runs, without NOVA_FAULTS and port settings. */
  env: NodeJS.ProcessEnv;
  /** Groups a run's failures into symptoms and bugs, as the bug layer files them. */
  assignBugs: BugAssigner;
  /** The command line, recorded in the report. */
  command: string;
  gitCommit?: string;
  /** Maximum time of one run. */
  runTimeoutMs: number;
  /** Receives one line per step, for people watching. */
  progress?: (line: string) => void;
}

interface CompletedRun {
  process: PlaywrightProcessResult;
  report?: JsonReport;
  /** Reason the run produced no usable report. */
  error?: string;
  runDir: string;
  logFile: string;
}

export async function runDetection(options: DetectionOptions): Promise<DetectionReport> {
  const startedAt = new Date();
  const progress = options.progress ?? (() => undefined);
  await rm(join(options.outDir, 'runs'), { recursive: true, force: true });
  const takenOffsets = new Set<number>();

  const runPlaywright = async (
    label: string,
    target: RunTarget,
    faultId: string | undefined,
    extraArgs: string[] = [],
  ): Promise<CompletedRun> => {
    const runDir = join(options.outDir, 'runs', label);
    const offset = await findFreeOffset(
      options.baseOffset,
      (candidate) => options.portsAt(candidate, target.systems),
      takenOffsets,
    );
    takenOffsets.add(offset);

    const env: NodeJS.ProcessEnv = {
      ...options.env,
      CI: '1',
      NOVA_PORT_OFFSET: String(offset),
      NOVA_START_SYSTEMS: target.systems.join(','),
      NOVA_KEEP_ALLURE_RESULTS: '1',
      NOVA_RESULTS: 'off',
    };
    if (faultId === undefined) delete env.NOVA_FAULTS;
    else env.NOVA_FAULTS = faultId;

    const reportFile = join(runDir, 'report.json');
    const logFile = join(runDir, 'output.log');
    const args = [
      '--reporter=json',
      '--retries=0',
      `--output=${join(runDir, 'test-results')}`,
      ...target.projects.map((project) => `--project=${project}`),
      ...(options.workers === undefined ? [] : [`--workers=${options.workers}`]),
      ...extraArgs,
      ...target.fileFilters,
    ];
    const processResult = await runPlaywrightProcess({
      cwd: options.projectDir,
      args,
      env,
      reportFile,
      logFile,
      timeoutMs: options.runTimeoutMs,
    });

    const report = readJsonReport(reportFile);
    const relativeDir = displayPath(runDir, options.projectDir);
    let error: string | undefined;
    if (processResult.timedOut) {
      error = `The run took longer than ${Math.round(options.runTimeoutMs / 60_000)} min and was stopped.`;
    } else if (report === undefined) {
      error = `Playwright exited with code ${String(processResult.exitCode)} and wrote no report. Its output ends:\n${processResult.outputTail}`;
    } else if (report.errors.length > 0 && countTests(report) === 0) {
      error = report.errors.map((entry) => firstLine(entry.message ?? entry.stack)).join('; ');
    }
    return { process: processResult, report, error, runDir: relativeDir, logFile };
  };

  // One listing finds the projects and the systems that each has specs for.
  progress('Listing the Playwright projects and specs');
  const systems = [...new Set(options.faults.map((fault) => fault.system))];
  const listing = await runPlaywright(
    'list',
    { projects: [], fileFilters: [], systems },
    undefined,
    ['--list'],
  );
  if (listing.report === undefined || listing.error !== undefined) {
    throw new Error(
      `Listing the tests failed: ${listing.error ?? 'no report'}. See ${listing.runDir}/output.log.`,
    );
  }
  const layout = suiteLayout(listing.report, listTests(listing.report));

  const faultResults: FaultResult[] = [];
  const targets: RunTarget[] = [];
  for (const fault of options.faults) {
    const target = planFaultRun(fault, layout, options.scope, options.projectDir);
    targets.push(target);
    if (target.projects.length === 0) {
      progress(`${fault.id}: no project to run`);
      faultResults.push({
        fault,
        outcome: 'not-run',
        projects: [],
        expectedProject: target.expectedProject,
        caughtByLayers: [],
        wrongLayer: false,
        failingTests: [],
        symptoms: [],
        bugs: [],
        runDurationMs: 0,
        faultConfirmed: false,
        notes: [...target.notes, `No project has specs for ${fault.system}; nothing ran.`],
        runDir: '',
      });
      continue;
    }

    progress(`${fault.id}: running ${target.projects.join(', ')} with the fault on`);
    const run = await runPlaywright(fault.id, target, fault.id);
    const result = faultResult(fault, target.projects, target.expectedProject, run, options);
    result.notes.unshift(...target.notes);
    progress(`${fault.id}: ${describeOutcome(result)}`);
    faultResults.push(result);
  }

  const cleanResults: CleanRunResult[] = [];
  const cleanTarget = planCleanRun(targets, layout, options.projectDir);
  for (let index = 1; index <= options.cleanRuns; index++) {
    if (cleanTarget.projects.length === 0) break;
    progress(`clean run ${index}/${options.cleanRuns}: running ${cleanTarget.projects.join(', ')}`);
    const run = await runPlaywright(`clean-${index}`, cleanTarget, undefined);
    const failing = run.report === undefined ? [] : failingTests(run.report, options.assignBugs);
    let outcome: CleanRunResult['outcome'] = failing.length > 0 ? 'false-alarm' : 'passed';
    if (run.error !== undefined) outcome = 'error';
    progress(`clean run ${index}/${options.cleanRuns}: ${outcome}`);
    cleanResults.push({
      index,
      outcome,
      projects: cleanTarget.projects,
      failingTests: failing,
      runDurationMs: run.process.durationMs,
      notes: run.error === undefined ? [] : [run.error],
      runDir: run.runDir,
    });
  }

  return {
    command: options.command,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    gitCommit: options.gitCommit,
    scope: options.scope,
    faults: faultResults,
    cleanRuns: cleanResults,
    summary: summarizeDetection(faultResults, cleanResults),
  };
}

function faultResult(
  fault: CatalogueFault,
  projects: string[],
  expectedProject: string | undefined,
  run: CompletedRun,
  options: DetectionOptions,
): FaultResult {
  const failing = run.report === undefined ? [] : failingTests(run.report, options.assignBugs);
  const failed = run.report === undefined ? [] : failedTests(run.report);
  const firstFailure = Math.min(...failed.map((test) => test.finishedAt.getTime()));
  const caughtByLayers = [...new Set(failing.map((test) => test.layer))];
  const caught = failing.length > 0;
  const notes = run.error === undefined ? [] : [run.error];
  let outcome: FaultResult['outcome'] = run.error === undefined ? 'missed' : 'error';
  if (caught) outcome = 'caught';

  // The system logs the faults it switched on at start-up; Playwright copies that to its output.
  const faultConfirmed = readFileSync(run.logFile, 'utf8').includes(fault.id);
  if (!faultConfirmed) {
    notes.push(
      `The run's output never names ${fault.id}: check that ${fault.system} logs the faults it switches on to stderr.`,
    );
  }

  return {
    fault,
    outcome,
    projects,
    expectedProject,
    caughtByLayers,
    wrongLayer:
      caught &&
      !failing.some((test) => expectedProject !== undefined && test.project === expectedProject),
    failingTests: failing,
    symptoms: [...new Set(failing.map((test) => test.fingerprint))],
    bugs: [...new Set(failing.map((test) => test.bug))],
    timeToDetectMs: caught ? firstFailure - run.process.startedAt.getTime() : undefined,
    runDurationMs: run.process.durationMs,
    faultConfirmed,
    notes,
    runDir: run.runDir,
  };
}

function failingTests(report: JsonReport, assignBugs: BugAssigner): FailingTest[] {
  const failed = failedTests(report);
  const failures = failed.map((test) => ({
    testId: computeTestId(test.file, test.project, test.titlePath),
    titlePath: test.titlePath,
    file: test.file,
    project: test.project,
    error: test.error,
    attachments: test.attachments,
  }));
  const assignments = assignBugs(failures);
  return failed.map((test, index) => {
    const { testId } = failures[index]!;
    const { symptom, bug } = assignments[index]!;
    return {
      testId,
      project: test.project,
      layer: layerOfProject(test.project),
      file: test.file,
      title: test.titlePath.join(' › '),
      error: firstLine(test.error.message ?? test.error.stack),
      fingerprint: symptom,
      bug,
    };
  });
}

function countTests(report: JsonReport): number {
  const { expected, unexpected, flaky, skipped } = report.stats;
  return expected + unexpected + flaky + skipped;
}

function firstLine(text: string | undefined): string {
  return (
    (text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? '(no message)'
  );
}

function describeOutcome(result: FaultResult): string {
  if (result.outcome !== 'caught') return result.outcome;
  return `caught by ${result.failingTests.length} test(s) as ${result.bugs.length} bug(s)`;
}
