import type { JudgmentRecord } from '../judge/types.js';
import type { ResultStatus } from '../types.js';
import { judgmentsByCase, verdictLabel } from './pairwise-view.js';
import { datasetColumns, outputText, ranSystems, repeatReasons, resultsOf, verdictText } from './case-view.js';
import type { ReportData } from './report-data.js';
import { CaseTransitions } from './case-transitions.js';

/** One row of the write-back table. */
interface WriteBackRow {
  /** Raw cell text (not yet neutralized: each format does that as it writes). */
  cells: string[];
  /** The case's verdict under the gate's repeat policy for each verdict column, for colouring. */
  statuses: Array<ResultStatus | undefined>;
}

/** The PM's sheet with each system's output, verdict and reason added: what CSV and XLSX write back. */
export interface WriteBackTable {
  header: string[];
  /** Indexes of the `<system>_verdict` columns. */
  verdictColumns: number[];
  /** The rows in dataset order, built one at a time as they are read (a 100,000-row table is never whole in memory). */
  rows(): Generator<WriteBackRow>;
}

/** `latest_vs_previous_llm` or `latest_vs_previous_human`: people pooled, each LLM judge apart. */
function pairGroup(j: JudgmentRecord): string {
  return `${j.a}_vs_${j.b}_${j.judge.startsWith('human') ? 'human' : 'llm'}`;
}

/** A header name that does not collide with the PM's own columns. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Build the write-back table. An `id` column is added first when the dataset has none (ids derived
 * from row content), so a PM can match rows with the other reports.
 */
export function buildWriteBackTable(data: ReportData): WriteBackTable {
  // run.json keeps the header order; object keys would move number-like headers ("2024") first.
  const columns = data.meta.columns ?? datasetColumns(data.cases);
  const withId = columns.includes('id') ? columns : ['id', ...columns];
  const taken = new Set(withId);
  const systems = ranSystems(data);
  const header = [...withId];
  const verdictColumns: number[] = [];
  for (const system of systems) {
    header.push(uniqueName(`${system}_output`, taken));
    verdictColumns.push(header.length);
    header.push(uniqueName(`${system}_verdict`, taken));
    header.push(uniqueName(`${system}_reason`, taken));
  }
  // Pairwise verdicts: one verdict and one reason column per comparison and kind of judge.
  const byCase = judgmentsByCase(data.judgments);
  const pairGroups = [...new Set(data.judgments.map(pairGroup))];
  for (const group of pairGroups) {
    const name = group.replace(/[^A-Za-z0-9_-]+/g, '_');
    header.push(uniqueName(`${name}_verdict`, taken), uniqueName(`${name}_reason`, taken));
  }
  const transitions = new CaseTransitions(data);
  function* rows(): Generator<WriteBackRow> {
    for (const kase of data.cases) {
      const cells = withId.map((name) => (name === 'id' && !columns.includes('id') ? kase.id : (kase.columns[name] ?? '')));
      const statuses: Array<ResultStatus | undefined> = [];
      for (const system of systems) {
        const records = resultsOf(data, kase.id, system);
        cells.push(outputText(records[0]?.output), verdictText(records), repeatReasons(records).join('; '));
        statuses.push(records.length ? (transitions.get(system, kase.id)?.after?.status ?? records[0].status) : undefined);
      }
      for (const group of pairGroups) {
        const judged = (byCase.get(kase.id) ?? []).filter((j) => pairGroup(j) === group);
        cells.push(
          judged.map(verdictLabel).join('; '),
          judged
            .map((j) => j.reasoning ?? j.comment ?? '')
            .filter(Boolean)
            .join('; '),
        );
      }
      yield { cells, statuses };
    }
  }
  return { header, verdictColumns, rows };
}
