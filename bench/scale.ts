import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeBrain, FakeModelServer } from '../tests/helpers/fake-model-server.js';
import { writeTemplatedProject } from '../tests/helpers/templated-sheet.js';
import { evalsBin, measureCli, runJson } from './measure.js';
import { makeBenchProject } from './project.js';
import { baselineRows } from './baseline-scale.js';

// Issue 14's scenarios (memory flat in the number of cases, near-duplicates at every size, start-up),
// kept apart from run.ts so they can be run and changed on their own. Nothing here asserts: each
// row prints the measurement beside its target.

interface ScaleRow {
  scenario: string;
  measured: string;
  target: string;
  ok: boolean;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A zero-latency brain that keeps no request log: a million recorded requests would weigh on the bench process itself. */
function forgetfulBrain(server: FakeModelServer, onRequest: () => void = () => {}): FakeBrain {
  return (request) => {
    onRequest();
    server.requests.length = 0;
    const last = request.messages[request.messages.length - 1]?.content ?? '';
    return /^(Write|Please write|Draft)/.test(last)
      ? { toolCalls: [{ name: 'canvas', arguments: { title: 'x' } }], usage: { input: 20, output: 5 } }
      : { text: 'Short answer.', usage: { input: 20, output: 3 } };
  };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; undefined elsewhere). */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Spawn → first request at the server for `evals run` on a 20-case suite, median of `times` runs.
 * The CPU time the CLI had used by then is printed beside it: on a shared, loaded machine wall time
 * moves by seconds, CPU time by a few ms.
 */
async function startupRows(server: FakeModelServer, env: NodeJS.ProcessEnv, times: number): Promise<ScaleRow[]> {
  const project = makeBenchProject(20);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    let firstRequestAt = 0;
    let pid: number | undefined;
    server.setBrain(
      forgetfulBrain(server, () => {
        if (firstRequestAt) return;
        firstRequestAt = performance.now();
        cpu.push(cpuMsOf(pid) ?? NaN);
      }),
    );
    const spawnedAt = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(evalsBin, ['run', 'bench', '--json', '--no-cache'], { cwd: project, env, stdio: 'ignore' });
      pid = child.pid;
      child.on('error', reject);
      child.on('close', () => resolve());
    });
    wall.push(firstRequestAt - spawnedAt);
  }
  const ms = median(wall);
  return [
    {
      scenario: `evals run: spawn to first request (median of ${times})`,
      measured: `${ms.toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (wall ${wall.map((s) => s.toFixed(0)).join(', ')}; CPU ${cpu.join(', ')})`,
      target: '< 150 ms',
      ok: ms < 150,
    },
  ];
}

const REFERENCE_CASES = 20_000;

