import type { ComparisonBlock } from '../schema/suite-file.js';
import { compareCodePoints } from '../text/code-point-order.js';
import { isHumanJudge, llmJudgeName, type JudgmentRecord } from './types.js';

// `<run>/judgments.jsonl` is appended in the order judgments finish, which changes from one judging
// session to the next under concurrency. Everything shown or exported from judgments (the summary's
// rows, results.csv/xlsx's pairwise columns and cells, report.html's pair blocks, the preference
// export and its seeded split) reads them in one order that follows from their content only:
// comparisons in the suite's `compare:` order as run.json recorded it (then any not listed, by
// name), then case id (code-point order), then repeat, then judge name.

/** A `compare:` entry as far as ordering needs it. */
export type ListedComparison = Pick<ComparisonBlock, 'a' | 'b' | 'judge'>;

/** A summary row's judge: people are pooled into `human` (each rater one more observation); LLM judges are not. */
export function comparisonJudge(judge: string): string {
  return isHumanJudge(judge) ? 'human' : judge;
}

function samePair(listed: ListedComparison, record: JudgmentRecord): boolean {
  return (listed.a === record.a && listed.b === record.b) || (listed.a === record.b && listed.b === record.a);
}

/** `judge: human` is every rater; any other value is the provider id an LLM judge records as `llm:<id>`. */
function sameJudge(listed: ListedComparison, record: JudgmentRecord): boolean {
  return listed.judge === 'human' ? isHumanJudge(record.judge) : record.judge === llmJudgeName(listed.judge);
}

/**
 * The position of the `compare:` entry a judgment belongs to: the one naming its pair and judge, else
 * the first naming its pair (a judge recorded under another name, an imported file); after every
 * listed one when none names the pair.
 */
function comparisonRank(record: JudgmentRecord, compare: readonly ListedComparison[]): number {
  const exact = compare.findIndex((listed) => samePair(listed, record) && sameJudge(listed, record));
  if (exact >= 0) return exact;
  const pair = compare.findIndex((listed) => samePair(listed, record));
  return pair >= 0 ? pair : compare.length;
}

/** The comparison's name whichever system a record calls `a`: the two systems by code point, then the judge. */
function comparisonName(record: JudgmentRecord): string {
  const [x, y] = [record.a, record.b].sort(compareCodePoints);
  return [x, y, comparisonJudge(record.judge)].join('\u0000');
}

/**
 * The judgments in reading order (above), whatever order the file holds them in. Use on every list
 * of judgments before it is shown, written or split; the order of `records` never matters.
 */
export function inReadingOrder(records: readonly JudgmentRecord[], compare: readonly ListedComparison[] = []): JudgmentRecord[] {
  const keyed = records.map((record) => ({ record, rank: comparisonRank(record, compare), name: comparisonName(record) }));
  keyed.sort(
    (x, y) =>
      x.rank - y.rank ||
      compareCodePoints(x.name, y.name) ||
      compareCodePoints(x.record.caseId, y.record.caseId) ||
      (x.record.repeat ?? 0) - (y.record.repeat ?? 0) ||
      compareCodePoints(x.record.judge, y.record.judge) ||
      // One task judged with the systems named the other way round (an imported file): still one order.
      compareCodePoints(x.record.a, y.record.a) ||
      compareCodePoints(x.record.at ?? '', y.record.at ?? ''),
  );
  return keyed.map(({ record }) => record);
}
