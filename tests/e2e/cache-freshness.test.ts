import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// New weights behind the same model name (Ollama, vLLM, a fine-tune endpoint): the cache must not hide
// them. The run says how many answers came from the cache; --no-cache asks the model and refreshes the
// cache, so the plain run after it sees the new answers too. At a base_url endpoint (the fake server is
// one) a run with cached answers asks the model once, to learn which model and fingerprint it serves now:
// that one request is the "probe" counted below; its answer is not used when the server has not changed.

describe('a model that changed behind the same name', () => {
  const toy = useToyModelServer();

  it('is shown as cached, found by --no-cache, and seen by the next plain run', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const recorded = await runCli(['run', 'toy', '--update-baseline'], { cwd: project, env });
    expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
    expect(recorded.stdout).not.toContain('from the cache');

    // The served model stops opening Canvas for three cases that need it.
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS.slice(3)));
    server.requests.length = 0;
    const cached = await runCli(['run', 'toy'], { cwd: project, env });
    expect(cached.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(cached.stdout).toContain(
      'candidate: 10 of 10 answers came from the cache, none from the model (--no-cache calls the model and refreshes it); 1 request to the model only checked which model the server serves now (counted in the tokens and cost)',
    );
    // That request's tokens are the only ones this run spent: counted, on the result that waited for it.
    const cachedRun = readdirSync(path.join(project, 'reports', 'toy'))
      .filter((name) => /^\d{8}-/.test(name))
      .sort()[1];
    const summary = JSON.parse(readFileSync(path.join(project, 'reports', 'toy', cachedRun, 'summary.json'), 'utf8')) as { systems: Array<{ system: string; probes?: number; inputTokens: number }> };
    const candidate = summary.systems.find((s) => s.system === 'candidate')!;
    expect(candidate.probes).toBe(1);
    const results = readFileSync(path.join(project, 'reports', 'toy', cachedRun, 'results.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { probe?: { inputTokens: number } });
    const probed = results.filter((r) => r.probe);
    expect(probed).toHaveLength(1);
    expect(probed[0].probe!.inputTokens).toBeGreaterThan(0);

    server.requests.length = 0;
    const fresh = await runCli(['run', 'toy', '--no-cache'], { cwd: project, env });
    expect(server.requests).toHaveLength(10);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('3 regressed');
    expect(fresh.stdout).not.toContain('from the cache');

    server.requests.length = 0;
    const after = await runCli(['run', 'toy'], { cwd: project, env });
    expect(server.requests).toHaveLength(1);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('3 regressed');
    expect(after.stdout).toContain('gate failed: toy/candidate: 3 regressions (max 0): t01, t03, t05');
  });
});

describe('repeats and the cache', () => {
  it("a case's repeats come all from the cache or all from the model: a changed model is not called flaky", async () => {
    const server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
    try {
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const project = copyFixtureProject('toy');
      expect((await runCli(['run', 'toy', '--update-baseline'], { cwd: project, env })).code).toBe(0);
      server.setBrain(canvasBrain(TOY_TRIGGER_IDS.slice(3)));
      server.requests.length = 0;
      // Repeat 0 of every case is in the cache, repeats 1 and 2 are not: every repeat is asked.
      const repeated = await runCli(['run', 'toy', '--repeat', '3'], { cwd: project, env });
      expect(server.requests).toHaveLength(30);
      expect(repeated.stdout).not.toContain('flaky');
      expect(repeated.stdout).not.toContain('from the cache');
      expect(repeated.stdout).toContain('3 regressed');
      // Now all three repeats are cached: all are served, none asked.
      server.requests.length = 0;
      const again = await runCli(['run', 'toy', '--repeat', '3'], { cwd: project, env });
      expect(server.requests).toHaveLength(1);
      expect(again.stdout).toContain('candidate: 30 of 30 answers came from the cache');
      expect(again.stdout).not.toContain('flaky');
    } finally {
      await server.close();
    }
  });
});