/** `evals validate` and `evals run` on `n` zero-latency cases, peak RSS and time per case, with a near-duplicate pair planted. */
async function millionRows(server: FakeModelServer, env: NodeJS.ProcessEnv, n: number): Promise<ScaleRow[]> {
  const project = makeBenchProject(n);
  const dataset = path.join(project, 'datasets', 'bench.csv');
  const planted = 'Please write a 1000-word essay on why city parks matter for kids, families and older people in our town';
  appendFileSync(dataset, `planted-a,"${planted}",no\nplanted-b,"${planted.replace('kids', 'children')}",no\n`);
  const rows: ScaleRow[] = [];
  const validate = await measureCli(['validate', 'bench'], project, env);
  const found = /nearly the same input \(ids "planted-a" and "planted-b"/.test(validate.stdout);
  rows.push({
    scenario: `N=${n}: evals validate, peak RSS / time per case`,
    measured: `${validate.peakRssMb.toFixed(0)} MB / ${((validate.wallMs / n) * 1000).toFixed(1)} µs (${(validate.wallMs / 1000).toFixed(1)} s, exit ${validate.code})`,
    target: '< 250 MB',
    ok: validate.peakRssMb < 250,
  });
  rows.push({ scenario: `N=${n}: the planted near-duplicate pair`, measured: found ? 'found' : 'NOT found', target: 'found', ok: found });
  server.setBrain(forgetfulBrain(server));
  // The same suite at 20,000 cases, for the per-case time a million must not exceed.
  const small = await measureCli(['run', 'bench', '--json', '--no-cache', '--concurrency', '50'], makeBenchProject(REFERENCE_CASES), env);
  const perCaseSmall = small.wallMs / REFERENCE_CASES;
  const run = await measureCli(['run', 'bench', '--json', '--no-cache', '--concurrency', '50'], project, env);
  const perCase = run.wallMs / (n + 2);
  rows.push({
    scenario: `N=${n}, C=50, zero latency: evals run, peak RSS / time per case`,
    measured: `${run.peakRssMb.toFixed(0)} MB / ${perCase.toFixed(3)} ms (${(run.wallMs / 1000).toFixed(0)} s, ${runJson(run).systems[0].results} results, exit ${run.code}); N=${REFERENCE_CASES}: ${small.peakRssMb.toFixed(0)} MB / ${perCaseSmall.toFixed(3)} ms`,
    target: `< 250 MB, per case ≤ N=${REFERENCE_CASES}`,
    ok: run.peakRssMb < 250 && perCase <= perCaseSmall,
  });
  return rows;
}

/**
 * `evals validate` and `evals run` on `n` templated rows with a recorded column (tests/helpers/templated-sheet.ts):
 * rows sharing most words make most of them near-duplicate candidates, and the recorded outputs make
 * the file ~290 bytes a row. The planted copy must be the one near-duplicate reported.
 */
async function templatedRows(server: FakeModelServer, env: NodeJS.ProcessEnv, sizes: number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const n of sizes) {
    const project = mkdtempSync(path.join(os.tmpdir(), `evals-bench-templated-${n}-`));
    const sheet = writeTemplatedProject(project, n);
    const validate = await measureCli(['validate', 'templated'], project, env);
    const reported = validate.stdout.match(/nearly the same input/g)?.length ?? 0;
    const found = validate.stdout.includes(`nearly the same input (ids "${sheet.planted[0]}" and "${sheet.planted[1]}"`);
    rows.push({
      scenario: `templated N=${n}, recorded column: evals validate, peak RSS / time per case`,
      measured: `${validate.peakRssMb.toFixed(0)} MB / ${((validate.wallMs / n) * 1000).toFixed(1)} µs (${(validate.wallMs / 1000).toFixed(1)} s, exit ${validate.code}); planted pair ${found ? 'found' : 'NOT found'}, ${reported} near-duplicate${reported === 1 ? '' : 's'} reported`,
      target: '< 250 MB, planted pair the only one',
      ok: validate.peakRssMb < 250 && found && reported === 1,
    });
    server.setBrain(forgetfulBrain(server));
    const run = await measureCli(['run', 'templated', '--json', '--no-cache', '--concurrency', '50'], project, env);
    const systems = runJson(run).systems;
    rows.push({
      scenario: `templated N=${n}, C=50, zero latency, recorded + live system: evals run, peak RSS / time per case`,
      measured: `${run.peakRssMb.toFixed(0)} MB / ${(run.wallMs / sheet.rows).toFixed(3)} ms (${(run.wallMs / 1000).toFixed(0)} s, ${systems.map((s) => s.results).join(' + ')} results, exit ${run.code})`,
      target: '< 250 MB',
      ok: run.peakRssMb < 250,
    });
  }
  return rows;
}

/** Words drawn from a fixed 5,000-word vocabulary by a seeded generator: the same rows on every bench run. */
function randomWords(seed: number, count: number): string {
  let state = seed >>> 0;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    words.push(`w${state % 5000}`);
  }
  return words.join(' ');
}

/** `evals validate` on `n` rows of 400 words each, one pair of them near-duplicates. */
async function nearDuplicateRows(env: NodeJS.ProcessEnv, sizes: number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const n of sizes) {
    const project = makeBenchProject(1);
    const lines = ['id,input,should_trigger'];
    for (let i = 0; i < n; i++) lines.push(`r${i},${randomWords(i + 1, 400)},no`);
    const copied = randomWords(7, 400).split(' ');
    copied[0] = 'changed';
    lines.push(`copy,${copied.join(' ')},no`);
    writeFileSync(path.join(project, 'datasets', 'bench.csv'), lines.join('\n') + '\n');
    const m = await measureCli(['validate', 'bench'], project, env);
    const found = /nearly the same input \(ids "r6" and "copy"/.test(m.stdout);
    rows.push({
      scenario: `near-duplicates, ${n} rows of 400 words: evals validate`,
      measured: `${(m.wallMs / 1000).toFixed(1)} s, ${m.peakRssMb.toFixed(0)} MB, pair ${found ? 'found' : 'NOT found'}`,
      target: 'runs at every size, pair found',
      ok: found,
    });
  }
  return rows;
}

/** Every issue-14 row the `--only` filter wants: first-request, near-duplicates, million (100,000 with --quick), million-baseline (20,000 only with --quick), templated (20,000 with --quick). */
export async function issue14Rows(server: FakeModelServer, env: NodeJS.ProcessEnv, quick: boolean, want: (scenario: string) => boolean): Promise<ScaleRow[]> {
  return [
    ...(want('first-request') ? await startupRows(server, env, quick ? 3 : 10) : []),
    ...(want('near-duplicates') ? await nearDuplicateRows(env, quick ? [1_000] : [1_000, 2_000, 20_000]) : []),
    ...(want('million') ? await millionRows(server, env, quick ? 100_000 : 1_000_000) : []),
    ...(want('million-baseline') ? await baselineRows(env, quick ? [REFERENCE_CASES] : [REFERENCE_CASES, 1_000_000]) : []),
    ...(want('templated') ? await templatedRows(server, env, quick ? [20_000] : [200_000, 1_000_000]) : []),
  ];
}
