import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeBrain, type FakeModelServer } from '../helpers/fake-model-server.js';
import { interrupt, runFolders as foldersOf, tamper } from '../helpers/run-folder-edits.js';

// A run folder is data: anyone can edit its run.json. Edited to point a judge or a rubric grader at a
// server of the editor's choosing, or shipping a suite file whose systems have such a base_url,
// `evals judge` and `evals run --resume` must refuse (exit 2) before sending that server anything:
// not the cases, not the outputs, not the key.
// The editor's server counts every request it receives, whatever its path.

const SUITE = [
  'name: trust',
  'dataset: datasets/toy.csv',
  'systems:',
  '  current: { provider: "column:current_behavior" }',
  '  model: { provider: "openai:fake-model" }',
  'checks:',
  '  - { type: contains, value: "canvas" }',
  'compare:',
  '  - { a: model, b: current, judge: "openai:fake-judge" }',
  '',
].join('\n');

/** The model server the suite uses (through OPENAI_BASE_URL): answers, and verdicts when asked for one. */
const brain: FakeBrain = (request) =>
  request.tools.some((t) => t.name === 'record_verdict')
    ? { toolCalls: [{ name: 'record_verdict', arguments: { reasoning: 'Alike.', winner: 'tie' } }] }
    : { text: `About: ${request.messages.at(-1)?.content ?? ''}` };

