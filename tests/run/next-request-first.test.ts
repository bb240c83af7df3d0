import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { registerProvider } from '../../src/providers/registry.js';
import { readResults } from '../../src/store/read-run.js';
import type { ResultRecord } from '../../src/types.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// When an answer comes, the request that takes its slot leaves before the answer is written to the
// response cache or scored: in a latency-bound run each answer's next request is on the critical path,
// the bookkeeping is not. Results stay safe: the cache line is written before the result is recorded.

const CONCURRENCY = 4;
const CASES = 12;

/** Cache lines on disk right now (all pack files of the project's cache). */
function cacheLines(project: string): number {
  const packs = path.join(project, '.evals-cache', 'packs');
  if (!existsSync(packs)) return 0;
  return readdirSync(packs).reduce((sum, name) => sum + readFileSync(path.join(packs, name), 'utf8').split('\n').filter(Boolean).length, 0);
}

let project = '';
/** For each request after the first wave: how many answers were in the cache when it was sent. */
const cachedWhenSent: number[] = [];
let release: () => void = () => {};

// Answers the first wave all at once (when the last of it has been asked), the later ones at once.
const batchProvider = {
  prefix: 'batch',
  describe: { cacheable: true, batchable: false, recorded: false },
  load: async () => () => {
    let asked = 0;
    let firstWave = new Promise<void>((resolve) => (release = resolve));
    return {
      id: 'batch:model',
      missingCredential: () => undefined,
      async call(request: { messages: Array<{ role: string; content: string }> }) {
        asked += 1;
        if (asked > CONCURRENCY) cachedWhenSent.push(cacheLines(project));
        if (asked === CONCURRENCY) release();
        if (asked <= CONCURRENCY) await firstWave;
        else firstWave = Promise.resolve();
        return { text: `echo ${request.messages.at(-1)?.content ?? ''}`, toolCalls: [], latencyMs: 1 };
      },
    };
  },
};

describe('an answer makes way for the next request', () => {
  let unregister: () => void = () => {};
  beforeAll(async () => {
    unregister = registerProvider(batchProvider as Parameters<typeof registerProvider>[0]);
    project = makeTempDir('next-request-first');
    await mkdir(path.join(project, 'suites'));
    await mkdir(path.join(project, 'datasets'));
    await writeFile(
      path.join(project, 'suites', 'batch.yaml'),
      ['name: batch', 'dataset: datasets/batch.csv', 'systems:', '  model: { provider: "batch:model" }', 'checks:', '  - { type: contains, value: echo }', ''].join('\n'),
    );
    await writeFile(path.join(project, 'datasets', 'batch.csv'), ['id,input', ...Array.from({ length: CASES }, (_, i) => `c${i},question ${i}`), ''].join('\n'));
  });
  afterAll(() => unregister());

  it('the first wave answered together: every next request leaves before any of those answers is cached; all are cached and recorded', async () => {
    const evaluation = await evaluate({ cwd: project, suites: ['batch'], env: {}, concurrency: CONCURRENCY, cache: false });
    expect(evaluation.problems).toEqual([]);
    // The four requests that took the first wave's slots found no answer of it in the cache yet.
    expect(cachedWhenSent.slice(0, CONCURRENCY)).toEqual([0, 0, 0, 0]);
    expect(cachedWhenSent).toHaveLength(CASES - CONCURRENCY);

    const results: ResultRecord[] = [];
    for await (const result of readResults(evaluation.suites[0].outcome.runDir)) results.push(result);
    expect(results.map((r) => r.caseId).sort()).toEqual(Array.from({ length: CASES }, (_, i) => `c${i}`).sort());
    expect(results.every((r) => r.status === 'pass')).toBe(true);
    expect(cacheLines(project)).toBe(CASES);
  });
});
