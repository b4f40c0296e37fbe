/**
 * `nova detect`: switches each seeded fault on in turn, runs the Playwright projects that should
 * catch it, adds clean runs with no fault, and writes the detection matrix as Markdown and JSON.
 * Exits 1 when a fault is missed or a clean run fails, 2 for invalid options.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { Option, type Command } from 'commander';

import { systems as systemDefinitions } from '../../../nova.config.ts';
import { assignBugs } from '../../bugs/index.ts';
import {
  ConfigError,
  environmentPrefix,
  resolveSystems,
  systemNeeds,
  withNeeds,
} from '../../config/index.ts';
import {
  CatalogueError,
  LAYER_SCOPES,
  loadFaultCatalogue,
  renderDetectionMarkdown,
  runDetection,
  type CatalogueFault,
  type DetectionReport,
  type LayerScope,
} from '../../detect/index.ts';
import { displayPath } from '../../plan/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { wholeNumber } from '../option-parsers.ts';
import { formatPercent, printJson, type Output } from '../output.ts';

interface DetectOptions {
  systems?: string;
  faults?: string;
  cleanRuns: number;
  layers: LayerScope;
  workers?: number;
  out: string;
  json?: boolean;
}

export const DEFAULT_DETECT_DIR = '.nova/detect';

/** Clean runs by default: the number over which the suite must raise no false alarm. */
const DEFAULT_CLEAN_RUNS = 5;

/**
 * Maximum time of one run. The longest run, every project of one system, takes under two
 * minutes on a 2-core machine; a run still going after 20 minutes hangs.
 */
const RUN_TIMEOUT_MS = 20 * 60_000;

export function registerDetectCommand(program: Command, output: Output): void {
  program
    .command('detect')
    .description(
      'Run the suite once per seeded fault (NOVA_FAULTS=<id>) and N times with none, and report ' +
        'which faults it caught, with which tests and bugs, and its false alarms',
    )
    .option('--systems <names>', 'only the faults of these systems, comma-separated (default: all)')
    .option('--faults <ids>', 'only these faults, comma-separated, for example iris.swapped-labels')
    .option(
      '--clean-runs <count>',
      'runs with no fault, to count false alarms',
      wholeNumber(0, 100),
      DEFAULT_CLEAN_RUNS,
    )
    .addOption(
      new Option(
        '--layers <scope>',
        "projects per fault: 'expected' (the fault's layer only) or 'system' (every layer with specs for its system)",
      )
        .choices([...LAYER_SCOPES])
        .default('system'),
    )
    .option(
      '--workers <count>',
      'Playwright workers per run (default: the configuration)',
      wholeNumber(1, 64),
    )
    .option('--out <dir>', 'folder of the report and of each run', DEFAULT_DETECT_DIR)
    .option('--json', 'print the report as JSON instead of the summary')
    .action(async (options: DetectOptions) => {
      const projectDir = process.cwd();
      const faults = selectFaults(projectDir, options);
      const env = runEnvironment(process.env, faults);
      const outDir = resolve(projectDir, options.out);
      const baseOffset = Number(process.env.NOVA_PORT_OFFSET ?? 0);
      const progress = (line: string) => process.stderr.write(`nova detect: ${line}\n`);

      const report = await runDetection({
        projectDir,
        faults,
        cleanRuns: options.cleanRuns,
        scope: options.layers,
        workers: options.workers,
        outDir,
        baseOffset,
        portsAt: (offset, systems) => systemPorts(offset, systems),
        env,
        assignBugs,
        command: ['nova', 'detect', ...process.argv.slice(3)].join(' '),
        gitCommit: currentCommit(projectDir),
        runTimeoutMs: RUN_TIMEOUT_MS,
        progress,
      });

      await mkdir(outDir, { recursive: true });
      const markdownFile = join(outDir, 'detection-report.md');
      const jsonFile = join(outDir, 'detection-report.json');
      await writeFile(markdownFile, renderDetectionMarkdown(report) + '\n');
      await writeFile(jsonFile, JSON.stringify(report, null, 2) + '\n');

      if (options.json) printJson(output, report);
      else
        output.write(
          describeReport(
            report,
            displayPath(markdownFile, projectDir),
            displayPath(jsonFile, projectDir),
          ),
        );

      if (!report.summary.ok) {
        throw new CommandFailure(
          `detect: ${report.summary.faults - report.summary.caught} fault(s) not caught and ` +
            `${report.summary.falseAlarms} clean run(s) failed; see ${displayPath(markdownFile, projectDir)}.`,
        );
      }
    });
}