/** An `http:` service that counts every request and answers each with a tie verdict. */
interface CountingService {
  url: string;
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

async function startCountingService(): Promise<CountingService> {
  const requests: CountingService['requests'] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    requests.push({ path: request.url ?? '', authorization: request.headers.authorization });
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ tool_calls: [{ name: 'record_verdict', arguments: { reasoning: 'Alike.', winner: 'tie' } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function project(suite = SUITE): string {
  const dir = copyFixtureProject('toy');
  writeFileSync(path.join(dir, 'suites', 'trust.yaml'), suite);
  return dir;
}

const runFolders = (dir: string) => foldersOf(dir, 'trust');

describe('a run folder names no endpoint the suite file does not', () => {
  let models: FakeModelServer;
  let elsewhere: CountingService;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    models = await startFakeModelServer(brain);
    elsewhere = await startCountingService();
    // The suite names no base_url: its systems' endpoint comes from OPENAI_BASE_URL, as run.json records it.
    env = cleanEnv({ OPENAI_BASE_URL: models.openaiBaseUrl, OPENAI_API_KEY: 'sk-test-trust-endpoints-key' });
  });
  afterAll(async () => {
    await models.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    elsewhere.requests.length = 0;
  });

  /** A finished run of the suite, and its folder. */
  async function finishedRun(dir: string): Promise<string> {
    const run = await runCli(['run', 'trust', '--no-cache'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    return runFolders(dir)[0];
  }

  /** `evals judge` and `evals run --resume` both go through (exit 0) and ask the suite's model server. */
  async function judgesAndResumes(dir: string, runDir: string): Promise<void> {
    const before = models.requests.length;
    const judged = await runCli(['judge', runDir], { cwd: dir, env });
    expect(judged.code, judged.stderr).toBe(0);
    const resumed = await runCli(['run', '--resume', path.basename(runDir)], { cwd: dir, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(models.requests.length).toBeGreaterThan(before);
  }

  const refusal = (dir: string, runDir: string, what: string) => `${path.relative(dir, runDir)}: refused: its run.json names ${what} that the suite file suites/trust.yaml does not name:`;

  it('evals judge refuses an http: judge only run.json names, sends it nothing, and calls it with --trust-run', async () => {
    const dir = project();
    const runDir = await finishedRun(dir);
    // A key in the URL's query is left out of the message, as run.json leaves it out of base URLs.
    const judge = `http:${elsewhere.url}/judge?token=sk-planted-url-secret`;
    tamper(runDir, (meta) => (meta.compare = [{ a: 'model', b: 'current', judge }]));

    const refused = await runCli(['judge', runDir], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(refusal(dir, runDir, 'an endpoint'));
    expect(refused.stderr).toContain(`"http:${elsewhere.url}/judge" (an http: judge)`);
    expect(refused.stderr).not.toContain('sk-planted-url-secret');
    expect(refused.stderr).toContain('--trust-run');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(elsewhere.requests).toHaveLength(0);

    const trusted = await runCli(['judge', runDir, '--trust-run'], { cwd: dir, env });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
  });

  it('a system base URL run.json changed is never called: judge and --resume build their systems from the suite file', async () => {
    // run.json's base URLs are a record, not a setting; refusing them would refuse every CI artifact
    // judged where OPENAI_BASE_URL differs from the CI's.
    const dir = project();
    const runDir = await finishedRun(dir);
    interrupt(runDir);
    tamper(runDir, (meta) => {
      for (const system of meta.systems as Array<Record<string, unknown>>) if (system.name === 'model') system.baseUrl = `${elsewhere.url}/v1`;
    });
    await judgesAndResumes(dir, runDir);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('evals run --resume refuses an http: judge and an http: rubric grader only run.json names, and grades with --trust-run', async () => {
    const dir = project();
    const runDir = await finishedRun(dir);
    interrupt(runDir);
    const id = path.basename(runDir);

    tamper(runDir, (meta) => (meta.compare = [{ a: 'model', b: 'current', judge: `http:${elsewhere.url}/judge` }]));
    const judge = await runCli(['run', '--resume', id], { cwd: dir, env });
    expect(judge.code).toBe(2);
    expect(judge.stderr).toContain(`"http:${elsewhere.url}/judge" (an http: judge)`);

    tamper(runDir, (meta) => {
      meta.compare = [{ a: 'model', b: 'current', judge: 'openai:fake-judge' }];
      meta.checks = [...(meta.checks as unknown[]), { type: 'rubric', grader: `http:${elsewhere.url}/grade`, rubric: 'Is the answer polite?' }];
    });
    const grader = await runCli(['run', '--resume', id], { cwd: dir, env });
    expect(grader.code).toBe(2);
    expect(grader.stderr).toContain(refusal(dir, runDir, 'an endpoint'));
    expect(grader.stderr).toContain(`"http:${elsewhere.url}/grade" (an http: rubric grader)`);
    expect(elsewhere.requests).toHaveLength(0);

    const trusted = await runCli(['run', '--resume', id, '--trust-run'], { cwd: dir, env });
    expect(trusted.stderr).not.toContain('refused');
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    expect(elsewhere.requests.every((r) => r.path === '/grade')).toBe(true);
  });

  it('evals run --resume refuses a suite file shipped inside the run folder that names an endpoint, even when run.json names none', async () => {
    const dir = project();
    const runDir = await finishedRun(dir);
    interrupt(runDir);
    // The resumed systems are built from the suite file run.json names: here one that travels with the folder.
    const shipped = path.join(runDir, 'suite.yaml');
    const ownPaths = SUITE.replace('datasets/toy.csv', path.join(dir, 'datasets', 'toy.csv'));
    writeFileSync(shipped, ownPaths.replace('provider: "openai:fake-model"', `provider: "openai:fake-model", base_url: "${elsewhere.url}/v1"`));
    tamper(runDir, (meta) => {
      meta.suiteFile = path.relative(dir, shipped);
      for (const system of meta.systems as Array<Record<string, unknown>>) system.baseUrl = null;
    });
    const refused = await runCli(['run', '--resume', path.basename(runDir)], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the suite file it names (${path.relative(dir, shipped)}) is not a file of this working tree outside reports/`);
    expect(refused.stderr).toContain(`"${elsewhere.url}/v1" (the base_url of system "model", openai:fake-model), in ${path.relative(dir, shipped)}`);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('an unedited run judges and resumes as usual', async () => {
    const dir = project();
    const runDir = await finishedRun(dir);
    interrupt(runDir);
    await judgesAndResumes(dir, runDir);
  });

  it('an http: judge the suite file names too is called without --trust-run', async () => {
    const dir = project(SUITE.replace('judge: "openai:fake-judge"', `judge: "http:${elsewhere.url}/judge"`));
    const runDir = await finishedRun(dir);
    const after = elsewhere.requests.length;
    expect(after).toBeGreaterThan(0);
    const judged = await runCli(['judge', runDir], { cwd: dir, env });
    expect(judged.code, judged.stderr).toBe(0);
    expect(judged.stderr).not.toContain('refused');
  });
});
