import { ConfigurationError } from '../errors.js';
import type { Assessment } from '../compare/assess-run.js';
import { readCases, readMeta, readResults, readSummary, type RunMeta } from '../store/read-run.js';
import type { RunSummary } from '../store/summary.js';
import type { Case, ResultRecord } from '../types.js';
import { latestJudgments, readJudgments } from '../judge/judgments-store.js';
import { summarizeRunJudgments } from '../judge/run-judging.js';
import type { PairwiseSummary } from '../judge/summarize.js';
import type { JudgmentRecord } from '../judge/types.js';

/** Everything a report renders, read from a run folder plus its comparison with the baseline. */
export interface ReportData {
  suite: string;
  runId: string;
  runDir: string;
  meta: RunMeta;
  summary: RunSummary;
  assessment: Assessment;
  /** The cases as they were at run time, in dataset order. */
  cases: Case[];
  /** caseId → system → results in repeat order. */
  results: Map<string, Map<string, ResultRecord[]>>;
  /** Win rates, intervals and ratings, when the run's comparisons were judged. */
  pairwise?: PairwiseSummary;
  /** Every judgment in the run (latest per judge and pair), for the per-case view. */
  judgments: JudgmentRecord[];
}

export async function loadReportData(runDir: string, assessment: Assessment): Promise<ReportData> {
  const meta = readMeta(runDir);
  const summary = readSummary(runDir);
  if (!summary) throw new ConfigurationError(`${runDir}: summary.json is missing (the run did not finish; resume it with evals run --resume)`);
  const results = new Map<string, Map<string, ResultRecord[]>>();
  for await (const record of readResults(runDir)) {
    let bySystem = results.get(record.caseId);
    if (!bySystem) results.set(record.caseId, (bySystem = new Map()));
    const list = bySystem.get(record.system) ?? [];
    list.push(record);
    list.sort((a, b) => a.repeat - b.repeat);
    bySystem.set(record.system, list);
  }
  const judgments = latestJudgments(await readJudgments(runDir));
  const pairwise = judgments.length ? await summarizeRunJudgments(runDir) : undefined;
  return { suite: meta.suite, runId: meta.runId, runDir, meta, summary, assessment, cases: await readCases(runDir), results, pairwise, judgments };
}
