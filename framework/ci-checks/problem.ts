/** One finding of a CI check, located in a file so that editors and CI logs can link to it. */
export interface CiProblem {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based line; 0 when the finding concerns the whole file. */
  line: number;
  /** 1-based column, when the checker reports one. */
  column?: number;
  /** What is wrong, with the value involved and the fix where the checker can tell. */
  message: string;
  /** Which checker found it, for example `actionlint` or `compose-schema`. */
  source: string;
}

/** Formats a problem as `file:line:column: message [source]`, the form editors and CI logs link. */
export function formatProblem(problem: CiProblem): string {
  const column = problem.column === undefined ? '' : `:${problem.column}`;
  return `${problem.file}:${problem.line}${column}: ${problem.message} [${problem.source}]`;
}
