import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { judgeCommand } from '../../src/cli/commands/judge.js';
import type { CliIO } from '../../src/cli/io.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { writeRunFixture } from '../helpers/run-fixture.js';
import { prefersLonger } from './judge-brains.js';

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer(prefersLonger);
});
afterAll(() => server.close());

function fakeIO(cwd: string, env: NodeJS.ProcessEnv): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), interactive: false, colour: false, cwd, env };
}

/** Three systems of growing verbosity, each pair compared by the same judge. */
function threeSystems() {
  const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
  const say = (words: number) => Object.fromEntries(ids.map((id) => [id, `${id} ${'word '.repeat(words)}`.trim()]));
  return writeRunFixture({
    cases: ids.map((id) => ({ id })),
    outputs: { terse: say(1), plain: say(5), wordy: say(20) },
    compare: [
      { a: 'wordy', b: 'plain', judge: 'openai:gpt-4o' },
      { a: 'plain', b: 'terse', judge: 'openai:gpt-4o' },
      { a: 'wordy', b: 'terse', judge: 'openai:gpt-4o' },
    ],
  });
}

describe('evals judge', () => {
  it('prints win rates with intervals, consistency and lengths, and ratings for three systems', async () => {
    const { root, runDir } = threeSystems();
    const io = fakeIO(root, { OPENAI_BASE_URL: server.openaiBaseUrl });
    expect(await judgeCommand(runDir, { concurrency: 4 }, io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/wordy vs plain\s*│\s*llm:openai:gpt-4o\s*│\s*8\s*│\s*8\/0\/0\s*│\s*100\.0%\s*│\s*67\.6%–100\.0%\s*│\s*100\.0%/);
    expect(text).toContain('Ratings (Bradley–Terry, llm:openai:gpt-4o)');
    expect(text).toMatch(/1\s*│\s*wordy[\s\S]*2\s*│\s*plain[\s\S]*3\s*│\s*terse/);
  });

  it('says which variable to set when the judge has no key, and still exits 0', async () => {
    const { root, runDir } = threeSystems();
    const io = fakeIO(root, {});
    expect(await judgeCommand(runDir, {}, io)).toBe(0);
    expect(io.stderr[0]).toBe('skipped wordy vs plain (judge openai:gpt-4o): set OPENAI_API_KEY to judge it');
    expect(io.stdout[0]).toBe('No judgments yet.');
  });

  it('exits 3 when the judge fails on most pairs', async () => {
    server.setBrain(() => ({ status: 400 }));
    try {
      const { root, runDir } = threeSystems();
      const io = fakeIO(root, { OPENAI_BASE_URL: server.openaiBaseUrl });
      expect(await judgeCommand(runDir, {}, io)).toBe(3);
      expect(io.stdout.join('\n')).toContain('wordy vs plain: the judge errored on 8 of 8 pairs; errors are neither wins nor ties');
    } finally {
      server.setBrain(prefersLonger);
    }
  });

  it('--rater is checked like a name typed in the page: exit 2 before the page is served', async () => {
    const { root, runDir } = threeSystems();
    const io = fakeIO(root, {});
    await expect(judgeCommand(runDir, { human: true, rater: 'x'.repeat(61) }, io)).rejects.toThrow(
      `--rater "${'x'.repeat(61)}": this name is 61 characters long; a rater name is 1 to 60 characters: letters, digits, spaces and . _ - ' @ +`,
    );
  });
});

describe('evals judge under a rate limit', () => {
  it('says on its progress line when the judge paces to the limit its provider states', async () => {
    const limited = await startFakeModelServer(prefersLonger, { rateLimit: { requestsPerSecond: 20 } });
    const drawn: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      drawn.push(String(chunk));
      return true;
    });
    try {
      // 3 comparisons of 8 pairs, both orders: 48 requests against 20 a second.
      const { root, runDir } = threeSystems();
      const io = { ...fakeIO(root, { OPENAI_BASE_URL: limited.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' }), interactive: true };
      expect(await judgeCommand(runDir, { concurrency: 10 }, io)).toBe(0);
    } finally {
      write.mockRestore();
      await limited.close();
    }
    expect(drawn.some((line) => /judging \d+\/24  rate limit: 20\/s/.test(line))).toBe(true);
    // The last draw ends the line, whatever it says of the limit.
    expect(drawn.at(-1)).toMatch(/^\r\u001b\[2Kjudging 24\/24.*\n$/);
  });
});
