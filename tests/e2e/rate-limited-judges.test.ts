import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeBrain, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { writeRunFixture } from '../helpers/run-fixture.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { prefersLonger } from '../judge/judge-brains.js';
import { answersAndJudges, comparedProject } from '../judge/compared-project.js';

// Issue 14, item 1, for the model callers that are not a run's systems: an LLM judge (`evals judge`)
// and a rubric grader (`evals run`) pace to the rate limit the provider states, and a grader on the
// same key and endpoint as a system shares that system's budget. The built CLI against a fake server
// that enforces a limit, through the real SDKs, in both header dialects. No timings are asserted,
// only what happened: each pair or case done once, none errored, few requests refused.

const API_KEYS = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' };
const DIALECTS = ['openai', 'anthropic'] as const;
type Dialect = (typeof DIALECTS)[number];

let server: FakeModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The SDK's base URL variable pointed at the fake server: the judge or grader names no base_url. */
function envFor(api: Dialect, fake: FakeModelServer): NodeJS.ProcessEnv {
  return cleanEnv({ ...API_KEYS, ...(api === 'openai' ? { OPENAI_BASE_URL: fake.openaiBaseUrl } : { ANTHROPIC_BASE_URL: fake.anthropicBaseUrl }) });
}

/** The run's folder: reports/<suite>/ also holds history.jsonl, so the folder is the one named by a run id. */
function runFolder(project: string, suite: string): string {
  const folder = path.join(project, 'reports', suite);
  return path.join(
    folder,
    readdirSync(folder).find((name) => /^\d{8}-/.test(name))!,
  );
}

function lines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

describe('evals judge under a rate limit', () => {
  // 40 pairs judged in both orders: 80 requests against 20 a second, 20 in flight at 50 ms each.
  const PAIRS = 40;
  const LIMIT = 20;

  for (const api of DIALECTS) {
    it(`judges every pair once, none errored, with few 429s (${api}'s headers)`, async () => {
      const judge: FakeBrain = (request) => ({ ...prefersLonger(request), delayMs: 50 });
      server = await startFakeModelServer(judge, { rateLimit: { requestsPerSecond: LIMIT } });
      const ids = Array.from({ length: PAIRS }, (_, i) => `c${i}`);
      const { root, runDir } = writeRunFixture({
        cases: ids.map((id) => ({ id })),
        outputs: { long: Object.fromEntries(ids.map((id) => [id, `${id} a longer answer`])), short: Object.fromEntries(ids.map((id) => [id, id])) },
        compare: [{ a: 'long', b: 'short', judge: `${api}:fake-judge` }],
      });
      const result = await runCli(['judge', runDir, '--concurrency', '20'], { cwd: root, env: envFor(api, server) });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const judgments = lines<{ caseId: string; winner?: string; error?: unknown }>(path.join(runDir, 'judgments.jsonl'));
      expect(judgments.map((j) => j.caseId).sort()).toEqual([...ids].sort());
      expect(judgments.filter((j) => j.error)).toEqual([]);
      expect(new Set(judgments.map((j) => j.winner))).toEqual(new Set(['a']));
      // Paced, the judge waits for the budget instead of sending into the limit: before judges paced,
      // 20 calls at once against 20 a second had 260 (OpenAI's headers) and 51 (Anthropic's, which
      // say whole seconds) refusals for these 80 requests; paced, 0 in every run seen.
      expect(server.requests.length).toBe(2 * PAIRS + server.rejected);
      expect(server.rejected).toBeLessThanOrEqual(8);
    });
  }
});

/** A project whose system and rubric grader both go to the fake server's endpoint with one key. */
function gradedProject(api: Dialect, cases: number): string {
  const dir = makeTempDir('graded');
  mkdirSync(path.join(dir, 'suites'));
  mkdirSync(path.join(dir, 'datasets'));
  const rows = Array.from({ length: cases }, (_, i) => `g${i},Comment on section ${i}`);
  writeFileSync(path.join(dir, 'datasets', 'graded.csv'), `id,input\n${rows.join('\n')}\n`);
  writeFileSync(
    path.join(dir, 'suites', 'graded.yaml'),
    `name: graded
dataset: datasets/graded.csv
systems:
  model: { provider: "${api}:fake-model" }
checks:
  - type: rubric
    grader: "${api}:fake-grader"
    rubric: "The comment says what to change."
`,
  );
  return dir;
}

/** The system answers; the grader (asked through the record_grade tool) passes it. */
const answersAndGrades: FakeBrain = (request) =>
  request.tools[0]?.name === 'record_grade'
    ? { toolCalls: [{ name: 'record_grade', arguments: { reasoning: 'It says what to change.', pass: true } }], usage: { input: 100, output: 20 }, delayMs: 50 }
    : { text: 'Cut the second sentence.', usage: { input: 20, output: 5 }, delayMs: 50 };

describe('evals run with a rubric grader on the same endpoint and key as its system, under a rate limit', () => {
  const CASES = 40;
  const LIMIT = 20;

  for (const api of DIALECTS) {
    it(`grades every case once, none errored, with few 429s (${api}'s headers)`, async () => {
      server = await startFakeModelServer(answersAndGrades, { rateLimit: { requestsPerSecond: LIMIT } });
      const project = gradedProject(api, CASES);
      const result = await runCli(['run', 'graded', '--no-cache', '--concurrency', '20'], { cwd: project, env: envFor(api, server) });
      expect(result.code).toBe(0);
      const runDir = runFolder(project, 'graded');
      const results = lines<{ caseId: string; status: string; checks: { error?: unknown }[] }>(path.join(runDir, 'results.jsonl'));
      expect(results.map((r) => r.caseId).sort()).toEqual(Array.from({ length: CASES }, (_, i) => `g${i}`).sort());
      expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
      // One system request and one grader request a case, and the refused ones.
      expect(server.requests.length).toBe(2 * CASES + server.rejected);
      // One budget for both: when only the system paced, the grader's requests (unseen by the
      // system's budget) had 166 (OpenAI's headers) and 41 (Anthropic's) refusals for these 80
      // requests; in one budget, 0 in every run seen alone or beside two busy loops, and once 9 in the
      // full CI on two cores (the fake server and the CLI starved together). A fifth of the 80 still
      // tells one budget from two.
      expect(server.rejected).toBeLessThanOrEqual(16);
    });
  }
});

