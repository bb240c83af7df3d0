import type { Message, ToolCall } from '../types.js';

/** One production conversation, cut where a case is: up to the last user turn, and the reply to it. */
export interface LoggedConversation {
  /** Where it came from, for messages and the candidates' `source` column: `logs/x.jsonl:12`. */
  file: string;
  line: number;
  /** The conversation up to and including the last user turn (the log's system prompt left out). */
  messages: Message[];
  /** The product's recorded reply to that turn (empty when the log has none). */
  reply: { text: string; toolCalls: ToolCall[] };
  /** Other fields of the line or row (JSONL: top-level scalars and `metadata.*`), for `--stratify-by`. */
  columns: Record<string, string>;
}

export const IMPORT_FORMATS = ['openai', 'anthropic', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
