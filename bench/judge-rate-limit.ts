import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeModelServer, type FakeBrain } from '../tests/helpers/fake-model-server.js';
import { measureCli, runJson } from './measure.js';

// `evals judge` with an LLM judge against a server that allows 100 requests a second (issue 14, item 1
// for judges): every pair judged once, none errored, few requests refused, in about the time the
// limit allows (two requests a pair: both orders). Nothing here asserts.

interface JudgeRow {
  scenario: string;
  measured: string;
  target: string;
  ok: boolean;
}

const RATE = 100;
const LATENCY_MS = 100;

/** A project whose two systems are recorded columns (no model calls to run them) and one LLM-judged comparison. */
function judgedProject(pairs: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `evals-bench-judge-${pairs}-`));
  for (const sub of ['suites', 'datasets']) mkdirSync(path.join(dir, sub));
  writeFileSync(
    path.join(dir, 'suites', 'judged.yaml'),
    [
      'name: judged',
      'dataset: datasets/judged.csv',
      'systems:',
      '  long: { provider: "column:long_answer" }',
      '  short: { provider: "column:short_answer" }',
      'checks:',
      '  - { type: not-contains, value: "zzz" }',
      'compare:',
      '  - { a: long, b: short, judge: "openai:bench-judge" }',
      '',
    ].join('\n'),
  );
  const lines = ['id,input,long_answer,short_answer'];
  for (let i = 0; i < pairs; i++) lines.push(`j${i},Question ${i},A longer answer to question ${i},Answer ${i}`);
  writeFileSync(path.join(dir, 'datasets', 'judged.csv'), lines.join('\n') + '\n');
  return dir;
}

/** The longer response wins, after `LATENCY_MS`. */
const prefersLonger: FakeBrain = (request) => {
  const prompt = request.messages.map((m) => m.content).join('\n');
  const a = /<response_a>\n([\s\S]*?)\n<\/response_a>/.exec(prompt)?.[1] ?? '';
  const b = /<response_b>\n([\s\S]*?)\n<\/response_b>/.exec(prompt)?.[1] ?? '';
  const winner = a.length > b.length ? 'A' : 'B';
  return { toolCalls: [{ name: 'record_verdict', arguments: { reasoning: 'Longer.', winner } }], usage: { input: 200, output: 20 }, delayMs: LATENCY_MS };
};

export async function judgeRateLimitRows(env: NodeJS.ProcessEnv, quick: boolean): Promise<JudgeRow[]> {
  const pairs = quick ? 250 : 1_000;
  const project = judgedProject(pairs);
  // The run itself calls no model: without a key (or a local server, which needs none) the judge is
  // skipped with a note, so `evals judge` does all the judging.
  const { OPENAI_API_KEY: _key, OPENAI_BASE_URL: _url, ...withoutKey } = env;
  const ran = runJson(await measureCli(['run', 'judged', '--json', '--no-cache'], project, withoutKey));
  const limited = await startFakeModelServer(prefersLonger, { rateLimit: { requestsPerSecond: RATE } });
  const m = await measureCli(['judge', ran.runDir, '--concurrency', '50'], project, { ...env, OPENAI_BASE_URL: limited.openaiBaseUrl });
  await limited.close();
  const judgments = readFileSync(path.join(ran.runDir, 'judgments.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { caseId: string; error?: unknown });
  const once = new Set(judgments.map((j) => j.caseId)).size === pairs && judgments.length === pairs;
  const errored = judgments.filter((j) => j.error).length;
  const requests = 2 * pairs;
  const allowedMs = (requests / RATE) * 1_000;
  const rejectedShare = limited.rejected / requests;
  return [
    {
      scenario: `evals judge, ${pairs} pairs (${requests} requests), C=50, ${LATENCY_MS} ms latency, server limit ${RATE} requests/s`,
      measured: `exit ${m.code}, ${(m.wallMs / 1000).toFixed(1)} s (${(m.wallMs / allowedMs).toFixed(3)}× the ${(allowedMs / 1000).toFixed(0)} s allowed); ${judgments.length} judged${once ? ' once each' : ' (NOT once each)'}, ${errored} errored, ${limited.rejected} rejected (${(rejectedShare * 100).toFixed(1)}% of requests)`,
      target: '≤ 1.1× allowed, none errored, rejected ≤ 2%',
      ok: m.code === 0 && once && errored === 0 && m.wallMs <= allowedMs * 1.1 && rejectedShare <= 0.02,
    },
  ];
}
