import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, type Problem } from '../errors.js';
import { decodeText } from '../dataset/text-file.js';
import { isObject } from '../providers/json-output.js';
import { readChatLog } from './chat-log.js';
import { readCsvLog } from './csv-log.js';
import type { ImportFormat, LoggedConversation } from './types.js';

/**
 * The format of a log when `--format` does not say: a .csv is a CSV export; JSON lines are Anthropic's
 * when the first conversation has a top-level `system` or content blocks, OpenAI's otherwise (a log
 * of plain user/assistant strings reads the same either way).
 */
function detectFormat(file: string, text: string): ImportFormat {
  if (/\.(csv|tsv|txt)$/i.test(file)) return 'csv';
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '');
  try {
    const value: unknown = JSON.parse(first ?? '');
    if (!isObject(value) || !Array.isArray(value.messages)) return 'openai';
    if (value.messages.some((m) => isObject(m) && (m.role === 'system' || m.role === 'tool' || m.role === 'developer' || 'tool_calls' in m))) return 'openai';
    if ('system' in value || value.messages.some((m) => isObject(m) && Array.isArray(m.content) && m.content.some((b) => isObject(b) && typeof b.type === 'string' && b.type !== 'text'))) {
      return 'anthropic';
    }
  } catch {
    // The reader reports the line.
  }
  return 'openai';
}

/** Every conversation of a production log; every bad line or row is reported at once (exit 2). */
export async function readLog(file: string, cwd: string, format: ImportFormat | undefined): Promise<{ format: ImportFormat; conversations: LoggedConversation[] }> {
  const shown = path.relative(cwd, path.resolve(cwd, file)) || file;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path.resolve(cwd, file));
  } catch {
    throw new ConfigurationError([{ file: shown, message: 'cannot be read (no such file?)' }]);
  }
  const text = decodeText(bytes, shown);
  const chosen = format ?? detectFormat(shown, text);
  const problems: Problem[] = [];
  const conversations = chosen === 'csv' ? readCsvLog(text, shown, problems) : readChatLog(text, shown, chosen, problems);
  if (problems.length) throw new ConfigurationError(problems);
  if (conversations.length === 0) throw new ConfigurationError([{ file: shown, message: 'holds no conversations' }]);
  return { format: chosen, conversations };
}
