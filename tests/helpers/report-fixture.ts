import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBaseline } from '../../src/regression/baseline-text.js';
import { diffSnapshots } from '../../src/regression/diff-runs.js';
import { evaluateGate } from '../../src/regression/gate.js';
import { gateRules } from '../../src/regression/assess-run.js';
import { promptedSystemWarnings } from '../../src/regression/prompted-system.js';
import { outputLength } from '../../src/judge/render-output.js';
import { summarizeJudgments } from '../../src/judge/summarize.js';
import { inReadingOrder } from '../../src/judge/judgment-order.js';
import type { JudgmentRecord, PositionVerdict, Strength, Winner } from '../../src/judge/types.js';
import { buildSnapshot, type Snapshot } from '../../src/regression/snapshot.js';
import type { ReportData } from '../../src/report/report-data.js';
import { casesInMemory, resultsInMemory } from '../../src/report/report-sources.js';
import { RUN_FORMAT_VERSION, writeRunMeta, type RunMeta } from '../../src/store/run-dir.js';
import { SummaryBuilder, type RunSummary } from '../../src/store/summary.js';
import type { Case, CheckSpec, ResultRecord, ResultStatus, ToolCall } from '../../src/types.js';
import { call, makeCase } from './make-case.js';

// A small canvas-trigger run compared with its baseline, where the model's outputs and the PM's
// cells are hostile: each payload sets window.__pwned (and alerts) if a report ever executes it.

export const PAYLOADS = {
  script: '<script>window.__pwned=1;alert(1)</script>',
  img: '<img src=x onerror="window.__pwned=1;alert(1)">',
  link: '[x](javascript:window.__pwned=1)',
  svg: '"><svg onload="window.__pwned=1;alert(1)">',
  formula: '=HYPERLINK("http://evil.example","click")',
} as const;

export const SUITE = 'canvas-trigger';
export const RUN_ID = '20250102-030405-abcd';
const BASELINE_RUN_ID = '20250101-000000-base';
const CHECKS: CheckSpec[] = [{ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }];
const SYSTEMS = { current: 'column:current_behavior', prompted: 'openai:gpt-4o-mini', candidate: 'anthropic:claude-sonnet-4-5' };
type System = keyof typeof SYSTEMS;

export const CASES: Case[] = [
  row('write-essay', 'Write a 2,000 word essay on tides', 'yes', 'Opens canvas with a document'),
  row('capital', "What's the capital of France?", 'no', `Answers inline ${PAYLOADS.svg}`),
  row('pipes', 'user: draft a | table\nassistant: sure\nuser: now as a doc\nwith rows', 'yes', ''),
  row('timeout', 'Write me a long cover letter', 'yes', 'Opens canvas'),
  row('svg', 'Code a snake game', 'yes', 'Opens canvas with code'),
  row('formula', '@SUM(A1) please', 'no', '-2 is the answer'),
];

function row(id: string, input: string, label: string, ideal: string): Case {
  const messages = input.startsWith('user:')
    ? input.split(/\n(?=user:|assistant:)/).map((turn) => {
        const [role, ...rest] = turn.split(':');
        return { role: role as 'user' | 'assistant', content: rest.join(':').trim() };
      })
    : [{ role: 'user' as const, content: input }];
  return makeCase({
    id,
    messages,
    contentHash: `hash-${id}`,
    columns: { id, input, should_trigger: label, ideal_behavior: ideal, why: 'long writing belongs in canvas', notes: `${PAYLOADS.script} note` },
  });
}

interface Spec {
  status: ResultStatus;
  text?: string;
  tools?: ToolCall[];
}

const pass = (text = 'Opened canvas.', tools: ToolCall[] = [call('canvas', { type: 'document' })]): Spec => ({ status: 'pass', text, tools });
const fail = (text: string, tools: ToolCall[] = []): Spec => ({ status: 'fail', text, tools });
const error: Spec = { status: 'error' };

