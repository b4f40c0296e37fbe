/**
 * A CSV reader for RFC 4180 files: comma-separated, fields optionally in
 * double quotes with "" for a quote, CRLF or LF line ends. A record with an
 * unterminated quote is returned as an error for that line, not thrown.
 */
import { faults } from '../faults.ts';

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record could not be read; `fields` is then empty. */
  error?: string;
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);

  for (let index = 0; index < lines.length; index++) {
    const startLine = index + 1;
    let line = lines[index] as string;
    if (line.trim() === '') continue;

    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let position = 0;
    let error: string | undefined;

    for (;;) {
      if (position >= line.length) {
        if (!quoted) break;
        // A quoted field may contain a line break: continue on the next line.
        if (index + 1 >= lines.length) {
          error = `unterminated quoted field starting on line ${startLine}`;
          break;
        }
        index += 1;
        field += '\n';
        line = lines[index] as string;
        position = 0;
        continue;
      }
      const char = line[position] as string;
      if (quoted) {
        if (char === '"' && line[position + 1] === '"') {
          field += '"';
          position += 2;
        } else if (char === '"') {
          quoted = false;
          position += 1;
        } else {
          field += char;
          position += 1;
        }
      } else if (char === '"' && field === '') {
        quoted = true;
        position += 1;
      } else if (char === ',') {
        fields.push(field);
        field = '';
        position += 1;
      } else {
        field += char;
        position += 1;
      }
    }

    if (error !== undefined) {
      // Seeded fault pipeline.crash-on-malformed: the syntax error is thrown, failing the whole file.
      if (faults.on('pipeline.crash-on-malformed')) throw new CsvSyntaxError(error);
      records.push({ line: startLine, fields: [], error });
      continue;
    }
    fields.push(field);
    records.push({ line: startLine, fields });
  }
  return records;
}
