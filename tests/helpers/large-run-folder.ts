import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeBaseline } from '../../src/regression/baseline-text.js';
import { buildSnapshot, type Snapshot } from '../../src/regression/snapshot.js';
import { RUN_FORMAT_VERSION, writeRunMeta, type RunMeta } from '../../src/store/run-dir.js';
import { SummaryBuilder, type RunSummary } from '../../src/store/summary.js';
import type { Case, CheckSpec, ResultRecord, ResultStatus } from '../../src/types.js';
import { call, makeCase } from './make-case.js';

// A stored run of a few thousand cases, every one of its bytes fixed (no clock, no randomness), compared
// with a committed baseline: three systems, two repeats, and every transition a report lists
// (regressed, fixed, errored, still failing, new, removed, edited rows, flaky cases), with decisions
// on a yes/no label so the decision and disagreement sections are written too. The reports written
// from it are compared byte for byte with those of the code before the writers streamed.

const LARGE_SUITE = 'large';
const LARGE_RUN_ID = '20250301-000000-larg';
const BASELINE_RUN_ID = '20250201-000000-base';
const AT = '2025-03-01T00:00:00.000Z';
const CHECKS: CheckSpec[] = [{ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }];
const SYSTEMS: Record<string, string> = { current: 'column:current_behavior', prompted: 'openai:gpt-4o-mini', candidate: 'anthropic:claude-sonnet-4-5' };
const REPEAT = 2;

function kase(i: number, edited: boolean): Case {
  const id = i < 0 ? `new-${-i}` : `case-${i}`;
  const input = `${i % 2 ? 'Write a long essay' : 'Quick question'} <b>${i}</b>${edited ? ' (edited)' : ''}`;
  return makeCase({
    id,
    row: Math.abs(i) + 2,
    file: `datasets/${LARGE_SUITE}.csv`,
    messages: [{ role: 'user', content: input }],
    contentHash: `hash-${id}${edited ? '-edited' : ''}`,
    columns: { id, input, should_trigger: i % 2 ? 'yes' : 'no', ideal_behavior: i % 5 ? '' : `Ideal | ${i}`, why: i % 7 ? '' : 'long writing belongs in canvas' },
    tags: i % 11 ? [] : ['multi'],
  });
}

/** What a system did with a case on a repeat: deterministic in (case, system, repeat, side). */
function statusOf(i: number, system: string, repeat: number, baseline: boolean): ResultStatus {
  const salt = system === 'current' ? 0 : system === 'prompted' ? 1 : 2;
  if (!baseline && system === 'candidate' && i % 89 === 4) return 'error';
  let pass = (i + salt) % 3 !== 0;
  if (!baseline && i % 53 === 5 + salt) pass = !pass;
  if (!baseline && system !== 'current' && repeat === 1 && i % 41 === 9) pass = !pass;
  return pass ? 'pass' : 'fail';
}

function record(c: Case, i: number, system: string, repeat: number, baseline: boolean): ResultRecord {
  const status = statusOf(i, system, repeat, baseline);
  const base = { caseId: c.id, system, repeat, caseHash: c.contentHash, startedAt: AT };
  if (status === 'error') return { ...base, status, error: { kind: 'timeout', message: `no answer within 30000ms <${i}>` }, checks: [] };
  const expected = c.columns.should_trigger === 'yes';
  const called = status === 'pass' ? expected : !expected;
  const text = `${called ? 'Opened canvas' : 'Answered inline'} for ${i} & <i>${system}</i>${repeat ? ' again' : ''}`;
  const reason =
    status === 'pass'
      ? `canvas ${called ? 'was' : 'was not'} called, as expected`
      : `expected canvas ${expected ? 'to be called' : 'not to be called'}; ${called ? 'it was called' : 'no tool was called'}`;
  return {
    ...base,
    status,
    output: { text, toolCalls: called ? [call('canvas', { title: `t${i}` })] : [], latencyMs: system === 'current' ? 0 : 100 + ((i * 7 + repeat) % 900) },
    checks: [{ spec: CHECKS[0], pass: status === 'pass', reason, decision: { expected, predicted: called } }],
    outputHash: `${status}-${i}-${repeat}`,
  };
}

