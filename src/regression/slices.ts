import { sliceKey, sliceValuesOf } from '../dataset/case-slices.js';
import { holmAdjust } from '../stats/holm.js';
import { mcnemarExact } from '../stats/mcnemar.js';
import { wilsonInterval } from '../stats/wilson.js';
import { DecisionTally, type CostsAsWritten } from '../store/decision-tally.js';
import { jobKey } from '../store/journal.js';
import type { SliceRow, SlicesSummary } from '../store/slice-summary.js';
import type { Case, ResultRecord } from '../types.js';
import type { SuiteRegression } from './diff-runs.js';

// Every number per slice (`slice_by:`): a regression concentrated in multi-turn conversations or
// in code disappears in the average. Per slice and system: the pass rate, each decision's matrix,
// and the transitions against the baseline with McNemar's exact p. Many slices mean many tests,
// so the p-values of one slice_by name are Holm-corrected together (per system): a slice is called
// regressed only when its adjusted p < 0.05 and more of its cases went pass→fail than fail→pass.

/** The family-wise error rate a "regressed" slice is called at. */
export const SLICE_ALPHA = 0.05;

interface SliceInput {
  cases: readonly Case[];
  results: AsyncIterable<ResultRecord>;
  comparison: SuiteRegression;
  sliceBy: readonly string[];
  costs?: CostsAsWritten;
}

/** Regressed slices first, then the lowest pass rate (unscored last), then by name. */
function worstFirst(a: SliceRow, b: SliceRow): number {
  if (a.regressed !== b.regressed) return a.regressed ? -1 : 1;
  const rate = (row: SliceRow) => row.passRate?.estimate ?? Number.POSITIVE_INFINITY;
  return rate(a) - rate(b) || a.holmP - b.holmP || a.key.localeCompare(b.key) || a.system.localeCompare(b.system);
}

export async function sliceRun({ cases, results, comparison, sliceBy, costs }: SliceInput): Promise<SlicesSummary> {
  // Each case's slices, in slice_by order (a case with several tags is in several slices).
  const membership = new Map<string, Array<{ by: string; value: string }>>();
  const order: Array<{ by: string; value: string }> = [];
  const seen = new Set<string>();
  for (const kase of cases) {
    const own = sliceBy.flatMap((by) => sliceValuesOf(kase, by).map((value) => ({ by, value })));
    membership.set(kase.id, own);
    for (const slice of own) {
      const key = sliceKey(slice.by, slice.value);
      if (!seen.has(key)) order.push(slice);
      seen.add(key);
    }
  }
  // Decisions per system and slice, counted from the results as the run's own are.
  const tallies = new Map<string, DecisionTally>();
  const counted = new Set<string>();
  for await (const record of results) {
    // As the journal reads it: a later duplicate of a job (a resume that wrote it again) is not counted twice.
    const job = jobKey(record.caseId, record.system, record.repeat);
    if (counted.has(job)) continue;
    counted.add(job);
    for (const { by, value } of membership.get(record.caseId) ?? []) {
      const id = `${record.system}\u0000${sliceKey(by, value)}`;
      const tally = tallies.get(id) ?? new DecisionTally();
      tallies.set(id, tally);
      tally.add(record);
    }
  }
  const rows: SliceRow[] = [];
  for (const system of comparison.systems) {
    for (const by of sliceBy) {
      const family = order.filter((slice) => slice.by === by).map(({ value }) => sliceRow(system, by, value, membership, tallies, costs));
      const adjusted = holmAdjust(family.map((row) => row.pValue));
      family.forEach((row, i) => {
        row.holmP = adjusted[i];
        row.regressed = adjusted[i] < SLICE_ALPHA && row.passToFail > row.failToPass;
      });
      rows.push(...family);
    }
  }
  return { by: [...sliceBy], baselineRunId: comparison.baselineRunId, rows: rows.sort(worstFirst) };
}

function sliceRow(
  system: SuiteRegression['systems'][number],
  by: string,
  value: string,
  membership: Map<string, Array<{ by: string; value: string }>>,
  tallies: Map<string, DecisionTally>,
  costs: CostsAsWritten | undefined,
): SliceRow {
  const key = sliceKey(by, value);
  const inSlice = (caseId: string) => membership.get(caseId)?.some((s) => s.by === by && s.value === value) ?? false;
  let pass = 0;
  let fail = 0;
  let errored = 0;
  let passToFail = 0;
  let failToPass = 0;
  for (const kase of system.cases) {
    if (!inSlice(kase.caseId)) continue;
    if (kase.after?.status === 'pass') pass += 1;
    else if (kase.after?.status === 'fail') fail += 1;
    else if (kase.after?.status === 'error') errored += 1;
    if (kase.transition === 'regressed') passToFail += 1;
    if (kase.transition === 'fixed') failToPass += 1;
  }
  const scored = pass + fail;
  return {
    by,
    value,
    key,
    system: system.system,
    cases: scored,
    pass,
    errored,
    passRate: scored ? wilsonInterval(pass, scored) : null,
    decisions: tallies.get(`${system.system}\u0000${key}`)?.summarize(costs) ?? [],
    passToFail,
    failToPass,
    pValue: mcnemarExact(passToFail, failToPass).twoSided,
    holmP: 1,
    regressed: false,
  };
}
