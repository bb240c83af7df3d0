import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { interrupt, runFolders as foldersOf, tamper } from '../helpers/run-folder-edits.js';

// A run folder is data: it travels as a CI artifact and anyone can edit its run.json. Every command
// that reads run.json is run on a tampered one that names commands the suite file does not (an
// exec: judge, a js check, a suite file shipped inside the folder). Each command would leave a marker
// file; none may run unless --trust-run says the folder is the user's own.

const SUITE = [
  'name: trust',
  'dataset: datasets/toy.csv',
  'systems:',
  '  current: { provider: "column:current_behavior" }',
  '  again: { provider: "column:current_behavior" }',
  'checks:',
  '  - { type: contains, value: "canvas" }',
  'compare:',
  '  - { a: current, b: again, judge: human }',
  '',
].join('\n');

function project(): string {
  const dir = copyFixtureProject('toy');
  writeFileSync(path.join(dir, 'suites', 'trust.yaml'), SUITE);
  // Each leaves a marker when it runs: the exec: judge as a command, the js check when imported.
  writeFileSync(
    path.join(dir, 'judge.cjs'),
    "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'RAN-judge'), 'x');\n" +
      "console.log(JSON.stringify({ tool_calls: [{ name: 'record_verdict', arguments: { reasoning: 'same', winner: 'tie' } }] }));\n",
  );
  writeFileSync(path.join(dir, 'check.mjs'), "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./RAN-check', import.meta.url), 'x');\nexport default () => true;\n");
  return dir;
}

const runFolders = (dir: string) => foldersOf(dir, 'trust');

const withJudge = (meta: Record<string, unknown>) => (meta.compare = [{ a: 'current', b: 'again', judge: 'exec:node judge.cjs' }]);
const withCheck = (meta: Record<string, unknown>) => (meta.checks = [...(meta.checks as unknown[]), { type: 'js', module: 'check.mjs' }]);

