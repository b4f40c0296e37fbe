/**
 * `nova load [pattern]`: runs the load scenarios of perf/ with a live
 * progress line, prints a k6-like summary of each, compares it with the
 * scenario's history on this machine, and exits with 1 when a threshold broke.
 * Starts each system under test from nova.config.ts unless it already runs.
 */
import { randomUUID } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';

import {
  resolveSystems,
  systemEndpoint,
  type SystemDefinition,
  type SystemEndpoint,
} from '../../config/index.ts';
import {
  allowedHostsFrom,
  applySmoke,
  brokenThresholds,
  checkTarget,
  compareWithHistory,
  DEFAULT_HISTORY_RUNS,
  DEFAULT_REGRESSION_MARGIN_PERCENT,
  describeBrokenThreshold,
  ensureSystemRunning,
  formatHistory,
  formatSummary,
  loadScenarioFiles,
  LoadOptionsError,
  machineLabel,
  runScenario,
  scenarioFolderName,
  selectScenarios,
  validateScenario,
  type HistoryComparison,
  type LoadProgress,
  type LoadSummary,
  type RunningSystem,
  type ValidatedScenario,
} from '../../load/index.ts';
import { loadSummaryRecord } from '../../reporting/index.ts';
import { CommandFailure } from '../command-failure.ts';
import { wholeNumber } from '../option-parsers.ts';
import { withStore } from '../open-store.ts';
import { printJson, type Output } from '../output.ts';
import { registerLoadMergeCommand } from './load-merge.ts';
import { ProgressLine } from './load-progress.ts';

interface LoadOptions {
  smoke?: boolean;
  list?: boolean;
  dir: string;
  out: string;
  machine?: string;
  history: number;
  margin: number;
  failOnRegression?: boolean;
  store: boolean;
  generator?: string;
  json?: boolean;
}

/** The outcome of one scenario, for the exit code and `--json`. */
interface ScenarioOutcome {
  summary: LoadSummary;
  history?: HistoryComparison;
  folder: string;
}

async function loadSystems(root: string): Promise<Record<string, SystemEndpoint>> {
  const configPath = join(root, 'nova.config.ts');
  let definitions: Record<string, SystemDefinition>;
  try {
    const module = (await import(pathToFileURL(configPath).href)) as {
      systems?: Record<string, SystemDefinition>;
    };
    if (module.systems === undefined) throw new Error('it exports no `systems`');
    definitions = module.systems;
  } catch (error) {
    throw new CommandFailure(
      `Failed to load ${configPath}: ${(error as Error).message}. nova load reads the systems under test from it.`,
      2,
    );
  }
  return resolveSystems(definitions);
}

function percentage(value: string): number {
  const parsed = Number(value.trim().replace(/%$/, ''));
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1_000) {
    throw new CommandFailure(
      `--margin expects a percentage from 0 to 1000, such as 20 or 20%, received "${value}".`,
      2,
    );
  }
  return parsed;
}

export function registerLoadCommand(program: Command, output: Output): void {
  const load = program
    .command('load')
    .description(
      'Run the load scenarios of perf/ and print a summary of each; exits with 1 when a threshold broke',
    )
    .argument(
      '[pattern]',
      'scenarios to run: a file (iris), an id (iris/mixed), part of an id, or a glob (iris/*rate*)',
    )
    .option('--smoke', 'run the short smoke version of each scenario')
    .option('--list', 'list the matching scenarios and run nothing')
    .option('--dir <folder>', 'folder of the scenario files', 'perf')
    .option(
      '--out <folder>',
      'folder for each summary.json, latency.svg and rps.svg',
      join('reports', 'load'),
    )
    .option(
      '--machine <label>',
      'machine label that history compares on (default: NOVA_MACHINE or the host name)',
    )
    .addOption(
      new Option(
        '--history <runs>',
        'earlier runs on this machine to compare with, by median; 0 turns the comparison off',
      )
        .argParser(wholeNumber(0, 1_000))
        .default(DEFAULT_HISTORY_RUNS),
    )
    .addOption(
      new Option(
        '--margin <percent>',
        'worsening of p95 or rps, in percent of the median, that counts as a regression',
      )
        .argParser(percentage)
        .default(DEFAULT_REGRESSION_MARGIN_PERCENT),
    )
    .option(
      '--fail-on-regression',
      'exit with 1 on a regression against history, not only on a broken threshold',
    )
    .option(
      '--no-store',
      'neither store the summaries in the results database nor compare with history',
    )
    .option(
      '--generator <label>',
      'label of this generator when several run one scenario, to merge later with `nova load merge`',
    )
    .option('--json', 'print the summaries as JSON instead of tables')
    .action(async (pattern: string | undefined, options: LoadOptions) => {
      const exitCode = await runLoadCommand(pattern, options, output);
      if (exitCode !== 0)
        throw new CommandFailure(
          `${exitCode === 1 ? 'load thresholds broken' : 'load run failed'}; see above.`,
          exitCode,
        );
    });

  registerLoadMergeCommand(load, output);
}

