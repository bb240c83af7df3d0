import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCommand } from '../../src/cli/commands/init.js';
import type { CliIO } from '../../src/cli/io.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// `evals init` as a new user meets it: create the files, then validate and run them with the
// built CLI and no API key. Needs `npm run build` (the test script's pretest does it).

function tempDir(): string {
  return makeTempDir('init-cli');
}

describe('initCommand', () => {
  it('lists what it created and what to edit next, in the command the user typed (npx)', async () => {
    const stdout: string[] = [];
    const io: CliIO = { out: (t) => stdout.push(t), err: () => {}, interactive: false, colour: false, cwd: tempDir(), env: { npm_command: 'exec' } };
    expect(await initCommand('reminders', {}, io)).toBe(0);
    const text = stdout.join('\n');
    expect(text).toContain('datasets/reminders.csv');
    expect(text).toMatch(/1\. Open datasets\/reminders\.csv in your spreadsheet app/);
    expect(text).toContain('3. Run `npx evals validate reminders` to check the sheet, then `npx evals run reminders`.');
  });
});

describe('evals init, then validate and run (built CLI, no API key)', () => {
  it('creates a suite that validates (exit 0) and runs on its recorded column (exit 0)', async () => {
    const cwd = tempDir();
    const init = await runCli(['init'], { cwd });
    expect(init.code).toBe(0);
    for (const file of ['suites/my-behaviour.yaml', 'datasets/my-behaviour.csv', 'prompts/my-behaviour.md', 'tools/my-behaviour.json']) {
      expect(existsSync(path.join(cwd, file))).toBe(true);
    }

    const validate = await runCli(['validate', 'my-behaviour'], { cwd });
    expect(validate.code).toBe(0);
    // The template is balanced (3 yes, 3 no): it must not trip validate's own label-balance warning.
    expect(validate.stdout).toContain('suites/my-behaviour.yaml: 6 cases, 0 warnings, 0 errors');
    expect(validate.stdout).toContain('current (column current_behavior) passes 4/6 (67%): headroom 2 cases');

    const run = await runCli(['run', 'my-behaviour'], { cwd, env: cleanEnv() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('skipped system prompted: set OPENAI_API_KEY');
    expect(existsSync(path.join(cwd, 'reports', 'my-behaviour'))).toBe(true);
  });

  it('refuses a second init over the same files: exit 2, the files unchanged', async () => {
    const cwd = tempDir();
    await runCli(['init', 'tasks'], { cwd });
    writeFileSync(path.join(cwd, 'datasets/tasks.csv'), 'id,input\nmine,my own case\n');
    const again = await runCli(['init', 'tasks'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('datasets/tasks.csv: already exists, so nothing was created');
    expect(readFileSync(path.join(cwd, 'datasets/tasks.csv'), 'utf8')).toBe('id,input\nmine,my own case\n');
  });

  it('rejects a name that cannot be a file name: exit 2', async () => {
    const bad = await runCli(['init', 'My Behaviour'], { cwd: tempDir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"My Behaviour" is not a usable name');
  });

  it('runs once a PM has replaced the examples with rows of their own', async () => {
    const cwd = tempDir();
    await runCli(['init', 'reminders'], { cwd });
    writeFileSync(
      path.join(cwd, 'datasets/reminders.csv'),
      [
        'id,input,should_trigger,current_behavior,ideal_behavior,why,notes,tags',
        'gym,Remind me to pack my gym bag at 6:15am,yes,"→ create_reminder(title: Pack the gym bag, time: 06:15)","→ create_reminder(title: Pack the gym bag, time: 06:15)",,,',
        'bins,"user: it\'s bin day tomorrow\nassistant: Want a reminder tonight?\nuser: yes at 8:45pm",yes,OK!,"→ create_reminder(title: Put the bins out, time: 20:45)",,,',
        'meaning,Remind me what sonder means,no,A word for realising everyone has a life as vivid as yours.,A word for realising everyone has a life as vivid as yours.,,,',
      ].join('\r\n'),
    );
    const validate = await runCli(['validate', 'reminders'], { cwd });
    expect(validate.stdout).toContain('3 cases, 1 warning, 0 errors');
    const run = await runCli(['run', 'reminders'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/current\s+│\s+column:current_behavior\s+│\s+2\s+│\s+1\s+│\s+0/);
  });
});
