/**
 * Stack frames of a V8 stack trace, and the first one inside the project. The
 * frame's file and function place a failure in the code. The line and column
 * are left out, so that an edit elsewhere in the file keeps the fingerprint.
 */
import { isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StackFrame {
  /** Function name as V8 prints it (`IrisPage.predict`), or '' for an anonymous function. */
  functionName: string;
  /** Absolute path, or the location as printed when it is not a file (`node:internal/...`). */
  file: string;
  line: number;
  column: number;
}

export interface ProjectFrame {
  /** Path relative to the project root, with `/` separators. */
  file: string;
  functionName: string;
  line: number;
}

/** `at fn (file:line:col)`, `at async fn (file:line:col)` and `at file:line:col`. */
const FRAME = /^\s*at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/;

/** Parses the `at …` lines of a V8 stack trace; other lines are skipped. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split(/\r?\n/)) {
    const match = FRAME.exec(line);
    if (match === null) continue;
    let file = match[2] ?? '';
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        // Left as printed: a malformed URL is still a usable place name.
      }
    }
    frames.push({
      functionName: (match[1] ?? '').replace(/^new /, ''),
      file,
      line: Number(match[3]),
      column: Number(match[4]),
    });
  }
  return frames;
}

function toPortable(path: string): string {
  return path.split(sep).join('/').replaceAll('\\', '/');
}

/**
 * Finds the project root from the frames: the test file's path relative to the
 * root is known, so a frame whose absolute path ends with it gives the root.
 * Falls back to the working directory, which is the root when Playwright runs.
 */
export function inferProjectRoot(frames: readonly StackFrame[], testFile: string): string {
  const suffix = '/' + toPortable(testFile).replace(/^\.?\//, '');
  for (const frame of frames) {
    const file = toPortable(frame.file);
    if (testFile !== '' && file.endsWith(suffix)) return file.slice(0, -suffix.length);
  }
  return toPortable(process.cwd());
}

/**
 * Returns the first frame inside the project: under the root and outside
 * `node_modules`. Frames in `framework/` come last in preference, because the
 * framework's API client, fixtures and matchers sit under every test's call,
 * so they would merge unrelated bugs. A framework frame is used only when the
 * stack has no other project frame.
 */
export function firstProjectFrame(stack: string, testFile: string): ProjectFrame | undefined {
  const frames = parseStack(stack);
  const root = inferProjectRoot(frames, testFile);

  const inProject: ProjectFrame[] = [];
  for (const frame of frames) {
    const file = toPortable(frame.file);
    if (!isAbsolute(frame.file) && !file.startsWith('/')) continue;
    if (!file.startsWith(root + '/') || file.includes('/node_modules/')) continue;
    inProject.push({
      file: file.slice(root.length + 1),
      functionName: frame.functionName,
      line: frame.line,
    });
  }
  return inProject.find((frame) => !frame.file.startsWith('framework/')) ?? inProject[0];
}
