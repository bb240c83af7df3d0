import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureCli, runJson, type Measured } from './measure.js';
import { makeBenchProject } from './project.js';

// Memory flat with a committed baseline (issue 14): the normal CI set-up records
// reports/<suite>/baseline.json with --update-baseline and compares every later run with it. The
// `million` scenario measures a run through a model server; this one measures what a baseline adds,
// so the answers come from a dataset column (`column:` system, no HTTP) and a million cases take
// minutes a step instead of half an hour. Each step prints its peak RSS and time.

interface ScaleRow {
  scenario: string;
  measured: string;
  target: string;
  ok: boolean;
}

const LIMIT_MB = 250;

/** The bench project with its answers in a column: a third of them fail the check. */
function makeColumnProject(n: number): string {
  const project = makeBenchProject(1);
  writeFileSync(
    path.join(project, 'suites', 'bench.yaml'),
    ['name: bench', 'dataset: datasets/bench.csv', 'systems:', '  model: { provider: "column:answer" }', 'checks:', '  - { type: contains, value: "yes" }', ''].join('\n'),
  );
  const lines = ['id,input,answer'];
  for (let i = 0; i < n; i++) lines.push(`b${i},"question ${i}",${i % 3 ? 'yes' : 'no'}`);
  writeFileSync(path.join(project, 'datasets', 'bench.csv'), lines.join('\n') + '\n');
  return project;
}

function row(n: number, what: string, m: Measured, extra = ''): ScaleRow {
  return {
    scenario: `N=${n}, committed baseline: ${what}`,
    measured: `${m.peakRssMb.toFixed(0)} MB, ${(m.wallMs / 1000).toFixed(1)} s, exit ${m.code}${extra}`,
    target: `< ${LIMIT_MB} MB, exit 0`,
    ok: m.peakRssMb < LIMIT_MB && m.code === 0,
  };
}

/** `--update-baseline`, a run compared with the baseline it wrote, re-baselining, `evals compare` and `evals report`, at each size. */
export async function baselineRows(env: NodeJS.ProcessEnv, sizes: number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const n of sizes) {
    const project = makeColumnProject(n);
    const run = (extra: string[]) => measureCli(['run', 'bench', '--json', ...extra], project, env);
    const written = await run(['--update-baseline']);
    const size = statSync(path.join(project, 'reports', 'bench', 'baseline.json')).size;
    rows.push(row(n, 'evals run --update-baseline (none before)', written, `, baseline.json ${(size / 1e6).toFixed(1)} MB`));
    const compared = await run([]);
    rows.push(row(n, 'evals run compared with it', compared));
    rows.push(row(n, 'evals run --update-baseline (replacing it)', await run(['--update-baseline'])));
    const runDir = runJson(compared).runDir;
    rows.push(row(n, 'evals compare baseline <run>', await measureCli(['compare', 'baseline', runDir], project, env)));
    rows.push(row(n, 'evals report <run> --format terminal --gate', await measureCli(['report', runDir, '--format', 'terminal', '--gate'], project, env)));
  }
  return rows;
}
