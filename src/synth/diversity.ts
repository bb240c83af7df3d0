import { parseLabel } from '../dataset/labels.js';
import { quantile } from '../stats/describe.js';
import type { Case } from '../types.js';
import { jaccard, wordSet } from '../validate/similarity.js';
import type { Axis } from './plan.js';

// How varied the new rows are, in numbers a PM can compare between runs: label balance, distinct
// n-grams (Li et al. 2016: distinct n-grams over all n-grams, pooled over the rows), the spread of
// pairwise word overlap (the Jaccard index the duplicate detector uses), what was dropped, and how
// the planned axes were covered by the rows kept.

interface DistinctNgrams {
  distinct: number;
  total: number;
  /** distinct / total; 0 when there are no n-grams. */
  ratio: number;
}

interface SimilaritySpread {
  pairs: number;
  min: number;
  /** Median and 90th percentile by linear interpolation (numpy's default). */
  median: number;
  p90: number;
  max: number;
}

export interface DroppedCounts {
  /** Same or nearly the same input as a row of the sheet. */
  duplicateOfSheet: number;
  /** Same or nearly the same input as another new row. */
  duplicateOfNew: number;
  /** Would fail `evals validate` (a bad label, an ideal that fails the suite's checks). */
  invalid: number;
}

export interface DiversityReport {
  requested: number;
  produced: number;
  /** Per label column: yes, no and anything else among the rows kept. */
  labels: Record<string, { yes: number; no: number; other: number }>;
  distinct1: DistinctNgrams;
  distinct2: DistinctNgrams;
  /** Undefined with fewer than two rows. */
  similarity?: SimilaritySpread;
  dropped: DroppedCounts;
  /** Per axis: each planned value and how many kept rows have it (0 shows a gap). */
  axes: Record<string, Record<string, number>>;
}

/** Lower-case words per message, as the duplicate detector reads them. */
function messageWords(kase: Case): string[][] {
  return kase.messages.map(
    (message) =>
      message.content
        .normalize('NFKC')
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}

function distinctNgrams(rows: Case[], n: number): DistinctNgrams {
  const seen = new Set<string>();
  let total = 0;
  for (const kase of rows) {
    for (const words of messageWords(kase)) {
      for (let i = 0; i + n <= words.length; i++) {
        seen.add(words.slice(i, i + n).join(' '));
        total++;
      }
    }
  }
  return { distinct: seen.size, total, ratio: total ? seen.size / total : 0 };
}

function similaritySpread(rows: Case[]): SimilaritySpread | undefined {
  if (rows.length < 2) return undefined;
  const sets = rows.map(wordSet);
  const scores: number[] = [];
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) scores.push(jaccard(sets[i], sets[j]));
  scores.sort((a, b) => a - b);
  return { pairs: scores.length, min: scores[0], median: quantile(scores, 0.5), p90: quantile(scores, 0.9), max: scores[scores.length - 1] };
}

export interface KeptRow {
  kase: Case;
  axes: Record<string, string>;
}

export function diversityReport(kept: KeptRow[], requested: number, labelColumns: string[], axes: Axis[], dropped: DroppedCounts): DiversityReport {
  const rows = kept.map((row) => row.kase);
  const labels: DiversityReport['labels'] = {};
  for (const column of labelColumns) {
    const counts = { yes: 0, no: 0, other: 0 };
    for (const kase of rows) {
      const label = parseLabel(kase.columns[column] ?? '');
      counts[label === true ? 'yes' : label === false ? 'no' : 'other']++;
    }
    labels[column] = counts;
  }
  const coverage: DiversityReport['axes'] = {};
  for (const axis of axes) {
    coverage[axis.name] = Object.fromEntries(axis.values.map((value) => [value, 0]));
    for (const row of kept) if (row.axes[axis.name] !== undefined) coverage[axis.name][row.axes[axis.name]] = (coverage[axis.name][row.axes[axis.name]] ?? 0) + 1;
  }
  const similarity = similaritySpread(rows);
  return {
    requested,
    produced: rows.length,
    labels,
    distinct1: distinctNgrams(rows, 1),
    distinct2: distinctNgrams(rows, 2),
    ...(similarity ? { similarity } : {}),
    dropped,
    axes: coverage,
  };
}