/** caseId → system → one spec per repeat. */
type Plan = Record<string, Partial<Record<System, Spec[]>>>;

const CURRENT: Plan = {
  'write-essay': { current: [pass()], prompted: [pass()], candidate: [fail(PAYLOADS.script)] },
  capital: { current: [fail('Opened canvas')], prompted: [fail('canvas')], candidate: [pass(`${PAYLOADS.img}Paris`, [])] },
  pipes: { current: [pass()], prompted: [fail('no')], candidate: [fail(`a | b\nc | d ${PAYLOADS.link}`)] },
  timeout: { current: [pass()], prompted: [pass()], candidate: [error] },
  svg: { current: [pass()], prompted: [pass()], candidate: [pass(PAYLOADS.svg, [call('canvas', { type: 'code', title: PAYLOADS.svg })])] },
  formula: { current: [pass('', [])], prompted: [pass('sure', [])], candidate: [fail(PAYLOADS.formula, [call('canvas', { type: 'document' })])] },
};

const BASELINE: Plan = {
  'write-essay': { current: [pass()], prompted: [pass()], candidate: [pass()] },
  capital: { current: [fail('Opened canvas')], prompted: [fail('canvas')], candidate: [fail('canvas')] },
  pipes: { current: [pass()], prompted: [fail('no')], candidate: [fail('no')] },
  timeout: { current: [pass()], prompted: [pass()], candidate: [pass()] },
  svg: { current: [pass()], prompted: [pass()], candidate: [pass()] },
};

function record(kase: Case, system: System, repeat: number, spec: Spec): ResultRecord {
  const shouldTrigger = kase.columns.should_trigger === 'yes';
  const base = { caseId: kase.id, system, repeat, caseHash: kase.contentHash, startedAt: '2025-01-02T03:04:05.000Z' };
  if (spec.status === 'error') {
    return { ...base, status: 'error', error: { kind: 'timeout', message: 'no answer within 30000ms' }, checks: [] };
  }
  const called = (spec.tools ?? []).some((t) => t.name === 'canvas');
  const reason =
    spec.status === 'pass'
      ? `canvas ${called ? 'was' : 'was not'} called, as expected`
      : `expected canvas ${shouldTrigger ? 'to be called' : 'not to be called'}; ${called ? 'it was called' : 'no tool was called'}`;
  return {
    ...base,
    status: spec.status,
    output: { text: spec.text ?? '', toolCalls: spec.tools ?? [], latencyMs: system === 'current' ? 0 : 1200 + repeat * 100 },
    checks: [{ spec: CHECKS[0], pass: spec.status === 'pass', reason }],
    outputHash: `${spec.status}-${spec.text ?? ''}`.slice(0, 16),
  };
}

function records(plan: Plan, repeat: number): ResultRecord[] {
  const out: ResultRecord[] = [];
  for (const kase of CASES) {
    for (const [system, specs] of Object.entries(plan[kase.id] ?? {}) as Array<[System, Spec[]]>) {
      for (let r = 0; r < repeat; r++) out.push(record(kase, system, r, flip(specs[r] ?? specs[0], kase.id, system, r)));
    }
  }
  return out;
}

/** With repeats, the candidate's essay case passes on its second try: flaky. */
function flip(spec: Spec, caseId: string, system: System, repeat: number): Spec {
  return caseId === 'write-essay' && system === 'candidate' && repeat === 1 ? pass() : spec;
}

async function snapshot(runId: string, list: ResultRecord[]): Promise<Snapshot> {
  const systems = Object.fromEntries(Object.entries(SYSTEMS).map(([name, provider]) => [name, { provider }]));
  return buildSnapshot(
    { suite: SUITE, runId, checks: CHECKS, systems },
    (async function* () {
      yield* list;
    })(),
  );
}

// Judgments of the run, for the pairwise sections: an LLM judge compared candidate with prompted
// (one loss, one pair inconsistent across orders) and with current, and a person rated two cases.
// Reasoning and comments are hostile too.

