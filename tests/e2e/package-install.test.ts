import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { repoRoot } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The package as a team gets it: `npm pack`, installed as a devDependency into an empty project, used
// through `npx evals` and through `import` by its name, exactly as the README's "Use it in your own
// repository" and "Use it from code" sections say.

const PACKAGE = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  // No real keys, no CI hints from the machine running the tests; npm's own settings (cache, registry) stay.
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) if (key.toLowerCase().startsWith('npm_config_')) base[key] = value;
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...base, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const evals = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) => run(NPX, ['--no-install', 'evals', ...args], cwd, env);

let work: string;
let project: string;
let tarball: string;
let server: FakeModelServer;

beforeAll(async () => {
  work = makeTempDir('evals-package');
  // `npm test` has just built dist/ (pretest), so packing needs no second build.
  const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot);
  expect(packed.code, packed.stderr).toBe(0);
  tarball = path.join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
  project = path.join(work, 'my-product');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-product', private: true, type: 'module' }, null, 2));
  const installed = await run(NPM, ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  expect(installed.code, installed.stderr).toBe(0);
  server = await startFakeModelServer();
}, 600_000);

afterAll(async () => {
  await server?.close();
});

describe(`the packed ${PACKAGE.name} package`, () => {
  it("ships the CLI, the compiled library with its types, the README's examples, the README and the licence, and nothing else", async () => {
    const listed = await run('tar', ['-tzf', tarball], work);
    const files = listed.stdout
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    const examples = /^(suites|datasets|prompts|tools)\/[^/]+$|^reports\/[^/]+\/baseline\.json$/;
    expect(files.filter((f) => !f.startsWith('dist/') && !examples.test(f)).sort()).toEqual(['LICENSE', 'README.md', 'bin/evals.cjs', 'package.json']);
    expect(files).toContain('suites/canvas-trigger.yaml');
    expect(files).toContain('reports/canvas-trigger/baseline.json');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.some((f) => /tests?\/|bench\/|\.test\./.test(f))).toBe(false);
  });

  it("works through npx evals in a project that installed it: init, validate, run with the README's exit codes", async () => {
    const init = await evals(['init', 'demo'], project);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('suites/demo.yaml');

    const validate = await evals(['validate', 'demo'], project);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);

    // No key: the recorded `current` system is scored, the model is skipped with the variable to set.
    const noKey = await evals(['run', 'demo'], project);
    expect(noKey.code, noKey.stderr).toBe(0);
    expect(noKey.stderr).toContain('skipped system prompted: set OPENAI_API_KEY');
    expect(noKey.stdout).toMatch(/current\s+│\s+column:current_behavior\s+│\s+4 │\s+2 │\s+0 │\s+66\.7%/);

    // Under --ci a skipped system cannot pass: exit 3.
    expect((await evals(['run', 'demo', '--ci'], project)).code).toBe(3);

    // With a key and an OpenAI-compatible endpoint the model runs; record the baseline, then gate on it.
    const model = { OPENAI_API_KEY: 'sk-test-not-real' };
    const endpoint = ['--set', `prompted.base_url=${server.openaiBaseUrl}`];
    const recorded = await evals(['run', 'demo', '--ci', '--update-baseline', ...endpoint], project, model);
    expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain('baseline updated: reports/demo/baseline.json');
    expect(server.requests.length).toBe(6);

    const gated = await evals(['run', 'demo', '--ci', ...endpoint], project, model);
    expect(gated.code, gated.stdout + gated.stderr).toBe(0);
    expect(gated.stdout).toContain('gate passed (prompted)');

    // The fake model passes 5 of 6: a threshold it does not meet fails the gate, exit 1, the numbers on one line.
    const failing = await evals(['run', 'demo', '--ci', '--min-pass-rate', '1', ...endpoint], project, model);
    expect(failing.code, failing.stdout + failing.stderr).toBe(1);
    expect(failing.stdout).toContain('gate failed: demo/prompted: pass rate 83.3% is below the minimum 100.0%');

    // A bad flag is bad usage: exit 2, a message, no stack trace.
    const bad = await evals(['run', 'demo', '--reporter', 'pdf'], project);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown report format "pdf"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);

  it("init --examples copies the README's example suites, so its commands work in the project", async () => {
    const examples = path.join(work, 'examples-project');
    mkdirSync(examples);
    const copied = await run(process.execPath, [path.join(project, 'node_modules', '.bin', 'evals'), 'init', '--examples'], examples);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stdout).toContain('reports/canvas-trigger/baseline.json');
    const ran = await run(process.execPath, [path.join(project, 'node_modules', '.bin', 'evals'), 'run', 'canvas-trigger'], examples);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/current\s+│\s+column:current_behavior\s+│\s+52 │\s+10 │/);
    expect(ran.stdout).toContain('compared with ');
    expect((await run(process.execPath, [path.join(project, 'node_modules', '.bin', 'evals'), 'init', '--examples'], examples)).code).toBe(2);
  }, 120_000);

  it('is imported by its name: evaluate() runs a suite and returns the verdict, results and reports', async () => {
    const script = `
      import { evaluate, readResults, EXIT, ConfigurationError } from '${PACKAGE.name}';
      const evaluation = await evaluate({ suites: ['demo'], reporters: ['md', 'junit'], env: {} });
      const [suite] = evaluation.suites;
      const results = [];
      for await (const r of readResults(suite.outcome.runDir)) results.push(r.status);
      let badInput = '';
      try { await evaluate({ suites: ['no-such-suite'] }); } catch (e) { badInput = e instanceof ConfigurationError ? e.message : 'other'; }
      console.log(JSON.stringify({ verdict: evaluation.verdict, exitCode: evaluation.exitCode, ok: EXIT.ok, systems: suite.outcome.summary.systems.map((s) => [s.system, s.pass, s.fail, s.skipped ?? null]), results: results.length, reports: Object.keys(suite.reports).sort(), gate: suite.assessment.gate.passed, badInput }));
    `;
    writeFileSync(path.join(project, 'use-it.mjs'), script);
    const used = await run(process.execPath, ['use-it.mjs'], project);
    expect(used.code, used.stderr).toBe(0);
    const out = JSON.parse(used.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ verdict: 'passed', exitCode: 0, ok: 0, results: 6, reports: ['junit', 'md'], gate: true });
    expect(out.systems).toEqual([
      ['current', 4, 2, null],
      ['prompted', 0, 0, 'set OPENAI_API_KEY to run it'],
    ]);
    expect(out.badInput).toContain('no-such-suite');
  }, 120_000);

  it('gives TypeScript users the types of what it exports', async () => {
    const source = `
      import { evaluate, registerReporter, type EvaluateOptions, type Evaluation, type EvaluatedSuite, type ReporterEntry, type ResultRecord, type RunSummary } from '${PACKAGE.name}';
      const options: EvaluateOptions = { suites: ['demo'], reporters: ['html'], ci: true };
      const evaluation: Evaluation = await evaluate(options);
      const first: EvaluatedSuite | undefined = evaluation.suites[0];
      const summary: RunSummary | undefined = first?.outcome.summary;
      const status: ResultRecord['status'] = 'pass';
      const code: 0 | 1 | 2 | 3 | 130 = evaluation.exitCode;
      // Reporters can be registered at runtime, so their names are checked when evaluate() starts, not by the compiler.
      const tsv: ReporterEntry = { name: 'tsv', file: 'results.tsv', render: (data) => data.runId };
      const register: (entry: ReporterEntry) => () => void = registerReporter;
      const added: EvaluateOptions = { reporters: ['tsv', 'md'] };
      export { summary, status, code, tsv, register, added };
    `;
    writeFileSync(path.join(project, 'use-it.ts'), source);
    // The README's "Use it from code" example is compiled as a user would paste it.
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const example = /## Use it from code[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain(`from '${PACKAGE.name}'`);
    writeFileSync(path.join(project, 'readme-example.ts'), `${example}\nexport {};\n`);
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const typeRoots = path.join(repoRoot, 'node_modules', '@types');
    const checked = await run(
      process.execPath,
      [
        tsc,
        '--outDir',
        'compiled',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--typeRoots',
        typeRoots,
        '--types',
        'node',
        'use-it.ts',
        'readme-example.ts',
      ],
      project,
    );
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);

    // …and it runs: the README's example, compiled, against the fake model (5 of 6 pass, the gate's minimum is 80%).
    expect((await evals(['init', 'reminders'], project)).code).toBe(0);
    const ran = await run(process.execPath, ['compiled/readme-example.js'], project, { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: server.openaiBaseUrl });
    expect(ran.code, ran.stderr).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['passed', '0']);
    expect(lines).toContain('prompted 5 1 0');
    expect(lines).toContain('current 4 2 0');
    expect(lines.some((line) => line.endsWith('report.html'))).toBe(true);
  }, 120_000);
});
