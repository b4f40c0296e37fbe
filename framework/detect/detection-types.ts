/** The results of a detection: one per fault, one per clean run, and their summary. */
import type { CatalogueFault } from './catalogue.ts';
import type { LayerScope } from './layers.ts';

/** A failing test as the matrix shows it. */
export interface FailingTest {
  /** The results database's test id (framework/results computeTestId). */
  testId: string;
  project: string;
  /** The layer of the project: `api`, `ui`, ... */
  layer: string;
  file: string;
  /** `describe › title`. */
  title: string;
  /** First line of the error message. */
  error: string;
  /** The fingerprint of this failure, which names its symptom (framework/bugs fingerprintFailure). */
  fingerprint: string;
  /** The fingerprint of the bug the failure is filed under (framework/bugs assignBugs). */
  bug: string;
}

/**
 * - caught: at least one test failed with the fault on.
 * - missed: the run completed and every test passed.
 * - error: the run did not complete (no report, a start-up error, a timeout).
 * - not-run: no project of this configuration has specs for the fault's system.
 */
export type FaultOutcome = 'caught' | 'missed' | 'error' | 'not-run';

export interface FaultResult {
  fault: CatalogueFault;
  outcome: FaultOutcome;
  /** Playwright projects that ran with the fault on. */
  projects: string[];
  /** The project of the layer expected to catch it, when this configuration has one. */
  expectedProject?: string;
  /** Layers with at least one failing test. */
  caughtByLayers: string[];
  /** Caught, but not by a test of the expected layer. */
  wrongLayer: boolean;
  failingTests: FailingTest[];
  /** Distinct fingerprints of the failing tests: the symptoms the fault showed. */
  symptoms: string[];
  /** Distinct bugs of the failing tests: the issues this fault would be filed as. */
  bugs: string[];
  /** From the start of the run to the end of the first failing test, servers' start included. */
  timeToDetectMs?: number;
  runDurationMs: number;
  /** The run's output names the fault: the system logged it as switched on. */
  faultConfirmed: boolean;
  notes: string[];
  /** Folder with the run's JSON report, log and test results, relative to the project. */
  runDir: string;
}

export interface CleanRunResult {
  index: number;
  /** passed: every test passed; false-alarm: a test failed with no fault on; error: no report. */
  outcome: 'passed' | 'false-alarm' | 'error';
  projects: string[];
  failingTests: FailingTest[];
  runDurationMs: number;
  notes: string[];
  runDir: string;
}

export interface DetectionSummary {
  faults: number;
  caught: number;
  missed: number;
  errors: number;
  /** Caught faults over all faults, 0 to 1. */
  detectionRate: number;
  cleanRuns: number;
  /** Clean runs in which a test failed. */
  falseAlarms: number;
  /** Tests that failed in a clean run, by `project: file › title`. */
  falseAlarmTests: string[];
  /** Faults whose failing tests are filed as more than one bug. */
  multiBugFaults: string[];
  /** Caught faults that no test of their expected layer caught. */
  wrongLayerFaults: string[];
  /** Faults whose run output never named them. */
  unconfirmedFaults: string[];
  /** Every fault caught and every clean run passed. */
  ok: boolean;
}

export interface DetectionReport {
  /** The command line that produced the report. */
  command: string;
  startedAt: string;
  finishedAt: string;
  gitCommit?: string;
  scope: LayerScope;
  faults: FaultResult[];
  cleanRuns: CleanRunResult[];
  summary: DetectionSummary;
}
