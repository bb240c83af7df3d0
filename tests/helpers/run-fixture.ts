import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeRunMeta, type NewRunMeta } from '../../src/store/run-dir.js';
import type { ComparisonBlock } from '../../src/schema/suite-file.js';
import type { Case, ResultRecord, ToolCall } from '../../src/types.js';
import { makeCase } from './make-case.js';
import { makeTempDir } from './temp-dir.js';

// A stored run folder (`<root>/reports/<suite>/<id>/`) written by hand, so judging and
// reporting tests start from exactly the outputs they need without running a suite.

/** One system's output for a case: plain text, text with tool calls, or null for an errored result. */
export type FixtureOutput = string | { text: string; toolCalls?: ToolCall[] } | null;

export interface RunFixtureOptions {
  suite?: string;
  runId?: string;
  cases: Array<Partial<Case> & { id: string }>;
  /** system → case id → output, or a list of outputs (one per repeat). */
  outputs: Record<string, Record<string, FixtureOutput | FixtureOutput[]>>;
  compare?: ComparisonBlock[];
  repeat?: number;
  /** Extra files under the project root, e.g. `{ 'prompts/judge.md': '...' }`. */
  files?: Record<string, string>;
}

export interface RunFixture {
  root: string;
  runDir: string;
}

function toRecord(system: string, caseId: string, repeat: number, output: FixtureOutput): ResultRecord {
  const base = { caseId, system, repeat, checks: [], caseHash: 'hash', startedAt: '2026-01-01T00:00:00.000Z' };
  if (output === null) return { ...base, status: 'error', error: { kind: 'http', message: 'HTTP 500', status: 500 } };
  const { text, toolCalls = [] } = typeof output === 'string' ? { text: output } : output;
  return { ...base, status: 'pass', output: { text, toolCalls, latencyMs: 10 } };
}

/** Write a run folder in a fresh temp project and return its paths. */
export function writeRunFixture(options: RunFixtureOptions): RunFixture {
  const root = makeTempDir('run');
  const suite = options.suite ?? 'pairs';
  const runId = options.runId ?? '20260101-000000-abcd';
  const runDir = path.join(root, 'reports', suite, runId);
  mkdirSync(runDir, { recursive: true });
  for (const [file, text] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const systems = Object.keys(options.outputs);
  const meta: NewRunMeta = {
    suite,
    suiteFile: `suites/${suite}.yaml`,
    runId,
    startedAt: '2026-01-01T00:00:00.000Z',
    dataset: `datasets/${suite}.csv`,
    repeat: options.repeat ?? 1,
    concurrency: 4,
    filter: null,
    limit: null,
    shard: null,
    checks: [],
    systems: systems.map((name) => ({ name, provider: `column:${name}`, prompt: null, tools: null, params: {}, baseUrl: null })),
    skipped: [],
    gate: {},
    compare: options.compare ?? [],
  };
  writeRunMeta(runDir, meta);
  const cases = options.cases.map((c, i) => makeCase({ row: i + 2, contentHash: `hash-${c.id}`, ...c }));
  writeFileSync(path.join(runDir, 'cases.jsonl'), cases.map((c) => JSON.stringify(c) + '\n').join(''));
  const records: ResultRecord[] = [];
  for (const [system, byCase] of Object.entries(options.outputs)) {
    for (const [caseId, value] of Object.entries(byCase)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((output, repeat) => records.push(toRecord(system, caseId, repeat, output)));
    }
  }
  writeFileSync(path.join(runDir, 'results.jsonl'), records.map((r) => JSON.stringify(r) + '\n').join(''));
  return { root, runDir };
}
