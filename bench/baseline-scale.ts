import { statSync } from 'node:fs';
import path from 'node:path';
import type { FakeModelServer } from '../tests/helpers/fake-model-server.js';
import { forgetfulBrain } from './forgetful-brain.js';
import { measureCli, runJson, type Measured } from './measure.js';
import { makeBenchProject } from './project.js';

// Memory flat with a committed baseline (issue 14): the normal CI set-up records reports/<suite>/baseline.json
// with --update-baseline and compares every later run with it. Each step is timed and its peak RSS printed.

interface ScaleRow {
  scenario: string;
  measured: string;
  target: string;
  ok: boolean;
}

const LIMIT_MB = 250;

function row(n: number, what: string, m: Measured, extra = ''): ScaleRow {
  return {
    scenario: `N=${n}, committed baseline: ${what}`,
    measured: `${m.peakRssMb.toFixed(0)} MB, ${(m.wallMs / 1000).toFixed(1)} s, exit ${m.code}${extra}`,
    target: `< ${LIMIT_MB} MB, exit 0`,
    ok: m.peakRssMb < LIMIT_MB && m.code === 0,
  };
}

/** `--update-baseline`, then runs compared with the baseline it wrote, `evals compare` and `evals report`, at each size. */
export async function baselineRows(server: FakeModelServer, env: NodeJS.ProcessEnv, sizes: number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  server.setBrain(forgetfulBrain(server));
  for (const n of sizes) {
    const project = makeBenchProject(n);
    const run = (extra: string[]) => measureCli(['run', 'bench', '--json', '--no-cache', '--concurrency', '50', ...extra], project, env);
    const baselineFile = path.join(project, 'reports', 'bench', 'baseline.json');
    const written = await run(['--update-baseline']);
    rows.push(row(n, 'evals run --update-baseline (none before)', written, `, baseline.json ${(statSync(baselineFile).size / 1e6).toFixed(1)} MB`));
    const compared = await run([]);
    rows.push(row(n, 'evals run compared with it', compared));
    const rebaselined = await run(['--update-baseline']);
    rows.push(row(n, 'evals run --update-baseline (replacing it)', rebaselined));
    const runDir = runJson(compared).runDir;
    rows.push(row(n, 'evals compare baseline <run>', await measureCli(['compare', 'baseline', runDir], project, env)));
    rows.push(row(n, 'evals report <run> --format terminal --gate', await measureCli(['report', runDir, '--format', 'terminal', '--gate'], project, env)));
  }
  return rows;
}
