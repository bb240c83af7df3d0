import type { Message, ToolCall, ToolSpec } from '../types.js';

/** One fine-tuning example, provider-neutral: what the model is shown, and the reply it should give. */
export interface TrainingExample {
  caseId: string;
  /** The sheet row it came from, for the summary. */
  row: number;
  /** The stratum for `--split`: the value of the suite's first label column ("" when there is none). */
  stratum: string;
  /** The system prompt rendered for this case, then the case's conversation (it ends with a user turn). */
  messages: Message[];
  tools: ToolSpec[];
  reply: { text: string; toolCalls: ToolCall[] };
}

/** A provider's file format: one JSON line for an example, or why the example cannot be written in it. */
export type ExampleLine = { line: Record<string, unknown> } | { refused: string };

/** What an export did, for the summary the CLI prints and `--json`. */
export interface ExportSummary {
  format: string;
  /** The suite's name (or the run's suite). */
  suite: string;
  files: Array<{ file: string; lines: number }>;
  written: number;
  /** Rows whose ideal fails the suite's checks but were written anyway (`--include-failing`). */
  writtenFailing: number;
  /** Why rows were refused, each reason with the sheet rows it applies to. */
  refused: Array<{ reason: string; rows: number[] }>;
  /** Rows left out because there was nothing to learn from: no ideal (chat formats). */
  skippedNoIdeal: number;
  /** Preference pairs left out (openai-preference): ties and order-inconsistent verdicts, counted. */
  leftOut?: { ties: number; inconsistent: number; errors: number; missingOutput: number };
}
