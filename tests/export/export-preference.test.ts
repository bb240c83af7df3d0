import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer, type FakeRequest } from '../helpers/fake-model-server.js';
import { cleanEnv, repoRoot, runCli } from '../helpers/cli.js';
import { validateOpenAiPreferenceFile } from '../helpers/fine-tune-validator.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { gradesRubrics, responses, verdict } from '../judge/judge-brains.js';

// `evals export <run> --format openai-preference` on a run judged through the fake model server: the
// shipped pairwise example (canvas-comments, latest vs previous, 26 cases) with a judge that is planted
// to tie on two cases and to flip with the order on two others. Exactly the 22 decided pairs are
// written, the winner's output preferred; the ties and the order-inconsistent verdicts are counted.

const TIES = ['slide 2 of our seed deck', 'Review these release notes before I post them'];
const FLIPS = ['notes on my LinkedIn About section', 'maid of honor toast'];

function plantedJudge(request: FakeRequest) {
  const prompt = request.messages.map((m) => m.content).join('\n');
  if (TIES.some((text) => prompt.includes(text))) return verdict('tie', 'Equally useful.');
  if (FLIPS.some((text) => prompt.includes(text))) return verdict('A', 'The first one.'); // position bias: flips with the order
  const { a, b } = responses(request);
  return verdict(a.length >= b.length ? 'A' : 'B', 'The longer response is more specific.');
}

describe('evals export --format openai-preference', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer(gradesRubrics(plantedJudge));
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('writes the decided pairs of a judged run, leaves out and counts ties and order-inconsistent verdicts, and splits them', async () => {
    const project = makeTempDir('preference');
    for (const sub of ['suites', 'datasets', 'prompts', 'tools']) cpSync(path.join(repoRoot, sub), path.join(project, sub), { recursive: true });
    const run = await runCli(['run', 'canvas-comments', '--no-cache'], { cwd: project, env });
    expect([0, 1], run.stderr).toContain(run.code);

    const result = await runCli(['export', 'canvas-comments', '--format', 'openai-preference'], { cwd: project, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('canvas-comments → openai-preference: 22 pairs written, 0 refused');
    expect(result.stdout).toContain('left out: 2 ties, 2 order-inconsistent verdicts, 0 judge errors, 0 without both outputs');
    const text = readFileSync(path.join(project, 'exports', 'canvas-comments.openai-preference.jsonl'), 'utf8');
    expect(validateOpenAiPreferenceFile(text)).toEqual([]);
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(22);
    // The judge preferred the longer comments: every preferred output is the longer of the two.
    for (const line of lines) expect(line.preferred_output[0].content.length).toBeGreaterThan(line.non_preferred_output[0].content.length);
    const prompts = lines.map((line) => line.input.messages.at(-1).content as string);
    for (const planted of [...TIES, ...FLIPS]) expect(prompts.some((p) => p.includes(planted))).toBe(false);

    const split = await runCli(['export', 'canvas-comments', '--format', 'openai-preference', '--split', '0.75', '--out', 'split'], { cwd: project, env: cleanEnv() });
    expect(split.code, split.stderr).toBe(0);
    expect(split.stdout).toContain('split/canvas-comments.openai-preference.train.jsonl: 17 lines'); // round(22 × 0.75); no labels: one stratum
    expect(split.stdout).toContain('split/canvas-comments.openai-preference.validation.jsonl: 5 lines');
  });
});