/** The baseline's cases 0..n-1; the run drops every 101st, edits every 97th and adds n/100 new ones. */
function sides(n: number): { baseline: Array<[number, Case]>; current: Array<[number, Case]> } {
  const baseline: Array<[number, Case]> = [];
  const current: Array<[number, Case]> = [];
  for (let i = 0; i < n; i++) {
    baseline.push([i, kase(i, false)]);
    if (i % 101 !== 7) current.push([i, kase(i, i % 97 === 3)]);
  }
  for (let i = 1; i <= n / 100; i++) current.push([-i, kase(-i, false)]);
  return { baseline, current };
}

/** Last repeat first, then by system: not in dataset order, as results land when a run's answers come in. */
function records(list: Array<[number, Case]>, baseline: boolean): ResultRecord[] {
  const out: ResultRecord[] = [];
  for (let r = baseline ? 0 : REPEAT - 1; r >= 0; r--) for (const system of Object.keys(SYSTEMS)) for (const [i, c] of list) out.push(record(c, Math.abs(i), system, r, baseline));
  return out;
}

async function snapshot(runId: string, list: ResultRecord[]): Promise<Snapshot> {
  const systems = Object.fromEntries(Object.entries(SYSTEMS).map(([name, provider]) => [name, { provider }]));
  return buildSnapshot(
    { suite: LARGE_SUITE, runId, checks: CHECKS, systems },
    (async function* () {
      yield* list;
    })(),
  );
}

/** Write the run as `<root>/reports/large/<run-id>/` with a committed baseline.json; returns the run folder. */
export async function writeLargeRunFolder(root: string, n = 3000): Promise<string> {
  const runDir = path.join(root, 'reports', LARGE_SUITE, LARGE_RUN_ID);
  const { baseline, current } = sides(n);
  const results = records(current, false);
  const builder = new SummaryBuilder();
  results.forEach((r) => builder.add(r));
  const summary: RunSummary = {
    suite: LARGE_SUITE,
    runId: LARGE_RUN_ID,
    startedAt: AT,
    finishedAt: '2025-03-01T00:10:00.000Z',
    durationMs: 600_000,
    cases: current.length,
    repeat: REPEAT,
    checks: CHECKS,
    systems: Object.entries(SYSTEMS).map(([name, provider]) => builder.systemSummary(name, provider)),
    complete: true,
    planned: results.length,
  };
  const meta: RunMeta = {
    formatVersion: RUN_FORMAT_VERSION,
    suite: LARGE_SUITE,
    suiteFile: `suites/${LARGE_SUITE}.yaml`,
    runId: LARGE_RUN_ID,
    startedAt: AT,
    dataset: `datasets/${LARGE_SUITE}.csv`,
    repeat: REPEAT,
    concurrency: 4,
    filter: null,
    limit: null,
    shard: null,
    checks: CHECKS,
    systems: Object.entries(SYSTEMS).map(([name, provider]) => ({ name, provider, prompt: null, tools: null, params: {}, baseUrl: null })),
    skipped: [],
    gate: { max_regressions: 0 },
    compare: [],
    columns: ['id', 'input', 'should_trigger', 'ideal_behavior', 'why'],
  };
  mkdirSync(runDir, { recursive: true });
  writeRunMeta(runDir, meta);
  writeFileSync(path.join(runDir, 'summary.json'), JSON.stringify(summary, null, 2));
  writeFileSync(path.join(runDir, 'results.jsonl'), results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(runDir, 'cases.jsonl'), current.map(([, c]) => JSON.stringify(c)).join('\n') + '\n');
  writeBaseline(path.join(root, 'reports', LARGE_SUITE, 'baseline.json'), await snapshot(BASELINE_RUN_ID, records(baseline, true)));
  return runDir;
}
