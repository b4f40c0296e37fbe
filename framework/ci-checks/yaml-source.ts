import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

import type { CiProblem } from './problem.ts';

/** A parsed YAML file that can map a path inside the data back to a line of the source. */
export interface YamlSource {
  file: string;
  document: Document.Parsed;
  /** The data as plain JavaScript values. */
  data: unknown;
  /** Syntax errors, each with its line. An empty list means `data` is usable. */
  errors: CiProblem[];
  /**
   * Returns the 1-based line of the value at `path`, or of the key `keyName` under it. A path
   * that does not exist resolves to its deepest existing ancestor, so a missing key points at
   * the mapping that should contain it.
   */
  lineOf(path: readonly (string | number)[], keyName?: string): number;
}

/** Parses YAML, keeping line information for messages. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  const errors: CiProblem[] = document.errors.map((error) => ({
    file,
    line: lineAt(error.pos[0]),
    message: `invalid YAML: ${error.message}`,
    source: 'yaml',
  }));

  const lineOf = (path: readonly (string | number)[], keyName?: string): number => {
    let node: unknown = document.contents;
    let line = 1;
    const steps = keyName === undefined ? path : [...path, keyName];
    for (const segment of steps) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        line = lineOfNode(pair.key as Node, line);
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        line = lineOfNode(item, line);
        node = item;
      } else {
        break;
      }
    }
    return line;
  };

  const lineOfNode = (node: Node, fallback: number): number =>
    node.range ? lineAt(node.range[0]) : fallback;

  return { file, document, data: document.toJS() as unknown, errors, lineOf };
}