/** Applies --systems and --faults to the catalogue; every problem is reported at once. */
function selectFaults(projectDir: string, options: DetectOptions): CatalogueFault[] {
  let catalogue: CatalogueFault[];
  try {
    catalogue = loadFaultCatalogue(projectDir);
  } catch (error) {
    if (error instanceof CatalogueError) throw new CommandFailure(error.message, 2);
    throw error;
  }

  const problems: string[] = [];
  for (const [option, value] of [
    ['--systems', options.systems],
    ['--faults', options.faults],
  ] as const) {
    if (value !== undefined && splitList(value)!.length === 0) {
      problems.push(
        `${option} is empty ("${value}"). Name one or more, comma-separated, or leave ${option} out to take them all.`,
      );
    }
  }
  const catalogueSystems = [...new Set(catalogue.map((fault) => fault.system))];
  const systems = splitList(options.systems);
  for (const system of systems ?? []) {
    if (!catalogueSystems.includes(system)) {
      problems.push(
        `--systems names "${system}", which has no faults.json. Systems with faults: ${catalogueSystems.join(', ') || 'none'}.`,
      );
    }
  }

  let selected =
    systems === undefined ? catalogue : catalogue.filter((fault) => systems.includes(fault.system));
  const ids = splitList(options.faults);
  if (ids !== undefined) {
    for (const id of ids.filter((candidate) => !selected.some((fault) => fault.id === candidate))) {
      const known = catalogue.some((fault) => fault.id === id);
      problems.push(
        known
          ? `--faults names "${id}", which is not a fault of --systems ${options.systems}. Add its system or drop the fault.`
          : `--faults names "${id}", which no faults.json lists. Known faults: ${selected.map((fault) => fault.id).join(', ')}.`,
      );
    }
    selected = selected.filter((fault) => ids.includes(fault.id));
  }

  const declared = Object.keys(systemDefinitions);
  for (const system of new Set(selected.map((fault) => fault.system))) {
    if (!declared.includes(system)) {
      problems.push(
        `Faults of "${system}" cannot run: nova.config.ts declares no system "${system}" (declared: ${declared.join(', ')}).`,
      );
    }
  }
  if (problems.length === 0 && catalogue.length === 0) {
    problems.push(
      'No fault selected: the catalogue is empty. Add a systems-under-test/<name>/faults.json.',
    );
  }
  if (problems.length > 0) throw new CommandFailure(problems.join('\n'), 2);
  return selected;
}

/**
 * Builds the environment of the runs. A fault can only be switched on in a server that the run
 * starts itself, so a remote NOVA_<NAME>_URL is rejected. A fixed NOVA_<NAME>_PORT is dropped,
 * because each run picks its own free ports.
 */
function runEnvironment(
  source: NodeJS.ProcessEnv,
  faults: readonly CatalogueFault[],
): NodeJS.ProcessEnv {
  const env = { ...source };
  const problems: string[] = [];
  if (env.NODE_ENV === 'production') {
    problems.push(
      'NODE_ENV=production: the systems refuse seeded faults in production mode. Unset NODE_ENV.',
    );
  }
  try {
    resolveSystems(systemDefinitions, { NOVA_PORT_OFFSET: env.NOVA_PORT_OFFSET });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(error.message);
  }
  for (const system of new Set(faults.map((fault) => fault.system))) {
    const prefix = environmentPrefix(system);
    if (env[`${prefix}_URL`]) {
      problems.push(
        `${prefix}_URL is set: nova detect must start ${system} itself to switch faults on. Unset ${prefix}_URL.`,
      );
    }
  }
  if (problems.length > 0) throw new CommandFailure(problems.join('\n'), 2);

  for (const name of Object.keys(systemDefinitions)) delete env[`${environmentPrefix(name)}_PORT`];
  delete env.NOVA_FAULTS;
  return env;
}

/** Ports that a run at this offset needs free: its systems' and those of the systems they need. */
function systemPorts(offset: number, systems: readonly string[]): number[] {
  const endpoints = resolveSystems(systemDefinitions, { NOVA_PORT_OFFSET: String(offset) });
  const started = withNeeds(systems, Object.keys(endpoints), systemNeeds(systemDefinitions));
  return [...started].map((name) => Number(new URL(endpoints[name]!.baseURL).port));
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function currentCommit(projectDir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectDir, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function describeReport(report: DetectionReport, markdownFile: string, jsonFile: string): string {
  const { summary } = report;
  const rows = report.faults.map((result) => {
    const outcome = result.wrongLayer ? `${result.outcome} (wrong layer)` : result.outcome;
    const detail =
      result.outcome === 'caught'
        ? `${result.failingTests.length} test(s), ${result.bugs.length} bug(s), ${((result.timeToDetectMs ?? 0) / 1000).toFixed(1)} s`
        : (result.notes[0] ?? '');
    return `  ${result.fault.id.padEnd(32)} ${outcome.padEnd(22)} ${detail}`;
  });
  return [
    ...rows,
    '',
    `Detection rate: ${summary.caught}/${summary.faults} (${formatPercent(summary.detectionRate)})`,
    `False alarms: ${summary.falseAlarms} of ${summary.cleanRuns} clean runs`,
    `Faults filed as more than one bug: ${summary.multiBugFaults.join(', ') || 'none'}`,
    `Faults caught by another layer than expected: ${summary.wrongLayerFaults.join(', ') || 'none'}`,
    `Report: ${markdownFile} and ${jsonFile}`,
    '',
  ].join('\n');
}
