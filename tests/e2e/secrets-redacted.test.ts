import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { verdict } from '../judge/judge-brains.js';

// The README promises that no written file contains a key. Secrets are planted everywhere a run
// can pick them up: a command that prints its environment to stderr before failing, an HTTP service
// whose error body echoes the header it was sent, a model whose answers and error bodies repeat its
// key, a judge whose reasoning quotes them, and a value that only `.env` holds. None is shaped like
// an `sk-` key, so only redaction by value can catch them. Every file under reports/ (the xlsx
// unzipped), the response cache and the terminal are then searched for each value.

const SECRETS = {
  MY_LOCAL_KEY: 'local-key-5b7c9d1e3f',
  SERVICE_TOKEN: 'svc-token-8a6b4c2d0e',
  OPENAI_API_KEY: 'openai-key-0f1e2d3c4b',
  DOTENV_SECRET: 'dotenv-secret-7h6g5f4e',
};
const ALL = Object.values(SECRETS).join(' ');

/** Every file below `dir`, xlsx workbooks as the text of each of their parts. */
async function filesBelow(dir: string): Promise<{ file: string; text: string }[]> {
  const found: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...(await filesBelow(file)));
    else if (name.endsWith('.xlsx')) {
      const zip = await JSZip.loadAsync(readFileSync(file));
      for (const part of Object.values(zip.files)) if (!part.dir) found.push({ file: `${file}!${part.name}`, text: await part.async('string') });
    } else found.push({ file, text: readFileSync(file, 'utf8') });
  }
  return found;
}

function leaks(texts: { file: string; text: string }[]): string[] {
  return texts.flatMap(({ file, text }) => Object.entries(SECRETS).flatMap(([name, value]) => (text.includes(value) ? [`${file}: ${name}`] : [])));
}