export const JUDGE = 'llm:openai:gpt-4o';
/** The suite's `compare:` as run.json keeps it: reports list comparisons in this order. */
const COMPARE = [
  { a: 'candidate', b: 'prompted', judge: 'openai:gpt-4o' },
  { a: 'candidate', b: 'current', judge: 'openai:gpt-4o' },
  { a: 'candidate', b: 'prompted', judge: 'human' },
];
const AT = '2025-01-02T03:06:00.000Z';

/** An LLM judgment from its two raw verdicts: first with `a` shown as A, then swapped. */
function llm(caseId: string, a: System, b: System, verdicts: [PositionVerdict, PositionVerdict], reasons: [string, string], strength?: Strength): JudgmentRecord {
  const toWinner = (verdict: PositionVerdict, shownA: 'a' | 'b'): Winner => (verdict === 'tie' ? 'tie' : (verdict === 'A') === (shownA === 'a') ? 'a' : 'b');
  const orders = (['a', 'b'] as const).map((shownA, i) => ({ shownA, verdict: verdicts[i], winner: toWinner(verdicts[i], shownA), ...(strength ? { strength } : {}), reasoning: reasons[i] }));
  const consistent = orders[0].winner === orders[1].winner;
  const winner = consistent ? orders[0].winner : 'tie';
  const reasoning = orders.map((o) => `[${o.shownA === 'a' ? a : b} shown as A] ${o.reasoning}`).join('\n');
  return { caseId, repeat: 0, a, b, judge: JUDGE, winner, ...(strength && winner !== 'tie' ? { strength } : {}), consistent, reasoning, orders, at: AT };
}

function human(rater: string, caseId: string, winner: Winner, shownLeft: 'a' | 'b', comment?: string): JudgmentRecord {
  return { caseId, repeat: 0, a: 'candidate', b: 'prompted', judge: `human:${rater}`, winner, shownLeft, ...(comment ? { comment } : {}), at: AT };
}

export const JUDGMENTS: JudgmentRecord[] = [
  llm('write-essay', 'candidate', 'prompted', ['B', 'A'], [`B opens canvas; A only prints ${PAYLOADS.img}`, 'A opens canvas for the essay'], 'much better'),
  llm('capital', 'candidate', 'prompted', ['A', 'B'], ['A answers Paris inline', 'B answers inline']),
  llm('pipes', 'candidate', 'prompted', ['A', 'A'], ['A is clearer', `A is clearer ${PAYLOADS.script}`]),
  llm('svg', 'candidate', 'prompted', ['tie', 'tie'], ['both open canvas', 'both open canvas']),
  llm('formula', 'candidate', 'prompted', ['A', 'B'], ['A answers', 'B answers']),
  llm('write-essay', 'candidate', 'current', ['B', 'A'], ['B opens canvas', 'A opens canvas']),
  llm('capital', 'candidate', 'current', ['A', 'B'], ['A stays inline', 'B stays inline']),
  llm('formula', 'candidate', 'current', ['B', 'A'], ['B does not open canvas', 'A does not open canvas']),
  human('ana', 'write-essay', 'b', 'b', `prompted opened canvas ${PAYLOADS.script}`),
  human('ana', 'capital', 'a', 'a'),
];

export interface ReportFixture {
  data: ReportData;
  results: ResultRecord[];
  baseline: Snapshot;
}

/**
 * ReportData for the hostile canvas-trigger run (repeat 1 by default; 3 makes a flaky case; withBaseline
 * false: a first run; judgments: JUDGMENTS adds the pairwise summary).
 */
