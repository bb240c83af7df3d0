import { ConfigurationError } from '../errors.js';
import type { Assessment } from '../regression/assess-run.js';
import { readSummary } from '../store/read-run.js';
import { readRunMeta, RUN_FILES, type RunMeta } from '../store/run-dir.js';
import type { RunSummary } from '../store/summary.js';
import { casesFromRun, resultsFromRun, type CaseSource, type ResultSource } from './report-sources.js';
import { latestJudgments, readJudgments } from '../judge/judgments-store.js';
import { inReadingOrder } from '../judge/judgment-order.js';
import { summarizeRunJudgments } from '../judge/run-judging.js';
import type { PairwiseSummary } from '../judge/summarize.js';
import type { JudgmentRecord } from '../judge/types.js';
import { evalsCommand } from '../invoked-as.js';
import { championNotes } from './champion-notes.js';

/**
 * Everything a report renders, read from a run folder plus its comparison with the baseline. Cases
 * and results stay on disk, indexed (see report-sources.ts): a 100,000-case run's reports are
 * written in bounded memory. Call `closeReportData` when done.
 */
export interface ReportData {
  suite: string;
  runId: string;
  runDir: string;
  meta: RunMeta;
  summary: RunSummary;
  assessment: Assessment;
  /** The cases as they were at run time, in dataset order (read on demand from the run folder). */
  cases: CaseSource;
  /** Results by case and system (read on demand). */
  results: ResultSource;
  /** Win rates, intervals and ratings, when the run's comparisons were judged. */
  pairwise?: PairwiseSummary;
  /** Every judgment in the run (latest per judge and pair), for the per-case view, in reading order (judge/judgment-order.ts). */
  judgments: JudgmentRecord[];
  /** Comparisons with the champion that left cases unjudged, or found none yet: the terminal's lines (champion-notes.ts). */
  championNotes: string[];
}

export async function loadReportData(runDir: string, assessment: Assessment): Promise<ReportData> {
  const meta = readRunMeta(runDir);
  const summary = readSummary(runDir);
  if (!summary) throw new ConfigurationError(`${runDir}: ${RUN_FILES.summary} is missing (the run did not finish; resume it with ${evalsCommand()} run --resume ${meta.runId})`);
  const judgments = inReadingOrder(latestJudgments(await readJudgments(runDir)), meta.compare);
  const pairwise = judgments.length ? await summarizeRunJudgments(runDir) : undefined;
  const cases = casesFromRun(runDir);
  return {
    suite: meta.suite,
    runId: meta.runId,
    runDir,
    meta,
    summary,
    assessment,
    cases,
    results: resultsFromRun(runDir, cases),
    pairwise,
    judgments,
    championNotes: championNotes(runDir, meta, cases),
  };
}

/** Release the files a ReportData reads from. */
export function closeReportData(data: ReportData): void {
  data.cases.close();
  data.results.close();
}
