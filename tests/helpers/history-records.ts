import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HISTORY_FORMAT_VERSION, historyPath, type HistoryRecord } from '../../src/history/record.js';

// Synthetic history.jsonl files, shaped as evals run writes them, for tests and the bench: a pass
// rate that climbs with a little noise, a regression now and then, a candidate judged against the
// champion. Deterministic: the same arguments always give the same file.

export interface SyntheticHistory {
  runs: number;
  systems?: string[];
  /** Add a `candidate vs champion` comparison to every run. */
  champion?: boolean;
  /** The first run's time; each run is an hour later. */
  start?: string;
}

function syntheticRecord(suite: string, index: number, options: SyntheticHistory): HistoryRecord {
  const systems = options.systems ?? ['prompted', 'candidate'];
  const time = new Date(Date.parse(options.start ?? '2026-01-01T00:00:00.000Z') + index * 3_600_000);
  const iso = time.toISOString();
  const runId = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}-${(index % 65536).toString(16).padStart(4, '0')}`;
  return {
    formatVersion: HISTORY_FORMAT_VERSION,
    runId,
    suite,
    time: iso,
    git: { commit: (index * 2654435761).toString(16).padStart(40, '0').slice(-40), branch: 'main' },
    dataset: { hash: '230914653c221cc6', cases: 200 },
    repeat: 1,
    baselineRunId: '20251231-000000-000-0000',
    systems: systems.map((name, s) => {
      const pass = Math.min(200, 120 + s * 20 + Math.floor(index / 20) + ((index * 7 + s * 3) % 11));
      const regressions = index % 17 === 0 ? 2 : 0;
      return {
        name,
        provider: `openai:model-${s}`,
        identity: { prompt: 'aaaaaaaaaaaaaaaa', tools: null, params: `p${Math.floor(index / 100)}` },
        passRate: pass / 200,
        low: Math.max(0, pass / 200 - 0.07),
        high: Math.min(1, pass / 200 + 0.06),
        pass,
        fail: 200 - pass,
        error: 0,
        costUsd: 0.0123,
        inputTokens: 40_000,
        outputTokens: 6_000,
        latencyP50Ms: 820,
        latencyP95Ms: 2100,
        regressions,
        regressed: regressions ? [`case-${index}`, `case-${index + 1}`] : [],
      };
    }),
    comparisons: options.champion ? [{ a: systems[systems.length - 1], b: 'champion', judge: 'llm:openai:judge', n: 200, winRate: 0.5 + ((index % 9) - 4) / 40, low: 0.42, high: 0.6 }] : [],
    gate: { passed: index % 17 !== 0, applied: true },
  };
}

/** Write `reports/<suite>/history.jsonl` with `runs` records; returns the file. */
export function writeSyntheticHistory(reportsDir: string, suite: string, options: SyntheticHistory): string {
  const file = historyPath(reportsDir, suite);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  const lines: string[] = [];
  for (let i = 0; i < options.runs; i++) {
    lines.push(JSON.stringify(syntheticRecord(suite, i, options)));
    if (lines.length === 1000) appendFileSync(file, lines.splice(0).join('\n') + '\n');
  }
  if (lines.length) appendFileSync(file, lines.join('\n') + '\n');
  return file;
}
