import type { Problem } from '../errors.js';
import { parseConversation } from '../dataset/conversation.js';
import { readCsv } from '../dataset/csv.js';
import { readHeader } from '../dataset/header.js';
import { problemAt } from '../dataset/raw-table.js';
import { parseRecordedOutput } from '../providers/recorded-output.js';
import { cutAtLastUserTurn } from './cut-conversation.js';
import type { LoggedConversation } from './types.js';

// A CSV export of production conversations: an `input` column holding the conversation the way a sheet
// does (plain text, `user:` / `assistant:` blocks, or a JSON array), and the product's reply in the first
// of these columns that exists, written as a recorded output (`→ tool(arg: value)` lines, then text).
// Without a reply column, a conversation that ends with assistant turns gives its reply itself.

const REPLY_COLUMNS = ['current_behavior', 'reply', 'response', 'output', 'assistant'];

export function readCsvLog(text: string, file: string, problems: Problem[]): LoggedConversation[] {
  const table = readCsv(text, file);
  problems.push(...table.problems);
  const header = readHeader(table, ['input']);
  problems.push(...header.problems);
  const inputAt = header.index.get('input');
  if (inputAt === undefined) return [];
  const replyColumn = REPLY_COLUMNS.find((name) => header.index.has(name));
  const conversations: LoggedConversation[] = [];
  for (const row of table.rows) {
    const parsed = parseConversation(row.cells[inputAt] ?? '');
    if ('error' in parsed) {
      problems.push(problemAt(table, row.row, inputAt, parsed.error));
      continue;
    }
    const cut = cutAtLastUserTurn(parsed.messages.map((m) => ({ role: m.role, text: m.content, toolCalls: [] })));
    if (!cut) {
      problems.push(problemAt(table, row.row, inputAt, 'has no user turn'));
      continue;
    }
    const replyCell = replyColumn === undefined ? '' : (row.cells[header.index.get(replyColumn)!] ?? '');
    const recorded = parseRecordedOutput(replyCell);
    const reply = replyCell.trim() === '' ? cut.reply : { text: recorded.text, toolCalls: recorded.toolCalls };
    const columns: Record<string, string> = {};
    for (const name of header.names) if (name !== 'input' && name !== replyColumn) columns[name] = row.cells[header.index.get(name)!] ?? '';
    conversations.push({ file, line: row.row, messages: cut.messages, reply, columns });
  }
  return conversations;
}
