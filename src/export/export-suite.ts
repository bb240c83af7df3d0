import path from 'node:path';
import { loadSuite } from '../suite/load.js';
import { anthropicLine } from './anthropic-bedrock.js';
import { openAiChatLine } from './openai-chat.js';
import { trainingSystem } from './training-system.js';
import { idealRows } from './training-examples.js';
import type { ExampleLine, ExportSummary, TrainingExample } from './types.js';
import { writeJsonlFiles, type SplitOptions, type Writable } from './write-split.js';

/** The supervised formats: an example per row with an ideal behaviour. */
export const CHAT_FORMATS: Record<string, (example: TrainingExample) => ExampleLine> = {
  'openai-chat': openAiChatLine,
  anthropic: anthropicLine,
};

export interface ExportSuiteOptions extends SplitOptions {
  format: keyof typeof CHAT_FORMATS;
  /** Folder the files go to. */
  out: string;
  includeFailing?: boolean;
  /** The system whose prompt and tools the examples carry (default: the first with a prompt or tools). */
  system?: string;
}

/** Add `row` under `reason`, keeping the reasons in the order they were first met. */
export function countRefusal(refused: ExportSummary['refused'], reason: string, row: number): void {
  const entry = refused.find((r) => r.reason === reason);
  if (entry) entry.rows.push(row);
  else refused.push({ reason, rows: [row] });
}

/**
 * `evals export <suite> --format openai-chat|anthropic`: every row with an ideal behaviour as a
 * fine-tuning example. A row whose ideal fails the suite's own checks is refused (unless
 * `includeFailing`), and so is one the format cannot hold; each refusal is counted under its reason.
 */
export async function exportSuite(nameOrPath: string, cwd: string, options: ExportSuiteOptions): Promise<ExportSummary> {
  const suite = await loadSuite(nameOrPath, cwd);
  const system = trainingSystem(suite, options.system);
  const { rows, withoutIdeal } = await idealRows(suite, system);
  const refused: ExportSummary['refused'] = [];
  const items: Writable[] = [];
  let writtenFailing = 0;
  for (const { example, fails } of rows) {
    if (fails.length > 0 && !options.includeFailing) {
      countRefusal(refused, `the ideal fails the suite's check${fails.length > 1 ? 's' : ''} ${fails.join(' and ')}`, example.row);
      continue;
    }
    const result = CHAT_FORMATS[options.format](example);
    if ('refused' in result) {
      countRefusal(refused, result.refused, example.row);
      continue;
    }
    if (fails.length > 0) writtenFailing += 1;
    items.push({ stratum: example.stratum, line: result.line });
  }
  const files = writeJsonlFiles(path.resolve(cwd, options.out), `${suite.name}.${options.format}`, items, options);
  return { format: options.format, suite: suite.name, files, written: items.length, writtenFailing, refused, skippedNoIdeal: withoutIdeal };
}
