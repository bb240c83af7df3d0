import type { Dataset } from '../dataset/load.js';
import type { Case } from '../types.js';
import { locate } from './locate.js';
import { conversationKey, jaccard, NEAR_DUPLICATE_JACCARD, timeContext, wordSet, wordsNotShared } from './similarity.js';
import type { Finding } from './types.js';

/** Near-duplicates compare every pair of cases; above this many the check is skipped with a note. */
const MAX_CASES_FOR_NEAR_DUPLICATES = 5_000;

function ids(a: Case, b: Case): string {
  return `ids "${a.id}" and "${b.id}"`;
}

/**
 * Exact duplicate inputs (an error: a repeated case counts twice in every pass rate) and
 * near-duplicates (a warning). Each later row is reported once, against the first earlier row it
 * repeats. Rows with the same input but a different `now` are different cases and are left alone.
 */
export function duplicateInputs(dataset: Dataset, maxCases = MAX_CASES_FOR_NEAR_DUPLICATES): Finding[] {
  const findings: Finding[] = [];
  const firstWithKey = new Map<string, Case>();
  const unique: Case[] = [];
  for (const kase of dataset.cases) {
    const key = conversationKey(kase);
    const earlier = firstWithKey.get(key);
    if (earlier) {
      findings.push({
        ...locate(dataset, kase.row, 'input'),
        severity: 'error',
        message: `rows ${earlier.row} and ${kase.row} have the same input (${ids(earlier, kase)}); a repeated case counts twice in every pass rate: delete one, or change one if both are meant`,
      });
    } else {
      firstWithKey.set(key, kase);
      unique.push(kase);
    }
  }
  if (unique.length > maxCases) {
    findings.push({
      ...locate(dataset),
      severity: 'info',
      message: `near-duplicate inputs not checked: ${unique.length} cases (the check compares every pair, so it runs up to ${maxCases} cases)`,
    });
    return findings;
  }
  findings.push(...nearDuplicates(dataset, unique));
  return findings;
}

function nearDuplicates(dataset: Dataset, cases: Case[]): Finding[] {
  const findings: Finding[] = [];
  const words = cases.map(wordSet);
  const contexts = cases.map(timeContext);
  for (let later = 1; later < cases.length; later++) {
    const b = words[later];
    if (b.size === 0) continue;
    for (let earlier = 0; earlier < later; earlier++) {
      const a = words[earlier];
      // Jaccard can reach the threshold only when the smaller set is at least that share of the larger.
      if (contexts[earlier] !== contexts[later] || Math.min(a.size, b.size) < NEAR_DUPLICATE_JACCARD * Math.max(a.size, b.size)) continue;
      const score = jaccard(a, b);
      if (score < NEAR_DUPLICATE_JACCARD) continue;
      const differing = wordsNotShared(a, b);
      const how = differing.length === 0 ? 'the same words, differing only in punctuation, case or order' : `differing only in ${differing.map((w) => `"${w}"`).join(', ')}`;
      findings.push({
        ...locate(dataset, cases[later].row, 'input'),
        severity: 'warning',
        message: `rows ${cases[earlier].row} and ${cases[later].row} have nearly the same input (${ids(cases[earlier], cases[later])}: ${how}); if both are meant, make the difference matter, otherwise delete one`,
      });
      break;
    }
  }
  return findings;
}
