import { parseLabel } from '../dataset/labels.js';
import type { LoadedSuite } from '../suite/load.js';
import { singleVariable } from '../template.js';
import { locate } from './locate.js';
import type { Finding } from './types.js';

/** Below either bound the rarer label is too thin to measure a decision on. */
const MIN_MINORITY_SHARE = 0.15;
const MIN_MINORITY_CASES = 3;

/**
 * The columns holding a decision's ground truth: those a check's `expect` or generic `label:` reads
 * (`"{{should_trigger}}"`) and those the suite lists under `labels:`. `if:` columns are left out on purpose: a condition
 * such as "is a follow-up" may rightly be rare.
 */
export function decisionLabelColumns(suite: LoadedSuite): string[] {
  const columns = new Set(suite.config.labels ?? []);
  for (const check of suite.config.checks) {
    for (const value of [check.expect, check.label]) {
      const name = typeof value === 'string' ? singleVariable(value) : undefined;
      if (name) columns.add(name);
    }
  }
  return [...columns].filter((name) => suite.dataset.columns.includes(name));
}

/**
 * "38 yes / 2 no" for each decision label column: a warning when the rarer label has fewer than 3
 * cases or under 15% of them (a model that always says yes would score 95%), info otherwise.
 */
export function labelBalance(suite: LoadedSuite): Finding[] {
  const findings: Finding[] = [];
  for (const column of decisionLabelColumns(suite)) {
    let yes = 0;
    let no = 0;
    for (const kase of suite.dataset.cases) {
      const label = parseLabel(kase.columns[column] ?? '');
      if (label === true) yes++;
      else if (label === false) no++;
    }
    const total = yes + no;
    if (total === 0) continue;
    const empty = suite.dataset.cases.length - total;
    const counts = `${yes} yes / ${no} no${empty ? ` (${empty} empty)` : ''}`;
    const [rare, rareCount] = yes <= no ? ['yes', yes] : ['no', no];
    const share = rareCount / total;
    const where = locate(suite.dataset, undefined, column);
    if (rareCount < MIN_MINORITY_CASES || share < MIN_MINORITY_SHARE) {
      const why = rareCount === 0 ? `every labelled case is "${rare === 'yes' ? 'no' : 'yes'}"` : `only ${rareCount} "${rare}" case${rareCount === 1 ? '' : 's'} (${Math.round(share * 100)}%)`;
      findings.push({
        ...where,
        severity: 'warning',
        message: `${counts}: ${why}; add more: a decision suite needs at least ${MIN_MINORITY_CASES} cases and ${MIN_MINORITY_SHARE * 100}% of each label (as it is, always answering "${rare === 'yes' ? 'no' : 'yes'}" scores ${Math.round((1 - share) * 100)}%)`,
      });
    } else {
      findings.push({ ...where, severity: 'info', message: counts });
    }
  }
  return findings;
}