describe('new weights the server reports', () => {
  const toy = useToyModelServer();

  it('cached answers from another model or fingerprint are asked again, and the run says why', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    expect((await runCli(['run', 'toy', '--update-baseline'], { cwd: project, env })).code).toBe(0);
    const results = (dir: string) =>
      readFileSync(path.join(dir, 'results.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    const runs = () =>
      readdirSync(path.join(project, 'reports', 'toy'), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => path.join(project, 'reports', 'toy', d.name))
        .sort();
    // What the server said is kept with each answer.
    expect(results(runs()[0]).find((r) => r.system === 'candidate').output.servedBy).toEqual({ model: 'fake-model', fingerprint: 'fp_fake' });

    // A server restarted on new weights: the same model name, another fingerprint, three answers changed.
    const changed = canvasBrain(TOY_TRIGGER_IDS.slice(3));
    server.setBrain((request) => ({ ...(changed(request) as object), systemFingerprint: 'fp_new_weights' }));
    server.requests.length = 0;
    const run = await runCli(['run', 'toy'], { cwd: project, env });
    // The probe, then the nine other cases: no answer from the old weights is served.
    expect(server.requests).toHaveLength(10);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 regressed');
    expect(run.stdout).not.toContain('came from the cache');
    expect(run.stdout).toContain('candidate: 10 cached answers were not used: the server now reports another model or fingerprint than when they were cached, so the model was asked again');

    // The cache now holds the new weights' answers: the next run is served from it again.
    server.requests.length = 0;
    const next = await runCli(['run', 'toy'], { cwd: project, env });
    expect(server.requests).toHaveLength(1);
    expect(next.stdout).toContain('candidate: 10 of 10 answers came from the cache');
    expect(next.stdout).toContain('3 regressed');
  });

  it('when the probe gets no answer, cached answers are served and counted as unchecked', async () => {
    const server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
    try {
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
      const project = copyFixtureProject('toy');
      expect((await runCli(['run', 'toy'], { cwd: project, env })).code).toBe(0);
      server.setBrain(() => ({ status: 500, errorBody: { error: { message: 'model is loading' } } }));
      const run = await runCli(['run', 'toy', '--max-retries', '0'], { cwd: project, env });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain('candidate: 10 of 10 answers came from the cache');
      expect(run.stdout).toContain('candidate: 10 cached answers were served without checking which model the server serves now (no answer came back to compare); --no-cache to be sure');
    } finally {
      await server.close();
    }
  });
});

describe('how long and for which systems the cache serves answers', () => {
  const toy = useToyModelServer();

  it('answers older than --cache-max-age are asked again, and a system with cache: false is never served from it', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    expect((await runCli(['run', 'toy'], { cwd: project, env })).code).toBe(0);
    // Two days pass: each entry's age is the savedAt its pack line records (cache/pack-files.ts).
    const packs = path.join(project, '.evals-cache', 'packs');
    for (const name of readdirSync(packs)) {
      const file = path.join(packs, name);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(/"savedAt":(\d+)/g, (_, ms: string) => `"savedAt":${Number(ms) - 2 * 86_400_000}`),
      );
    }
    server.requests.length = 0;
    expect((await runCli(['run', 'toy'], { cwd: project, env })).stdout).toContain('10 of 10 answers came from the cache');
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    const aged = await runCli(['run', 'toy', '--cache-max-age', '1d'], { cwd: project, env });
    expect(server.requests).toHaveLength(10);
    expect(aged.stdout).not.toContain('from the cache');
    expect((await runCli(['run', 'toy', '--cache-max-age', 'soon'], { cwd: project, env })).code).toBe(2);

    const suite = path.join(project, 'suites', 'toy.yaml');
    writeFileSync(suite, readFileSync(suite, 'utf8').replace('temperature: 0 }', 'temperature: 0, cache: false }'));
    server.requests.length = 0;
    const optedOut = await runCli(['run', 'toy'], { cwd: project, env });
    expect(optedOut.code).toBe(0);
    expect(server.requests).toHaveLength(10);
    expect(optedOut.stdout).not.toContain('from the cache');
  });
});

describe('errors by cause', () => {
  it('a wrong key and a server failure each show their status and message, counted', async () => {
    const server = await startFakeModelServer(() => ({ status: 401, errorBody: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }));
    try {
      const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-wrong' });
      const project = copyFixtureProject('toy');
      // Two at a time: the first refusal stops the system, instead of ten requests refused alike.
      const wrongKey = await runCli(['run', 'toy', '--concurrency', '2', '--reporter', 'md'], { cwd: project, env });
      expect(wrongKey.code).toBe(3);
      expect(server.requests.length).toBeLessThanOrEqual(2);
      expect(wrongKey.stdout).toMatch(
        /candidate: 10 errored: HTTP 401 invalid_request_error: Incorrect API key provided \(not sent: refused earlier in this run\) \([89]\); HTTP 401 invalid_request_error: Incorrect API key provided \([12]\); errors are neither pass nor fail\./,
      );
      expect(wrongKey.stdout).toContain(
        "fix: the provider refused candidate's credentials (HTTP 401): check OPENAI_API_KEY (or the variable its api_key_env names) and what that key may access, then run again",
      );
      // report.md says the same, in Markdown's escapes.
      expect(readFileSync(path.join(project, 'reports', 'summary.md'), 'utf8')).toContain('- candidate: 10 errored: HTTP 401 invalid\\_request\\_error: Incorrect API key provided');

      server.setBrain(() => ({ status: 500, errorBody: { error: { message: 'upstream exploded', type: 'server_error' } } }));
      const down = await runCli(['run', 'toy', '--max-retries', '0', '--no-cache'], { cwd: project, env });
      expect(down.code).toBe(3);
      expect(down.stdout).toContain('candidate: 10 errored: HTTP 500 server_error: upstream exploded (10)');
    } finally {
      await server.close();
    }
  });
});
