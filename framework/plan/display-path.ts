import { isAbsolute, relative } from 'node:path';

/** Formats a path for problems: relative to `cwd` when inside it, so that editors can open `file:line`. */
export function displayPath(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath)) return path;
  return relativePath.split('\\').join('/');
}