describe('evals run judging its comparison after the run, on the same endpoint and key as its system, under a rate limit', () => {
  const CASES = 20;

  for (const api of DIALECTS) {
    it(`judges every pair once, none errored, with few 429s (${api}'s headers)`, async () => {
      server = await startFakeModelServer(answersAndJudges(50), { rateLimit: { requestsPerSecond: 20 } });
      const project = comparedProject(api, CASES);
      const result = await runCli(['run', 'compared', '--no-cache', '--concurrency', '20'], { cwd: project, env: envFor(api, server) });
      expect(result.code, result.stderr).toBe(0);
      const runDir = runFolder(project, 'compared');
      const judgments = lines<{ caseId: string; winner?: string; error?: unknown }>(path.join(runDir, 'judgments.jsonl'));
      expect(judgments.map((j) => j.caseId).sort()).toEqual(Array.from({ length: CASES }, (_, i) => `p${i}`).sort());
      expect(judgments.filter((j) => j.error)).toEqual([]);
      expect(new Set(judgments.map((j) => j.winner))).toEqual(new Set(['a']));
      // The system's 20 requests, then the judge's 40, in the one budget the run's answers taught the
      // limit. Before judges paced: 157 (OpenAI's headers) and 38 (Anthropic's) refused; now 0.
      expect(server.requests.length).toBe(3 * CASES + server.rejected);
      expect(server.rejected).toBeLessThanOrEqual(6);
    });
  }
});

// The same callers under a tokens-per-minute limit instead of requests per second: each request costs
// 1,050 tokens at the server, so the 20 requests of each test need 21,000 tokens against 20,000 a
// minute, and the last ones must wait about 3 s for the bucket to refill. Waiting on a rate limit is
// not a failure: every pair or case is done once and none errors.
const TOKEN_LIMIT = 20_000;
const COSTLY = { input: 1_000, output: 50 };

/**
 * The scenario binds: the last request came seconds after the first, when the bucket
 * had refilled (1,000 tokens take 3 s at 20,000 a minute). A lower bound the server's limit sets, not a
 * speed target: without it these tests could pass with a limit that never held anything back.
 */
function expectTheLimitHeldRequestsBack(answeredAt: number[]): void {
  // The brain answers before the limiter counts the answer's tokens: refused requests are here too.
  expect(answeredAt).toHaveLength(20 + server!.rejected);
  expect(answeredAt.at(-1)! - answeredAt[0]).toBeGreaterThan(2_000);
}

describe('evals judge and a rubric grader under a tokens-per-minute limit', () => {
  for (const api of DIALECTS) {
    it(`evals judge judges every pair once, none errored (${api}'s headers)`, async () => {
      const answeredAt: number[] = [];
      server = await startFakeModelServer(
        (request) => {
          answeredAt.push(performance.now());
          return { ...prefersLonger(request), usage: COSTLY };
        },
        { rateLimit: { tokensPerMinute: TOKEN_LIMIT } },
      );
      const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);
      const { root, runDir } = writeRunFixture({
        cases: ids.map((id) => ({ id })),
        outputs: { long: Object.fromEntries(ids.map((id) => [id, `${id} a longer answer`])), short: Object.fromEntries(ids.map((id) => [id, id])) },
        compare: [{ a: 'long', b: 'short', judge: `${api}:fake-judge` }],
      });
      const result = await runCli(['judge', runDir, '--concurrency', '20'], { cwd: root, env: envFor(api, server) });
      expect(result.code, result.stderr).toBe(0);
      const judgments = lines<{ caseId: string; winner?: string; error?: unknown }>(path.join(runDir, 'judgments.jsonl'));
      expect(judgments.map((j) => j.caseId).sort()).toEqual([...ids].sort());
      expect(judgments.filter((j) => j.error)).toEqual([]);
      expect(new Set(judgments.map((j) => j.winner))).toEqual(new Set(['a']));
      expect(server.requests.length).toBe(20 + server.rejected);
      expectTheLimitHeldRequestsBack(answeredAt);
    });

    it(`evals run grades every case once, none errored (${api}'s headers)`, async () => {
      const answeredAt: number[] = [];
      const costly: FakeBrain = (request) => {
        answeredAt.push(performance.now());
        return { ...answersAndGrades(request), usage: COSTLY, delayMs: 0 };
      };
      server = await startFakeModelServer(costly, { rateLimit: { tokensPerMinute: TOKEN_LIMIT } });
      const project = gradedProject(api, 10);
      const result = await runCli(['run', 'graded', '--no-cache', '--concurrency', '20'], { cwd: project, env: envFor(api, server) });
      expect(result.code, result.stderr).toBe(0);
      const runDir = runFolder(project, 'graded');
      const results = lines<{ caseId: string; status: string }>(path.join(runDir, 'results.jsonl'));
      expect(results.map((r) => r.caseId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `g${i}`).sort());
      expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
      expect(server.requests.length).toBe(20 + server.rejected);
      expectTheLimitHeldRequestsBack(answeredAt);
    });
  }
});
