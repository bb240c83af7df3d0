import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, evalsBin, runCli, runFolders } from '../helpers/cli.js';
import { useToyModelServer } from '../helpers/toy-server.js';

// Mistakes a user makes on the command line must cost nothing and never pass a gate on zero cases.

describe('usage guards', () => {
  const toy = useToyModelServer();

  it('a typo in --systems, --set (system or key), --reporter or --baseline, or a --filter that matches nothing, is exit 2 before any call', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    server.requests.length = 0;
    const typo = await runCli(['run', 'toy', '--systems', 'candiate'], { cwd: project, env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--systems: no suite has a system "candiate" (did you mean "candidate"?)');
    const set = await runCli(['run', 'toy', '--set', 'candidte.provider=openai:x'], { cwd: project, env });
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('no suite has a system "candidte" (did you mean "candidate"?)');
    const filter = await runCli(['run', 'toy', '--filter', 'no-such-words-anywhere', '--ci'], { cwd: project, env });
    expect(filter.code).toBe(2);
    expect(filter.stderr).toContain('nothing to run: no case matches --filter no-such-words-anywhere');
    const key = await runCli(['run', 'toy', '--set', 'candidate.provdier=openai:x'], { cwd: project, env });
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('unknown key "systems.candidate.provdier" (did you mean "provider"?)');
    const reporter = await runCli(['run', 'toy', '--reporter', 'mdd'], { cwd: project, env });
    expect(reporter.code).toBe(2);
    expect(reporter.stderr).toContain('unknown report format "mdd" (did you mean "md"?)');
    const baseline = await runCli(['run', 'toy', '--baseline', 'no-such-run'], { cwd: project, env });
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain('no-such-run: no such run');
    expect(server.requests).toHaveLength(0);
  });

  it('a suite whose gate.systems, compare sides or judge name nothing real is exit 2 before any call, with a did-you-mean', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const suite = path.join(project, 'suites', 'toy.yaml');
    const text = readFileSync(suite, 'utf8');
    writeFileSync(
      suite,
      text.replace('gate: { max_regressions: 0 }', 'gate: { max_regressions: 0, systems: [candidat] }') +
        'compare:\n  - { a: candidate, b: curent, judge: "opneai:gpt-4o" }\n  - { a: candidate, b: current, judge: gpt-4o }\n',
    );
    server.requests.length = 0;
    const result = await runCli(['run', 'toy'], { cwd: project, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('gate.systems: no system named "candidat" (did you mean "candidate"?)');
    expect(result.stderr).toContain('compare[0].b: no system named "curent" (did you mean "current"?)');
    expect(result.stderr).toContain('compare[0].judge: unknown provider "opneai:" in "opneai:gpt-4o" (did you mean "openai"?)');
    expect(result.stderr).toContain('compare[1].judge: "gpt-4o" is not "human" or a provider id like "openai:gpt-4o"');
    expect(result.stderr).toMatch(/suites\/toy\.yaml:\d+: gate\.systems/);
    const validate = await runCli(['validate', 'toy'], { cwd: project, env });
    expect(validate.code).toBe(2);
    expect(validate.stdout + validate.stderr).toContain('gate.systems: no system named "candidat"');
    expect(server.requests).toHaveLength(0);
  });

  it('under --ci a missing key is exit 3 before any call, even for the systems whose keys are set', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const suite = path.join(project, 'suites', 'toy.yaml');
    writeFileSync(suite, readFileSync(suite, 'utf8') + 'compare:\n  - { a: candidate, b: current, judge: "anthropic:claude-judge" }\n');
    server.requests.length = 0;
    const result = await runCli(['run', 'toy', '--ci'], { cwd: project, env });
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(result.stderr).toContain('toy: the judge of candidate vs current (anthropic:claude-judge): set ANTHROPIC_API_KEY to judge it; under --ci every judge must run');
    expect(server.requests).toHaveLength(0);
    // (A local base_url needs no key, as Ollama does not; the real endpoint does.)
    const noKey = await runCli(['run', 'toy', '--ci', '--systems', 'candidate'], { cwd: project, env: cleanEnv() });
    expect(noKey.code).toBe(3);
    expect(noKey.stderr).toContain('toy: system candidate (openai:fake-model): set OPENAI_API_KEY to run it');
    expect(server.requests).toHaveLength(0);
  });

  it('--update-baseline keeps the entries of systems that did not run', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    expect((await runCli(['run', 'toy', '--update-baseline'], { cwd: project, env })).code).toBe(0);
    const after = await runCli(['run', 'toy', '--systems', 'current', '--update-baseline'], { cwd: project, env });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('baseline: kept candidate from the previous baseline (it did not run)');
    const baseline = JSON.parse(readFileSync(path.join(project, 'reports', 'toy', 'baseline.json'), 'utf8'));
    expect(Object.keys(baseline.systems).sort()).toEqual(['candidate', 'current']);
    expect(baseline.cases.t01.results.candidate[0].status).toBe('pass');
  });

  it('evals merge refuses an incomplete set of shards', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    await runCli(['run', 'toy', '--shard', '1/3'], { cwd: project, env });
    await runCli(['run', 'toy', '--shard', '2/3'], { cwd: project, env });
    const [a, b] = runFolders(project, 'toy');
    const merged = await runCli(['merge', a, b], { cwd: path.join(project, 'reports'), env });
    // A missing shard is a run that could not be completed (its CI job failed), not bad usage.
    expect(merged.code).toBe(3);
    expect(merged.stderr).toContain('missing shard 3/3 of 3');
  });

  it('evals compare refuses runs of different suites', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env });
    writeFileSync(path.join(project, 'suites', 'other.yaml'), readFileSync(path.join(project, 'suites', 'toy.yaml'), 'utf8').replace('name: toy', 'name: other'));
    await runCli(['run', 'other', '--systems', 'current'], { cwd: project, env });
    const result = await runCli(['compare', 'toy', 'other'], { cwd: project, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('compare runs of one suite');
  });

  it('a js check whose module is missing is a suite error; one that throws makes the result an error, not a fail', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const suite = path.join(project, 'suites', 'toy.yaml');
    const original = readFileSync(suite, 'utf8');
    writeFileSync(suite, original.replace('checks:\n', 'checks:\n  - { type: js, module: checks/nope.js }\n'));
    const missing = await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/suites\/toy\.yaml:\d+: checks\[0\]: js: module not found: checks\/nope\.js/);
    writeFileSync(path.join(project, 'throws.mjs'), 'export default () => { throw new Error("boom"); };\n');
    writeFileSync(suite, original.replace('checks:\n', 'checks:\n  - { type: js, module: throws.mjs }\n'));
    const throwing = await runCli(['run', 'toy', '--systems', 'current'], { cwd: project, env });
    const results = readFileSync(path.join(runFolders(project, 'toy')[0], 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results.every((r) => r.status === 'error' && r.error.kind === 'check' && r.error.message.includes('boom'))).toBe(true);
    expect(throwing.stdout).toContain('10 errored');
  });

  it('a closed pipe (evals ... | head) ends quietly, without a stack trace', async () => {
    const { server, env } = toy;
    const project = copyFixtureProject('toy');
    const stderr = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [evalsBin, 'run', 'toy', '--systems', 'current', '--json'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', () => resolve(err));
    });
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
