import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';

import type { CiProblem } from './problem.ts';

/**
 * Every check of dockerfile-utils at error level: its warnings (lowercase instructions, a
 * relative WORKDIR, two CMD or HEALTHCHECK instructions, JSON in single quotes, empty
 * continuation lines) each make a Dockerfile behave other than it reads, so none is ignored.
 */
const SETTINGS: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

/** Lints a Dockerfile with the validator of dockerfile-utils, the one the VS Code Docker extension uses. */
export function lintDockerfile(file: string, content: string): CiProblem[] {
  const problems: CiProblem[] = validate(content, SETTINGS).map((diagnostic) => ({
    file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    source: 'dockerfile-utils',
  }));
  problems.push(...checkFinalStageUser(file, content));
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * The last stage is the image that runs, so it must switch to a user other than root. A
 * USER in an earlier stage does not carry over to the next FROM.
 */
function checkFinalStageUser(file: string, content: string): CiProblem[] {
  const lines = content.split(/\r?\n/);
  let lastFrom = -1;
  let lastUser: { line: number; user: string } | undefined;
  lines.forEach((text, index) => {
    const match = /^\s*(FROM|USER)\s+(\S+)/i.exec(text);
    if (!match) return;
    if (match[1]!.toUpperCase() === 'FROM') {
      lastFrom = index;
      lastUser = undefined;
    } else {
      lastUser = { line: index + 1, user: match[2]! };
    }
  });
  if (lastFrom < 0) return [];
  if (!lastUser) {
    return [
      {
        file,
        line: lastFrom + 1,
        message:
          'the final stage has no USER instruction, so the container runs as root: add `USER <name>` after the last FROM.',
        source: 'dockerfile-user',
      },
    ];
  }
  const name = lastUser.user.split(':')[0];
  if (name === 'root' || name === '0') {
    return [
      {
        file,
        line: lastUser.line,
        message: `the final stage runs as "${lastUser.user}": switch to an unprivileged user.`,
        source: 'dockerfile-user',
      },
    ];
  }
  return [];
}
