import { parseLabel } from '../dataset/labels.js';
import { renderMessages } from '../providers/render-request.js';
import type { LoadedSuite } from '../suite/load.js';
import type { Case, SystemConfig } from '../types.js';
import { describeCheck, recordableChecks, scoreRecorded } from '../validate/score-recorded.js';
import { idealColumn } from '../validate/self-test.js';
import type { TrainingExample } from './types.js';

/** A row with an ideal, as an example, and the checks its ideal fails (the validate self-test). */
export interface IdealRow {
  example: TrainingExample;
  /** `tool-called (canvas)`, … : empty when the ideal passes every check that can judge recorded text. */
  fails: string[];
}

/** `yes` / `no` of the suite's first label column, so a split keeps each label's share; "" without labels. */
export function labelStratum(suite: { config: { labels?: string[] } }, kase: Case): string {
  const label = suite.config.labels?.[0];
  if (!label) return '';
  const value = parseLabel(kase.columns[label] ?? '');
  return value === undefined ? '' : value ? 'yes' : 'no';
}

/**
 * Every row of the suite's sheet that has an ideal behaviour, as a fine-tuning example (the system's
 * prompt rendered for the row, its conversation, the ideal as the reply with its tool calls), each with
 * the checks its ideal fails, scored the way `evals validate` self-tests ideals. Rows without an ideal
 * are counted, not returned.
 */
export async function idealRows(suite: LoadedSuite, system: SystemConfig | undefined): Promise<{ rows: IdealRow[]; withoutIdeal: number }> {
  const column = idealColumn(suite.dataset.columns);
  if (!column) return { rows: [], withoutIdeal: suite.dataset.cases.length };
  // The same scoring as the self-test of `evals validate`, so "refused" here means "an error there".
  const scores = scoreRecorded(suite, column, recordableChecks(suite));
  const rows: IdealRow[] = [];
  for await (const { kase, recorded, failed } of scores)
    rows.push({
      example: {
        caseId: kase.id,
        row: kase.row,
        stratum: labelStratum(suite, kase),
        messages: system ? renderMessages(system, kase) : kase.messages,
        tools: system?.tools ?? [],
        reply: { text: recorded.text, toolCalls: recorded.toolCalls },
      },
      fails: failed.map((result) => describeCheck(result.spec)),
    });
  const withoutIdeal = suite.dataset.cases.length - rows.length;
  return { rows, withoutIdeal };
}
