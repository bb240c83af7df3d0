import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalsCommand } from '../../src/invoked-as.js';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';

// A hint is a command to type next; it must be typed the way the user started evals. npm tells its
// children how: these are the variables `npx evals` (npm 7 and later) and `npm run evals --` set.

const NPX = { npm_command: 'exec', npm_lifecycle_event: 'npx', npm_lifecycle_script: 'evals', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };
const NPM_RUN = { npm_command: 'run', npm_lifecycle_event: 'evals', npm_lifecycle_script: 'evals', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' };

/** The toy project with a suite that needs no model: two recorded systems, judged by people. */
function humanJudgedProject(): string {
  const project = copyFixtureProject('toy');
  writeFileSync(
    path.join(project, 'suites', 'by-hand.yaml'),
    [
      'name: by-hand',
      'dataset: datasets/toy.csv',
      'systems:',
      '  current: { provider: "column:current_behavior" }',
      '  again: { provider: "column:current_behavior" }',
      'compare:',
      '  - { a: again, b: current, judge: human }',
      '',
    ].join('\n'),
  );
  return project;
}

function onlyRunId(project: string, suite: string): string {
  const runs = readdirSync(path.join(project, 'reports', suite)).filter((name) => /^\d{8}-/.test(name)); // run folders, not baseline.json or history.jsonl
  expect(runs).toHaveLength(1);
  return runs[0];
}

describe('hints name the command the user typed', () => {
  it('under npx: `npx evals judge <run> --human` after a run, `npx evals run --resume <run>` for an unfinished one', async () => {
    const project = humanJudgedProject();
    const run = await runCli(['run', 'by-hand'], { cwd: project, env: cleanEnv(NPX) });
    expect(run.code, run.stderr).toBe(0);
    const runId = onlyRunId(project, 'by-hand');
    expect(run.stdout).toContain(`again vs current: judged by people: run \`npx evals judge ${runId} --human\``);

    // A run folder whose summary was never written: the run did not finish.
    rmSync(path.join(project, 'reports', 'by-hand', runId, 'summary.json'));
    const report = await runCli(['report', runId], { cwd: project, env: cleanEnv(NPX) });
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(`resume it with npx evals run --resume ${runId}`);
  });

  it('under `npm run evals -- …` (the script is `evals` alone): `npm run evals -- judge …`', async () => {
    const project = humanJudgedProject();
    const run = await runCli(['run', 'by-hand'], { cwd: project, env: cleanEnv(NPM_RUN) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`run \`npm run evals -- judge ${onlyRunId(project, 'by-hand')} --human\``);
  });

  it('typed as `evals` (no npm around it): `evals judge …`', async () => {
    const project = humanJudgedProject();
    const run = await runCli(['run', 'by-hand'], { cwd: project, env: cleanEnv() });
    expect(run.stdout).toContain(`run \`evals judge ${onlyRunId(project, 'by-hand')} --human\``);
  });
});

describe('evalsCommand', () => {
  it('reads npm’s variables', () => {
    expect(evalsCommand({})).toBe('evals');
    expect(evalsCommand(NPX)).toBe('npx evals');
    expect(evalsCommand(NPM_RUN)).toBe('npm run evals --');
    // npm before 10 called it run-script; the script's own name is what the user typed.
    expect(evalsCommand({ ...NPM_RUN, npm_command: 'run-script', npm_lifecycle_event: 'eval' })).toBe('npm run eval --');
    // A script with arguments of its own cannot take more appended: from a shell, npx is what works.
    expect(evalsCommand({ ...NPM_RUN, npm_lifecycle_script: 'evals run --all --ci' })).toBe('npx evals');
    expect(evalsCommand({ npm_command: 'test', npm_lifecycle_event: 'test', npm_lifecycle_script: 'vitest run' })).toBe('npx evals');
  });
});
