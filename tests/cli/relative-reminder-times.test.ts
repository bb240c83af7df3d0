import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// "Remind me in 2 hours" is checked against the case's `now`: the PM writes the ideal as said
// (`time: "in 2 hours"`), and the time normalizer turns it into the clock time on the case's clock, so
// a reminder at 19:00 passes a 17:00 case and one at 18:00 fails. A `now` the time zone skips (a DST
// gap) is an error naming the file, row and column, before any model call.

const HEADER = 'id,input,now,timezone,should_trigger,current_behavior,ideal_behavior';

async function remindersProject(rows: string[]): Promise<string> {
  const cwd = makeTempDir('relative-reminders');
  expect((await runCli(['init', 'reminders'], { cwd })).code).toBe(0);
  writeFileSync(path.join(cwd, 'datasets', 'reminders.csv'), [HEADER, ...rows].join('\n') + '\n');
  return cwd;
}

describe('evals run: reminder times said as a duration from now', () => {
  it('passes the call at now + 2 hours and fails the one an hour early, with the clock time in the reason', async () => {
    const cwd = await remindersProject([
      'oven,Remind me in 2 hours to check the oven,2026-11-26T17:00:00,,yes,"→ create_reminder(title: Oven, time: 19:00)","→ create_reminder(title: Oven, time: ""in 2 hours"")"',
      'early,Remind me in 2 hours to call Sam,2026-11-26T17:00:00,,yes,"→ create_reminder(title: Sam, time: 18:00)","→ create_reminder(title: Sam, time: ""in 2 hours"")"',
      'la,Remind me in half an hour to leave,2026-11-27T03:00:00Z,America/Los_Angeles,yes,"→ create_reminder(title: Leave, time: 7:30pm)","→ create_reminder(title: Leave, time: ""in half an hour"")"',
    ]);
    const run = await runCli(['run', 'reminders', '--json'], { cwd });
    const [summary] = JSON.parse(run.stdout) as Array<{ runDir: string }>;
    const results = readFileSync(path.join(summary.runDir, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caseId: string; status: string; checks: Array<{ reason: string }> });
    const status = Object.fromEntries(results.map((r) => [r.caseId, r.status]));
    expect(status).toEqual({ oven: 'pass', early: 'fail', la: 'pass' });
    expect(results.find((r) => r.caseId === 'early')!.checks.map((c) => c.reason)).toContain('time: expected 19:00, got 18:00');
  });

  it('refuses a now the time zone skips (clocks going forward), naming file, row and column: exit 2', async () => {
    const cwd = await remindersProject([
      'gap,Remind me in 2 hours,2026-03-29T02:30:00,Europe/Paris,yes,"→ create_reminder(title: X, time: 04:30)","→ create_reminder(title: X, time: ""in 2 hours"")"',
    ]);
    const result = await runCli(['validate', 'reminders'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain(
      'datasets/reminders.csv:2: column "now": 2026-03-29T02:30:00 does not exist in Europe/Paris: the clocks skip that hour (daylight saving time starts); give a time before or after it, or an offset',
    );
  });

  it('refuses the same in the suite file’s now and timezone, naming the line', async () => {
    const cwd = await remindersProject(['tea,Remind me in 2 hours,,,yes,"→ create_reminder(title: Tea, time: 04:30)","→ create_reminder(title: Tea, time: ""in 2 hours"")"']);
    const suite = path.join(cwd, 'suites', 'reminders.yaml');
    writeFileSync(suite, readFileSync(suite, 'utf8').replace(/^labels:/m, 'now: "2026-03-29T02:30:00"\ntimezone: Europe/Paris\nlabels:'));
    const result = await runCli(['validate', 'reminders'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/suites\/reminders\.yaml:\d+: now: 2026-03-29T02:30:00 does not exist in Europe\/Paris/);
  });
});