async function runLoadCommand(
  pattern: string | undefined,
  options: LoadOptions,
  output: Output,
): Promise<number> {
  const root = process.cwd();
  const systems = await loadSystems(root);
  const files = await loadScenarioFiles(resolve(root, options.dir));
  const selected = selectScenarios(files, pattern);

  if (selected.length === 0) {
    const known = selectScenarios(files).map((scenario) => scenario.id);
    throw new CommandFailure(
      `No load scenario matches "${pattern ?? ''}". Scenarios in ${options.dir}/: ${known.join(', ') || '(none)'}.`,
      2,
    );
  }

  if (options.list) {
    for (const scenario of selected) {
      output.write(
        `${scenario.id}  (${scenario.scenario.executor}, system ${scenario.system})${scenario.scenario.description ? `  ${scenario.scenario.description}` : ''}\n`,
      );
    }
    return 0;
  }

  // Every scenario is validated, and every target checked, before any load starts.
  const problems: string[] = [];
  const validated: ValidatedScenario[] = [];
  for (const scenario of selected) {
    try {
      const definition = options.smoke ? applySmoke(scenario.scenario) : scenario.scenario;
      const endpoint = systemEndpoint(systems, scenario.system);
      checkTarget(endpoint.baseURL, scenario.system, allowedHostsFrom());
      validated.push(validateScenario(scenario.id, scenario.system, definition));
    } catch (error) {
      if (error instanceof LoadOptionsError) problems.push(...error.problems);
      else problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) {
    throw new CommandFailure(
      `Invalid load scenarios; no load was sent:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
      2,
    );
  }

  const machine = options.machine?.trim() || machineLabel();
  const notify = (message: string): void => {
    process.stderr.write(`nova: ${message}\n`);
  };
  const running: RunningSystem[] = [];
  const interrupt = new AbortController();
  const onSignal = (): void => {
    notify('interrupted: stopping the load and the systems it started');
    interrupt.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const outcomes: ScenarioOutcome[] = [];
  try {
    for (const system of new Set(validated.map((scenario) => scenario.system))) {
      running.push(
        await ensureSystemRunning(systemEndpoint(systems, system), { cwd: root, notify }),
      );
    }

    for (const scenario of validated) {
      if (interrupt.signal.aborted) break;
      outcomes.push(
        await runOne(
          scenario,
          systemEndpoint(systems, scenario.system).baseURL,
          { ...options, machine },
          interrupt.signal,
          output,
        ),
      );
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    for (const system of running) await system.stop();
  }

  // One store for all scenarios, opened after the load: opening PGlite costs seconds of CPU
  // that would otherwise compete with the generator.
  if (options.store && outcomes.length > 0)
    await storeAndCompare(outcomes, { ...options, machine });
  if (!options.json) {
    for (const outcome of outcomes.filter((candidate) => candidate.history)) {
      output.write(
        `\n${outcome.summary.scenario}\n${formatHistory(outcome.history!).join('\n')}\n`,
      );
    }
  }

  if (options.json)
    printJson(
      output,
      outcomes.map(({ summary, history, folder }) => ({ ...summary, history, folder })),
    );

  const broken = outcomes.filter((outcome) => brokenThresholds(outcome.summary).length > 0);
  const regressed = outcomes.filter((outcome) => outcome.history?.regression === true);
  if (!options.json) {
    output.write(
      `\n${outcomes.length} scenario(s): ${outcomes.length - broken.length} passed their thresholds, ${broken.length} broke them` +
        (regressed.length > 0 ? `, ${regressed.length} regressed against history` : '') +
        '.\n',
    );
  }
  for (const outcome of broken) {
    process.stderr.write(
      `Load threshold broken in "${outcome.summary.scenario}":\n` +
        brokenThresholds(outcome.summary)
          .map((threshold) => `  ✗ ${describeBrokenThreshold(threshold)}\n`)
          .join(''),
    );
  }
  if (interrupt.signal.aborted) return 130;
  if (broken.length > 0) return 1;
  if (options.failOnRegression && regressed.length > 0) return 1;
  return 0;
}

async function runOne(
  validated: ValidatedScenario,
  baseURL: string,
  options: LoadOptions & { machine: string },
  signal: AbortSignal,
  output: Output,
): Promise<ScenarioOutcome> {
  const folder = join(options.out, scenarioFolderName(validated.id));
  const progress = new ProgressLine(process.stderr, validated.id);
  let run;
  try {
    run = await runScenario(validated, {
      baseURL,
      machine: options.machine,
      profile: options.smoke ? 'smoke' : 'full',
      outputDir: folder,
      ...(options.generator ? { generatorLabel: options.generator } : {}),
      onProgress: (snapshot: LoadProgress) => progress.update(snapshot),
      signal,
    });
  } finally {
    progress.end();
  }

  if (!options.json) {
    output.write('\n' + formatSummary(run.summary));
    output.write(
      `  files: ${relative(process.cwd(), folder) || '.'}/ (summary.json, latency.svg, rps.svg)\n`,
    );
  }
  return { summary: run.summary, folder };
}

/**
 * Stores each summary and compares it with the scenario's earlier runs. A
 * store that cannot be opened costs the comparison, not the load run: one
 * line says so.
 */
async function storeAndCompare(
  outcomes: ScenarioOutcome[],
  options: LoadOptions & { machine: string },
): Promise<void> {
  try {
    await withStore(async (store) => {
      for (const outcome of outcomes) {
        const { summary } = outcome;
        const id = randomUUID();
        const previous =
          options.history === 0
            ? []
            : await store.loadHistory({
                system: summary.system,
                scenario: summary.scenario,
                machine: options.machine,
                profile: summary.profile,
                excludeId: id,
                limit: options.history,
              });
        await store.insertLoadSummaries([loadSummaryRecord(summary, { id })]);
        if (options.history > 0) {
          outcome.history = compareWithHistory(
            { p95Us: summary.latencyUs.p95, rps: summary.rps },
            previous,
            {
              machine: options.machine,
              runs: options.history,
              marginPercent: options.margin,
            },
          );
        }
      }
    });
  } catch (error) {
    process.stderr.write(
      `nova: the load summaries were not stored and not compared with history: ${(error as Error).message}\n`,
    );
  }
}