describe('a run folder names no command the suite file does not', () => {
  const env = cleanEnv();

  it('evals judge refuses an exec: judge that only run.json names (exit 2), and runs it with --trust-run', async () => {
    const dir = project();
    expect((await runCli(['run', 'trust'], { cwd: dir, env })).code).toBe(0);
    const [runDir] = runFolders(dir);
    tamper(runDir, withJudge);
    const refused = await runCli(['judge', runDir], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${path.relative(dir, runDir)}: refused: its run.json names a command that the suite file suites/trust.yaml does not name:`);
    expect(refused.stderr).toContain('"exec:node judge.cjs" (an exec: judge)');
    expect(refused.stderr).toContain('--trust-run');
    expect(existsSync(path.join(dir, 'RAN-judge'))).toBe(false);

    const trusted = await runCli(['judge', runDir, '--trust-run'], { cwd: dir, env });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'RAN-judge'))).toBe(true);
  });

  it('evals judge runs an exec: judge that the suite file names too', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'suites', 'trust.yaml'), SUITE.replace('judge: human', 'judge: "exec:node judge.cjs"'));
    expect((await runCli(['run', 'trust'], { cwd: dir, env })).code).toBe(0);
    expect(existsSync(path.join(dir, 'RAN-judge'))).toBe(true);
    const [runDir] = runFolders(dir);
    const again = await runCli(['judge', runDir], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
  });

  it('evals run --resume refuses a js check that only run.json names, and a suite file shipped inside the run folder', async () => {
    const dir = project();
    expect((await runCli(['run', 'trust'], { cwd: dir, env })).code).toBe(0);
    const [runDir] = runFolders(dir);
    interrupt(runDir);
    tamper(runDir, withCheck);
    const id = path.basename(runDir);
    const refused = await runCli(['run', '--resume', id], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refused: its run.json names a command that the suite file suites/trust.yaml does not name:');
    expect(refused.stderr).toContain(`"check.mjs" (a js check's module)`);
    expect(existsSync(path.join(dir, 'RAN-check'))).toBe(false);

    // A suite file that travels with the folder vouches for nothing.
    const shipped = path.join(runDir, 'suite.yaml');
    writeFileSync(shipped, SUITE.replace('checks:\n', 'checks:\n  - { type: js, module: check.mjs }\n'));
    tamper(runDir, (meta) => (meta.suiteFile = path.relative(dir, shipped)));
    const shippedSuite = await runCli(['run', '--resume', id], { cwd: dir, env });
    expect(shippedSuite.code).toBe(2);
    expect(shippedSuite.stderr).toContain(`the suite file it names (${path.relative(dir, shipped)}) is not a file of this working tree outside reports/`);
    expect(existsSync(path.join(dir, 'RAN-check'))).toBe(false);

    tamper(runDir, (meta) => (meta.suiteFile = 'suites/trust.yaml'));
    const trusted = await runCli(['run', '--resume', id, '--trust-run'], { cwd: dir, env });
    expect(trusted.stderr).not.toContain('refused');
    expect(existsSync(path.join(dir, 'RAN-check'))).toBe(true);
  });

  it('evals run --resume refuses an exec: rubric grader that only run.json names', async () => {
    const dir = project();
    expect((await runCli(['run', 'trust'], { cwd: dir, env })).code).toBe(0);
    const [runDir] = runFolders(dir);
    interrupt(runDir);
    tamper(runDir, (meta) => (meta.checks = [...(meta.checks as unknown[]), { type: 'rubric', grader: 'exec:node judge.cjs', rubric: 'Is it polite?' }]));
    const refused = await runCli(['run', '--resume', path.basename(runDir)], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"exec:node judge.cjs" (an exec: rubric grader)');
    expect(existsSync(path.join(dir, 'RAN-judge'))).toBe(false);
  });

  it('evals run --resume refuses a shipped suite file whose systems are commands, even when run.json names none', async () => {
    const dir = project();
    expect((await runCli(['run', 'trust'], { cwd: dir, env })).code).toBe(0);
    const [runDir] = runFolders(dir);
    interrupt(runDir);
    const shipped = path.join(runDir, 'suite.yaml');
    // Its paths are its own (the dataset, the command), as whoever shipped it would write them.
    const command = `exec:node ${JSON.stringify(path.join(dir, 'judge.cjs'))}`;
    const ownPaths = SUITE.replace('datasets/toy.csv', path.join(dir, 'datasets', 'toy.csv'));
    writeFileSync(shipped, ownPaths.replace('again: { provider: "column:current_behavior" }', `again: { provider: ${JSON.stringify(command)} }`));
    tamper(runDir, (meta) => (meta.suiteFile = path.relative(dir, shipped)));
    const refused = await runCli(['run', '--resume', path.basename(runDir)], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`"${command}" (an exec: system), in ${path.relative(dir, shipped)}`);
    expect(existsSync(path.join(dir, 'RAN-judge'))).toBe(false);
  });

  it('evals report, compare and merge read a tampered run.json without running anything it names', async () => {
    const dir = project();
    expect((await runCli(['run', 'trust', '--shard', '1/1'], { cwd: dir, env })).code).toBe(0);
    const [runDir] = runFolders(dir);
    tamper(runDir, (meta) => {
      withJudge(meta);
      withCheck(meta);
    });
    expect((await runCli(['report', runDir, '--format', 'md,html,junit,csv'], { cwd: dir, env })).code).toBe(0);
    expect((await runCli(['compare', runDir, runDir], { cwd: dir, env })).code).toBe(0);
    const merged = await runCli(['merge', runDir], { cwd: dir, env });
    expect([0, 1], merged.stderr).toContain(merged.code);
    // The merged run carries the tampered blocks on: judging it is refused like its shard.
    const mergedDir = runFolders(dir).find((d) => d !== runDir)!;
    expect((await runCli(['judge', mergedDir], { cwd: dir, env })).code).toBe(2);
    expect(existsSync(path.join(dir, 'RAN-judge'))).toBe(false);
    expect(existsSync(path.join(dir, 'RAN-check'))).toBe(false);
  });
});
