import type { Problem } from '../errors.js';
import type { RawRow, RawTable } from './raw-table.js';
import { normalizeNewlines } from './text-file.js';

// JSON Lines: one object per line, keys as columns. Values other than strings are kept as JSON
// text so a `messages` array or a number survives the trip through the string-only Case.columns.

/** Split decoded JSONL into raw rows; a line that is not a JSON object is a problem naming the line. */
export function readJsonl(text: string, file: string): RawTable {
  const header: string[] = [];
  const objects: { row: number; record: Record<string, unknown> }[] = [];
  const problems: Problem[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ file, row, message: `line is not valid JSON (${reason})` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ file, row, message: 'line is not a JSON object like {"input": "..."}' });
      return;
    }
    const record = { ...(value as Record<string, unknown>) };
    // Fine-tuning and chat-log exports carry the conversation as `messages`: take it as the input.
    if (record.input === undefined && Array.isArray(record.messages)) {
      record.input = record.messages;
      delete record.messages;
    }
    for (const key of Object.keys(record)) if (!header.includes(key)) header.push(key);
    objects.push({ row, record });
  });
  const rows: RawRow[] = objects.map(({ row, record }) => ({ row, cells: header.map((key) => cellText(record[key])) }));
  return { format: 'jsonl', file, source: file, header, rows, problems };
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return normalizeNewlines(value);
  return JSON.stringify(value);
}
