import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readHistory, skippedLinesNote } from '../history/read-history.js';
import { historyPath, HISTORY_FILE, type HistoryRecord } from '../history/record.js';
import { comparisonTrends, systemTrends, type Trend } from '../history/trend.js';
import { LINEAGE_FILE, readLineage, type LineageEntry } from './lineage-file.js';

/**
 * Runs each chart draws: the latest 50. A point per run stays readable at the chart's width, and the
 * page stays small with many suites of long histories (`evals history --last` reads further back).
 */
const CHART_RUNS = 50;
/** Runs listed in each suite's table of latest runs. */
export const LISTED_RUNS = 10;

/** The system name a compare pair uses for the saved outputs of the last promoted system. */
const CHAMPION = 'champion';

/** One suite as the dashboard shows it. */
export interface SuiteView {
  suite: string;
  /** Every record in its history; the charts draw the latest CHART_RUNS. */
  recorded: number;
  window: HistoryRecord[];
  systems: Trend[];
  /** Each challenger's win rate against the champion, from its side. */
  champion: Trend[];
  lineage: LineageEntry[];
  /** Lines of history.jsonl or lineage.jsonl that could not be read. */
  notes: string[];
  /** The relative link from reports/index.html to a run's report.html, when that file exists. */
  reportOf: (runId: string) => string | undefined;
}

/** Run ids as evals makes them; anything else is never turned into a link. */
const LINKABLE_RUN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Every suite under `reportsDir` with a history or a lineage, by name. */
export function collectDashboard(reportsDir: string): SuiteView[] {
  if (!existsSync(reportsDir)) return [];
  const suites = readdirSync(reportsDir)
    .filter((name) => statSync(path.join(reportsDir, name)).isDirectory())
    .filter((name) => existsSync(path.join(reportsDir, name, HISTORY_FILE)) || existsSync(path.join(reportsDir, name, LINEAGE_FILE)))
    .sort();
  return suites.map((suite) => suiteView(reportsDir, suite));
}

function suiteView(reportsDir: string, suite: string): SuiteView {
  const history = readHistory(historyPath(reportsDir, suite), { last: CHART_RUNS });
  const lineage = readLineage(reportsDir, suite);
  const window = history.records;
  const notes = [skippedLinesNote(history, `${suite}/${HISTORY_FILE}`) ?? '', lineage.damaged ? `${suite}/${LINEAGE_FILE}: skipped ${lineage.damaged} line(s) that are not a promotion` : ''].filter(
    Boolean,
  );
  const links = new Map<string, string | undefined>();
  const reportOf = (runId: string) => {
    if (!links.has(runId)) {
      const exists = LINKABLE_RUN.test(runId) && existsSync(path.join(reportsDir, suite, runId, 'report.html'));
      links.set(runId, exists ? `${encodeURIComponent(suite)}/${encodeURIComponent(runId)}/report.html` : undefined);
    }
    return links.get(runId);
  };
  return { suite, recorded: history.total, window, systems: systemTrends(window), champion: championTrends(window), lineage: lineage.entries, notes, reportOf };
}

/** Pairs with the champion on either side, turned so the rate is always the challenger's. */
function championTrends(records: HistoryRecord[]): Trend[] {
  const turned = records.map((record) => ({
    ...record,
    comparisons: record.comparisons
      .filter((c) => (c.b === CHAMPION) !== (c.a === CHAMPION))
      .map((c) => (c.b === CHAMPION ? c : { ...c, a: c.b, b: c.a, winRate: c.winRate === null ? null : 1 - c.winRate, low: 1 - c.high, high: 1 - c.low })),
  }));
  return comparisonTrends(turned);
}
