import type { HistoryRecord } from './record.js';

/** One run of one system (or one compared pair) in a trend. */
interface TrendPoint {
  runId: string;
  time: string;
  /** Pass rate, or a pair's win rate; null when nothing was scored. */
  rate: number | null;
  low: number;
  high: number;
  commit: string | null;
}

export interface Trend {
  /** A system's name, or `a vs b` for a compared pair. */
  name: string;
  provider?: string;
  points: TrendPoint[];
  first: number | null;
  last: number | null;
  best: number | null;
  /** Times its identity (prompt, tools, parameters) differs from the run before: a change made on purpose. */
  changes: number;
}

function summarize(name: string, points: TrendPoint[], changes: number, provider?: string): Trend {
  const known = points.filter((p) => p.rate !== null).map((p) => p.rate as number);
  return { name, provider, points, first: known[0] ?? null, last: known.length ? known[known.length - 1] : null, best: known.length ? Math.max(...known) : null, changes };
}

/** Each system's pass rate over the records (oldest first), in the order the latest run lists them. */
export function systemTrends(records: HistoryRecord[]): Trend[] {
  const series = new Map<string, { provider: string; points: TrendPoint[]; identities: string[] }>();
  for (const record of records) {
    for (const s of record.systems) {
      const entry = series.get(s.name) ?? { provider: s.provider, points: [], identities: [] };
      series.set(s.name, entry);
      entry.provider = s.provider;
      entry.points.push({ runId: record.runId, time: record.time, rate: s.passRate, low: s.low, high: s.high, commit: record.git?.commit ?? null });
      entry.identities.push(s.identity ? `${s.provider} ${s.identity.prompt} ${s.identity.tools} ${s.identity.params}` : '');
    }
  }
  const latest = records[records.length - 1]?.systems.map((s) => s.name) ?? [];
  const names = [...new Set([...latest, ...series.keys()])];
  return names.map((name) => {
    const { provider, points, identities } = series.get(name)!;
    const changes = identities.filter((id, i) => i > 0 && id && identities[i - 1] && id !== identities[i - 1]).length;
    return summarize(name, points, changes, provider);
  });
}

/** Each compared pair's win rate over the records (from the judging of each run); `a vs b`. */
export function comparisonTrends(records: HistoryRecord[]): Trend[] {
  const series = new Map<string, TrendPoint[]>();
  for (const record of records) {
    // One judge per pair and run: an LLM judge's verdicts, else the people's (as the gate reads them).
    const chosen = new Map<string, HistoryRecord['comparisons'][number]>();
    for (const c of record.comparisons) {
      const key = `${c.a} vs ${c.b}`;
      const held = chosen.get(key);
      if (!held || (!held.judge.startsWith('llm:') && c.judge.startsWith('llm:'))) chosen.set(key, c);
    }
    for (const [key, c] of chosen) {
      const points = series.get(key) ?? [];
      series.set(key, points);
      points.push({ runId: record.runId, time: record.time, rate: c.winRate, low: c.low, high: c.high, commit: record.git?.commit ?? null });
    }
  }
  return [...series].map(([name, points]) => summarize(name, points, 0));
}
