import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closed-port.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';

// `.env` holds keys under any name, so its values are redacted; but it also holds where to connect
// and which model to use, and redacting those hid the very URL a failing run could not reach. The
// CLI is run as a user runs it, with a `.env` in the project, and every file and line it writes is read.

const KEY = 'openai-key-0f1e2d3c4b';

function textBelow(dir: string): string {
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .map((file) => (statSync(file).isDirectory() ? textBelow(file) : readFileSync(file, 'utf8')))
    .join('\n');
}

function onlyRunDir(project: string): string {
  const runs = readdirSync(path.join(project, 'reports', 'toy')).filter((n) => /^\d{8}-/.test(n));
  expect(runs).toHaveLength(1);
  return path.join(project, 'reports', 'toy', runs[0]);
}

describe('.env: settings are shown, secrets are not', () => {
  it('a base URL nothing answers at is named in the error on screen and in results.jsonl; the key never is', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, '.env'), `OPENAI_BASE_URL=${baseUrl}\nOPENAI_API_KEY=${KEY}\n`);
    const run = await runCli(['run', 'toy', '--systems', 'candidate', '--max-retries', '0', '--limit', '2'], { cwd: project, env: cleanEnv() });
    expect(run.code, run.stderr).toBe(3);

    const terminal = run.stdout + run.stderr;
    expect(terminal).toContain(`could not reach ${baseUrl}: Connection error.`);
    const results = readFileSync(path.join(onlyRunDir(project), 'results.jsonl'), 'utf8');
    for (const line of results.trim().split('\n')) expect(JSON.parse(line).error.message).toContain(`openai: could not reach ${baseUrl}: Connection error.`);

    const everything = terminal + textBelow(path.join(project, 'reports'));
    expect(everything).not.toContain('[redacted OPENAI_BASE_URL]');
    expect(everything).not.toContain(KEY);
  });

  it('a batch run names the base URL it could not reach too; the key never is', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, '.env'), `OPENAI_BASE_URL=${baseUrl}\nOPENAI_API_KEY=${KEY}\n`);
    const run = await runCli(['run', 'toy', '--systems', 'candidate', '--batch', '--max-retries', '0', '--limit', '2'], { cwd: project, env: cleanEnv() });
    expect(run.code, run.stderr).toBe(3);
    const terminal = run.stdout + run.stderr;
    expect(terminal).toContain(`openai batch: could not reach ${baseUrl}: Connection error.`);
    expect(terminal + textBelow(path.join(project, 'reports'))).not.toContain(KEY);
  });

  it('a base URL with a password stays secret; the error and run.json name the server without it', async () => {
    const port = await closedPort();
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, '.env'), `OPENAI_BASE_URL=http://proxyuser:hunter22pass@127.0.0.1:${port}/v1\nOPENAI_API_KEY=${KEY}\n`);
    const run = await runCli(['run', 'toy', '--systems', 'candidate', '--max-retries', '0', '--limit', '2'], { cwd: project, env: cleanEnv() });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout + run.stderr).toContain(`could not reach http://127.0.0.1:${port}/v1: Connection error.`);
    const meta = JSON.parse(readFileSync(path.join(onlyRunDir(project), 'run.json'), 'utf8'));
    expect(meta.systems[0].baseUrl).toBe(`http://127.0.0.1:${port}/v1`);
    const everything = run.stdout + run.stderr + textBelow(path.join(project, 'reports'));
    expect(everything).not.toMatch(/hunter22pass|proxyuser/);
  });

  describe('what a model repeats back', () => {
    const SECRETS = { MY_SERVICE_URL: 'https://user:hunter22pass@host/x', WEIRD_NAME: 'some-long-secret-value', OPENAI_API_KEY: KEY };
    const MODEL = 'gpt-4o-mini-2024-07-18';
    let server: FakeModelServer;
    beforeAll(async () => {
      server = await startFakeModelServer(() => ({ text: `My settings: ${server.openaiBaseUrl} ${MODEL}. My secrets: ${Object.values(SECRETS).join(' ')}` }));
    });
    afterAll(() => server.close());

    it('keeps .env entries that are not settings, or carry a credential, redacted, and shows the settings', async () => {
      const project = copyFixtureProject('toy');
      const dotenv = { OPENAI_BASE_URL: server.openaiBaseUrl, EVALS_MODEL: MODEL, ...SECRETS };
      writeFileSync(
        path.join(project, '.env'),
        Object.entries(dotenv)
          .map(([name, value]) => `${name}=${value}\n`)
          .join(''),
      );
      const run = await runCli(['run', 'toy', '--systems', 'candidate', '--limit', '2', '--reporter', 'md,html,junit,csv'], { cwd: project, env: cleanEnv() });
      expect(run.code, run.stderr).toBe(0);

      const results = readFileSync(path.join(onlyRunDir(project), 'results.jsonl'), 'utf8');
      expect(results).toContain(`My settings: ${server.openaiBaseUrl} ${MODEL}. My secrets: [redacted MY_SERVICE_URL] [redacted WEIRD_NAME] [redacted OPENAI_API_KEY]`);
      const everything = run.stdout + run.stderr + textBelow(path.join(project, 'reports')) + textBelow(path.join(project, '.evals-cache'));
      for (const [name, value] of Object.entries(SECRETS)) expect(everything, name).not.toContain(value);
      expect(everything).not.toContain('hunter22pass');
    });
  });
});