export async function reportFixture(
  options: { repeat?: number; runDir?: string; cases?: Case[]; withBaseline?: boolean; judgments?: JudgmentRecord[]; championNotes?: string[] } = {},
): Promise<ReportFixture> {
  const repeat = options.repeat ?? 1;
  const cases = options.cases ?? CASES;
  const list = records(CURRENT, repeat).filter((r) => cases.some((c) => c.id === r.caseId));
  const baseline = await snapshot(BASELINE_RUN_ID, records(BASELINE, 1));
  const comparison = diffSnapshots(options.withBaseline === false ? undefined : baseline, await snapshot(RUN_ID, list));
  const gate = evaluateGate(comparison, gateRules({ max_regressions: 0 }));
  const builder = new SummaryBuilder();
  list.forEach((r) => builder.add(r));
  const summary: RunSummary = {
    suite: SUITE,
    runId: RUN_ID,
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:05:05.000Z',
    durationMs: 60_000,
    cases: cases.length,
    repeat,
    checks: CHECKS,
    systems: [...Object.entries(SYSTEMS).map(([name, provider]) => builder.systemSummary(name, provider)), builder.systemSummary('gemini', 'google:gemini', 'set GOOGLE_API_KEY')],
    complete: true,
    planned: list.length,
  };
  const meta: RunMeta = {
    formatVersion: RUN_FORMAT_VERSION,
    suite: SUITE,
    suiteFile: `suites/${SUITE}.yaml`,
    runId: RUN_ID,
    startedAt: summary.startedAt,
    dataset: `datasets/${SUITE}.csv`,
    repeat,
    concurrency: 4,
    filter: null,
    limit: null,
    shard: null,
    checks: CHECKS,
    systems: Object.entries(SYSTEMS).map(([name, provider]) => ({ name, provider, prompt: null, tools: null, params: {}, baseUrl: null })),
    skipped: [{ system: 'gemini', provider: 'google:gemini', reason: 'set GOOGLE_API_KEY', variable: 'GOOGLE_API_KEY' }],
    gate: { max_regressions: 0 },
    compare: options.judgments ? COMPARE : [],
  };
  const results = resultsInMemory(list);
  const warnings = [...promptedSystemWarnings(comparison), `candidate: output mentions ${PAYLOADS.script}`];
  // Renderers never touch the run folder; tests that write reports pass a fresh one.
  const runDir = options.runDir ?? path.join(os.tmpdir(), 'evals-report-fixture-not-written');
  // As loadReportData reads them: in reading order (judge/judgment-order.ts).
  const judgments = inReadingOrder(options.judgments ?? [], meta.compare);
  const lengths = (system: string, caseId: string, repeat: number) => {
    const output = results.get(caseId, system).find((r) => r.repeat === repeat)?.output;
    return output ? outputLength(output) : undefined;
  };
  const pairwise = judgments.length ? summarizeJudgments(judgments, { lengths, seed: 1, compare: meta.compare }) : undefined;
  const data: ReportData = {
    suite: SUITE,
    runId: RUN_ID,
    runDir,
    meta,
    summary,
    assessment: { regression: comparison, gate, warnings },
    cases: casesInMemory(cases),
    results,
    pairwise,
    judgments,
    championNotes: options.championNotes ?? [],
  };
  return { data, results: list, baseline };
}

/** Write the fixture as a stored run (`<root>/reports/<suite>/<run-id>/`) with a committed baseline.json. */
export async function writeRunFolder(root: string): Promise<string> {
  const runDir = path.join(root, 'reports', SUITE, RUN_ID);
  const { data, results, baseline } = await reportFixture({ runDir });
  mkdirSync(runDir, { recursive: true });
  writeRunMeta(runDir, data.meta);
  writeFileSync(path.join(runDir, 'summary.json'), JSON.stringify(data.summary, null, 2));
  writeFileSync(path.join(runDir, 'results.jsonl'), results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(path.join(runDir, 'cases.jsonl'), [...data.cases].map((c) => JSON.stringify(c)).join('\n') + '\n');
  writeBaseline(path.join(root, 'reports', SUITE, 'baseline.json'), baseline);
  return runDir;
}
