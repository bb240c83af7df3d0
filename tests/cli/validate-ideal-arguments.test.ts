import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 12, item 5b: an ideal's `→ create_reminder(time: "15:15")` that no check compares is a time the
// PM typed for nothing. `evals validate` warns (exit 0, like every warning), names the suite, the file,
// one example row and how many rows, and gives the line to add; the line it gives makes the warning go.

const HEADER = 'id,input,should_trigger,current_behavior,ideal_behavior';
const ROWS = [
  'dentist,Remind me about the dentist at 3:15pm,yes,"→ create_reminder(title: Dentist, time: 09:00)","→ create_reminder(title: ""Dentist"", time: ""15:15"")"',
  'capital,Remind me what the capital of Peru is,no,Lima.,Lima.',
  'bins,Remind me to put the bins out at 8pm,yes,"→ create_reminder(title: Bins, time: 20:00)","→ create_reminder(title: ""Put the bins out"", time: ""20:00"")"',
  'pi,Remind me what pi is,no,3.14,Pi is about 3.14.',
  'call,Could you remind me to call Sam at noon?,yes,OK!,"→ create_reminder(title: ""Call Sam"", time: 12:00)"',
  'joke,Remind me of a good joke,no,Why did the chicken…,Why did the chicken cross the road?',
];

/** A project whose suite checks only that the tool was called (the template before this issue). */
async function onlyToolCalled(): Promise<{ cwd: string; suite: string }> {
  const cwd = makeTempDir('validate-ideal-args');
  expect((await runCli(['init', 'reminders'], { cwd })).code).toBe(0);
  const suite = path.join(cwd, 'suites', 'reminders.yaml');
  writeFileSync(suite, readFileSync(suite, 'utf8').replace(/^ {2}- \{ type: tool-args.*\n/m, ''));
  expect(readFileSync(suite, 'utf8')).not.toContain('tool-args');
  writeFileSync(path.join(cwd, 'datasets', 'reminders.csv'), [HEADER, ...ROWS].join('\n') + '\n');
  return { cwd, suite };
}

describe('evals validate: ideal tool arguments that no check compares', () => {
  it('warns once, naming the suite, the file, an example row and the count, with the check to add; exit 0', async () => {
    const { cwd } = await onlyToolCalled();
    const result = await runCli(['validate', 'reminders'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.trim().startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].trim()).toBe(
      'warning: datasets/reminders.csv:2: column "ideal_behavior": the ideal records create_reminder(title: "Dentist", time: "15:15"), ' +
        "but no check in suites/reminders.yaml compares create_reminder's arguments (3 rows: 2, 4, 6), so a model that calls create_reminder with other values still passes: " +
        'add a check for each argument that matters under checks: in suites/reminders.yaml, e.g. - { type: tool-args, tool: create_reminder, path: time, same_as: "{{ideal_behavior}}", normalize: time }',
    );
    expect(result.stdout).toContain('suites/reminders.yaml: 6 cases, 1 warning, 0 errors');
  });

  it('is gone once the suggested check is added, and that check then fails the wrong time', async () => {
    const { cwd, suite } = await onlyToolCalled();
    const first = await runCli(['validate', 'reminders'], { cwd });
    const suggested = /e\.g\. (- \{ type: tool-args.*\})/.exec(first.stdout)?.[1];
    expect(suggested).toBeDefined();
    writeFileSync(suite, readFileSync(suite, 'utf8').replace(/^checks:\n/m, `checks:\n  ${suggested}\n`));

    const again = await runCli(['validate', 'reminders'], { cwd });
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('suites/reminders.yaml: 6 cases, 0 warnings, 0 errors');
    // The recorded current behaviour set 09:00 for the dentist: now that row fails, as it should.
    const run = await runCli(['run', 'reminders'], { cwd });
    const [runId] = /run (\S+)/.exec(run.stdout)?.slice(1) ?? [];
    const results = readFileSync(path.join(cwd, 'reports', 'reminders', runId, 'results.jsonl'), 'utf8');
    const dentist = results
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caseId: string; status: string; checks: Array<{ reason: string }> })
      .find((result) => result.caseId === 'dentist');
    expect(dentist?.status).toBe('fail');
    expect(dentist?.checks.map((check) => check.reason)).toContain('time: expected 15:15, got 09:00');
  });

  it('says nothing about a suite whose checks compare the arguments (the init template)', async () => {
    const cwd = makeTempDir('validate-ideal-args');
    await runCli(['init', 'reminders'], { cwd });
    writeFileSync(path.join(cwd, 'datasets', 'reminders.csv'), [HEADER, ...ROWS].join('\n') + '\n');
    const result = await runCli(['validate', 'reminders'], { cwd });
    expect(result.stdout).toContain('suites/reminders.yaml: 6 cases, 0 warnings, 0 errors');
  });
});
