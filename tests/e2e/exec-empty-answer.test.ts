import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';

// An exec: system whose command exits 0 but prints nothing (its reply went to stderr or a log) is a
// broken adapter, not a model that said nothing: each case errors with the command's stderr, and
// nothing is scored as a failure of the behaviour.

describe('evals run with an exec: system that prints nothing', () => {
  it('errors each case with what the command wrote on stderr, and scores none', async () => {
    const project = copyFixtureProject('toy');
    const script = path.join(project, 'silent-bot.mjs');
    writeFileSync(script, "process.stdin.resume(); process.stdin.on('end', () => console.error('reply written to bot.log instead of stdout'));\n");
    const suite = path.join(project, 'suites', 'toy.yaml');
    const yaml = readFileSync(suite, 'utf8').replace(/ {2}candidate: \{[^\n]*\}/, `  candidate: { provider: ${JSON.stringify(`exec:node ${script}`)} }`);
    expect(yaml).toContain('silent-bot.mjs');
    writeFileSync(suite, yaml);

    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache'], { cwd: project });
    // Every result errored: the run could not be completed (exit 3), as for any system that never answers.
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout + result.stderr).toContain('10 errored cases');
    expect(result.stdout + result.stderr).toContain('exited 0 but answered nothing');

    const runs = readdirSync(path.join(project, 'reports', 'toy')).filter((name) => /^\d{8}-/.test(name));
    const results = readFileSync(path.join(project, 'reports', 'toy', runs[0], 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { status: string; retries?: number; error?: { message: string } });
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('error'));
    for (const r of results) expect(r.error?.message).toContain('answered nothing; its stderr ends: reply written to bot.log instead of stdout');
    // Not retried: the same command prints nothing again.
    expect(results.every((r) => !r.retries)).toBe(true);
  });
});
