import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureProject, runCli } from '../helpers/cli.js';

// The json-schema check requires ajv when it first compiles a schema, through a require it makes then
// (src/checks/json-schema.ts), and the CLI bundle loads node:module only on that first call
// (scripts/builtins-through-require.mjs): this runs that path as a user does, through the bundle.

describe('evals run with a json-schema check', () => {
  it('validates each answer against the schema', async () => {
    const project = copyFixtureProject('toy');
    writeFileSync(
      path.join(project, 'datasets', 'reminders.csv'),
      ['id,input,current_behavior', 'r1,Remind me at 7 PM,"{""time"": ""19:00""}"', 'r2,Remind me tonight,"{""time"": ""tonight""}"', 'r3,Remind me,"{""note"": ""call mum""}"', ''].join('\n'),
    );
    writeFileSync(
      path.join(project, 'suites', 'reminders.yaml'),
      [
        'name: reminders',
        'dataset: datasets/reminders.csv',
        'systems:',
        '  current: { provider: "column:current_behavior" }',
        'checks:',
        '  - { type: json-schema, schema: { type: object, required: [time], properties: { time: { type: string, pattern: "^[0-9]{2}:[0-9]{2}$" } } } }',
        '',
      ].join('\n'),
    );

    const result = await runCli(['run', 'reminders', '--no-cache'], { cwd: project });
    expect(result.stderr).not.toContain('internal error');

    const runs = readdirSync(path.join(project, 'reports', 'reminders')).filter((name) => /^\d{8}-/.test(name));
    const results = readFileSync(path.join(project, 'reports', 'reminders', runs[0], 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { caseId: string; status: string; checks: Array<{ pass: boolean; reason: string }> });
    const byCase = Object.fromEntries(results.map((r) => [r.caseId, r]));
    expect(byCase.r1?.checks[0]).toMatchObject({ pass: true, reason: 'JSON matches the schema' });
    expect(byCase.r2?.checks[0]?.pass).toBe(false);
    expect(byCase.r2?.checks[0]?.reason).toContain('/time must match pattern');
    expect(byCase.r3?.checks[0]?.reason).toContain("must have required property 'time'");
  });
});
