import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, parse, relative, sep } from 'node:path';

/** Paths that decide whether emptying a report output folder is safe. All paths are absolute. */
export interface OutputFolderContext {
  outputDir: string;
  resultsDir: string;
  historyPath: string;
  /** Working directory of the build, normally the project root. */
  projectRoot: string;
  /** Root of the Elysium Nova repository that contains this module. */
  repositoryRoot: string;
}

/**
 * Rejects an output folder that build-report.ts must not empty, so a typo in `--output`
 * cannot delete the project, the home folder, the raw results or the report history.
 * Symbolic links are resolved first, so a link that points at a protected folder is rejected too.
 *
 * @throws Error naming the folder, the reason and the next step.
 */
export async function assertSafeOutputFolder(context: OutputFolderContext): Promise<void> {
  const outputDir = await resolveRealPath(context.outputDir);

  const protectedPaths: { path: string; reason: string }[] = [
    { path: parse(outputDir).root, reason: 'is the file system root' },
    { path: homedir(), reason: 'is the home folder or contains it' },
    { path: context.projectRoot, reason: 'is the project root (working directory) or contains it' },
    {
      path: context.repositoryRoot,
      reason: 'is the Elysium Nova repository root or contains it',
    },
    { path: context.resultsDir, reason: 'is the Allure results folder or contains it' },
    {
      path: context.historyPath,
      reason: 'contains the report history file, which must survive between builds',
    },
  ];

  for (const { path, reason } of protectedPaths) {
    const protectedPath = await resolveRealPath(path);
    if (isSameOrAncestor(outputDir, protectedPath)) {
      throw new Error(
        `Rejected report output folder "${context.outputDir}": it ${reason} ("${protectedPath}"), ` +
          'and the build empties the output folder first. ' +
          'Pass a folder used only for the report, such as "reports/allure", with --output.',
      );
    }
  }

  const stats = await stat(outputDir).catch(() => undefined);
  if (stats !== undefined && !stats.isDirectory()) {
    throw new Error(
      `Rejected report output folder "${context.outputDir}": it is a file, expected a folder. ` +
        'Pass a folder used only for the report, such as "reports/allure", with --output.',
    );
  }
}

function isSameOrAncestor(candidate: string, path: string): boolean {
  const pathFromCandidate = relative(candidate, path);
  return (
    pathFromCandidate === '' ||
    (pathFromCandidate !== '..' &&
      !pathFromCandidate.startsWith(`..${sep}`) &&
      !isAbsolute(pathFromCandidate))
  );
}

/**
 * Resolves symbolic links in the longest existing prefix of an absolute path and appends
 * the part that does not exist yet.
 */
async function resolveRealPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) {
      return path;
    }
    return join(await resolveRealPath(parent), basename(path));
  }
}
