import { createHash } from 'node:crypto';

/**
 * Computes a test's stable id from its file, project and title path. The
 * reporter and the quarantine fixture must agree on it, so both use this one
 * function. Separators that cannot appear in a title keep `a › b` apart from
 * `a ›` + `b`.
 *
 * @param file path relative to the Playwright config's folder, with `/` separators
 * @param titlePath describe blocks and the test title, without project and file
 */
export function computeTestId(file: string, project: string, titlePath: readonly string[]): string {
  const key = [file.replaceAll('\\', '/'), project, ...titlePath].join('\u001f');
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}
