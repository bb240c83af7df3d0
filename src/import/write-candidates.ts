import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { formatRecordedOutput } from '../providers/format-recorded.js';
import { neutralizeCell } from '../report/spreadsheet-cell.js';
import { redactText } from '../secrets/redact.js';
import { writeFileAtomic } from '../store/run-dir.js';
import type { Message } from '../types.js';
import { conversationKey } from '../validate/similarity.js';
import type { Replacement } from './scrub.js';
import type { LoggedConversation } from './types.js';

/** Excel reads a CSV as the machine's legacy code page unless it starts with a byte order mark. */
const BOM = '\uFEFF';
const ROLE_LINE = /^[ \t]*(user|assistant|system)[ \t]*:/im;

/**
 * The conversation as an `input` cell reads back (dataset/conversation.ts): one user turn as plain text,
 * several as `user:` / `assistant:` blocks, and a JSON array when a turn's own text would be misread as
 * a role label or a JSON conversation.
 */
function inputCell(messages: readonly Message[]): string {
  const misread = messages.some((m) => ROLE_LINE.test(m.content) || /^\s*\[/.test(m.content));
  if (misread) return JSON.stringify(messages.map((m) => ({ role: m.role, content: m.content })));
  if (messages.length === 1) return messages[0].content;
  return messages.map((m) => `${m.role}: ${m.content}`).join('\n');
}

/** A stable id from the conversation itself: importing the same log twice gives the same ids. */
function candidateId(messages: readonly Message[]): string {
  return `imp-${createHash('sha256')
    .update(conversationKey({ messages: [...messages] }))
    .digest('hex')
    .slice(0, 10)}`;
}

function csv(rows: string[][]): string {
  return BOM + rows.map((cells) => Papa.unparse([cells.map((cell) => neutralizeCell(redactText(cell)))], { quotes: true, newline: '\r\n' }) + '\r\n').join('');
}

/**
 * The candidates as a sheet the PM can paste from: the suite's columns in its order (id, input and
 * current_behavior filled, labels and ideals left for the PM), then `source` (file:line in the log) and
 * the log's own fields.
 */
export function writeCandidates(file: string, suiteColumns: readonly string[], candidates: readonly LoggedConversation[]): void {
  const extra = [...new Set(candidates.flatMap((c) => Object.keys(c.columns)))].filter((name) => !suiteColumns.includes(name) && name !== 'source');
  const header = [...new Set(['id', 'input', ...suiteColumns, 'current_behavior']), 'source', ...extra];
  const rows = candidates.map((c) => {
    const known: Record<string, string> = { ...c.columns, id: candidateId(c.messages), input: inputCell(c.messages), current_behavior: formatRecordedOutput(c.reply), source: `${c.file}:${c.line}` };
    return header.map((name) => known[name] ?? '');
  });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, csv([header, ...rows]));
}

/** Every replacement, where it was (the candidate's row, or that it was dropped) and by which rule; never the value. */
export function writeScrubReport(file: string, entries: ReadonlyArray<{ row: number | undefined; conversation: LoggedConversation; replacements: Replacement[] }>): void {
  const rows = entries.flatMap(({ row, conversation, replacements }) =>
    replacements.map((r) => [row === undefined ? 'dropped (duplicate)' : String(row), candidateId(conversation.messages), `${conversation.file}:${conversation.line}`, r.column, r.rule]),
  );
  writeFileAtomic(file, csv([['row', 'id', 'source', 'column', 'rule'], ...rows]));
}