describe('secrets are redacted by value from every file and line a run writes', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(
      (request) => {
        if (request.model === 'judge-model') return verdict('A', `The first one, although it leaks ${ALL}.`);
        const question = request.messages.map((m) => m.content).join('\n');
        if (question.includes('capital of Peru')) return { status: 400, errorBody: { error: { message: `bad request with key ${SECRETS.MY_LOCAL_KEY}`, type: 'invalid_request_error' } } };
        return { text: `Sure. My environment: ${ALL}` };
      },
      {
        routes: [{ method: 'POST', path: '/bot', handle: (request) => ({ status: 500, body: { error: `refused ${String(request.headers.authorization)}` } }) }],
      },
    );
  });
  afterAll(() => server.close());

  it('a run with every reporter, its judge and the terminal never show a secret', async () => {
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, '.env'), `DOTENV_SECRET=${SECRETS.DOTENV_SECRET}\nSHORT=abc\n`);
    writeFileSync(path.join(project, 'print-env.cjs'), `for (const name of ${JSON.stringify([...Object.keys(SECRETS), 'SHORT'])}) console.error(name + '=' + process.env[name]);\nprocess.exit(1);\n`);
    writeFileSync(
      path.join(project, 'suites', 'secrets.yaml'),
      [
        'name: secrets',
        'dataset: datasets/toy.csv',
        'systems:',
        '  current: { provider: "column:current_behavior" }',
        // A key pasted where evals does not expect one (a request parameter) still never reaches run.json.
        `  candidate: { provider: "openai:fake-model", base_url: "${server.openaiBaseUrl}", api_key_env: MY_LOCAL_KEY, params: { user: "${SECRETS.MY_LOCAL_KEY}" } }`,
        `  service: { provider: "http:${server.url}/bot", headers: { authorization: "Token \${SERVICE_TOKEN}" } }`,
        '  command: { provider: "exec:node print-env.cjs" }',
        'checks:',
        '  - { type: contains, value: "canvas" }',
        'compare:',
        '  - { a: candidate, b: current, judge: "openai:judge-model" }',
        '',
      ].join('\n'),
    );
    const { DOTENV_SECRET: _fromDotEnvOnly, ...inEnvironment } = SECRETS;
    const env = cleanEnv({ ...inEnvironment, OPENAI_BASE_URL: server.openaiBaseUrl });
    const run = await runCli(['run', 'secrets', '--max-retries', '0', '--reporter', 'md,html,junit,csv,xlsx'], { cwd: project, env });
    expect([0, 1, 3], run.stderr).toContain(run.code);

    const written = await filesBelow(path.join(project, 'reports'));
    const names = written.map((w) => path.basename(w.file.split('!')[0]));
    for (const report of ['results.jsonl', 'judgments.jsonl', 'report.md', 'report.html', 'junit.xml', 'results.csv', 'results.xlsx', 'summary.md']) expect(names).toContain(report);
    const cache = await filesBelow(path.join(project, '.evals-cache'));
    const terminal = [
      { file: 'stdout', text: run.stdout },
      { file: 'stderr', text: run.stderr },
    ];
    expect(leaks([...written, ...cache, ...terminal])).toEqual([]);

    // Not vacuous: each secret reached the run and was replaced by the name of its variable.
    const results = readFileSync(written.find((w) => w.file.endsWith('results.jsonl'))!.file, 'utf8');
    for (const name of Object.keys(SECRETS)) expect(results).toContain(`[redacted ${name}]`);
    // A value under eight characters is not treated as a secret (it would cut common words out of answers).
    expect(results).toContain('SHORT=abc');
    const runJson = written.find((w) => w.file.endsWith('run.json'))!.text;
    expect(JSON.parse(runJson).systems.find((s: { name: string }) => s.name === 'candidate').params.extra.user).toBe('[redacted MY_LOCAL_KEY]');
    const judgments = written.find((w) => w.file.endsWith('judgments.jsonl'))!.text;
    expect(judgments).toContain('leaks [redacted MY_LOCAL_KEY] [redacted SERVICE_TOKEN] [redacted OPENAI_API_KEY] [redacted DOTENV_SECRET]');
    expect(run.stdout + run.stderr).toContain('bad request with key [redacted MY_LOCAL_KEY]');
  });

  it('evals judge on a stored run: an exec: judge that prints its environment shows no key of the suite', async () => {
    const project = copyFixtureProject('toy');
    writeFileSync(path.join(project, 'print-env.cjs'), `for (const name of ${JSON.stringify(Object.keys(SECRETS))}) console.error(name + '=' + process.env[name]);\nprocess.exit(1);\n`);
    writeFileSync(path.join(project, '.env'), `DOTENV_SECRET=${SECRETS.DOTENV_SECRET}\n`);
    writeFileSync(
      path.join(project, 'suites', 'secrets.yaml'),
      [
        'name: secrets',
        'dataset: datasets/toy.csv',
        'systems:',
        '  current: { provider: "column:current_behavior" }',
        '  again: { provider: "column:current_behavior" }',
        `  candidate: { provider: "openai:fake-model", base_url: "${server.openaiBaseUrl}", api_key_env: MY_LOCAL_KEY }`,
        'compare:',
        '  - { a: current, b: again, judge: "exec:node print-env.cjs" }',
        '',
      ].join('\n'),
    );
    // SERVICE_TOKEN is left out: this suite names no header that reads it, so evals cannot know it is secret.
    const { DOTENV_SECRET: _fromDotEnvOnly, SERVICE_TOKEN: _notNamed, ...inEnvironment } = SECRETS;
    const env = cleanEnv(inEnvironment);
    const run = await runCli(['run', 'secrets', '--systems', 'current,again', '--max-retries', '0', '--limit', '2'], { cwd: project, env });
    const runDir = path.join(
      project,
      'reports',
      'secrets',
      readdirSync(path.join(project, 'reports', 'secrets')).find((n) => /^\d{8}-/.test(n))!,
    );
    // Judged again from scratch by `evals judge`, which knows the suite's keys only from the suite file.
    rmSync(path.join(runDir, 'judgments.jsonl'));
    const judge = await runCli(['judge', runDir], { cwd: project, env });
    const judgments = readFileSync(path.join(runDir, 'judgments.jsonl'), 'utf8');
    expect(judgments).toContain('MY_LOCAL_KEY=[redacted MY_LOCAL_KEY]');
    const texts = [
      ...(await filesBelow(path.join(project, 'reports'))),
      ...[run, judge].flatMap((r, i) => [
        { file: `stdout ${i}`, text: r.stdout },
        { file: `stderr ${i}`, text: r.stderr },
      ]),
    ];
    expect(leaks(texts)).toEqual([]);
  });
});
