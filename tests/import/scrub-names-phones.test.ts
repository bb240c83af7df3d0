import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';

// Names people give ("my name is …", "I'm …") and local phone numbers without an area code (555-0134)
// went into the candidates as they were: the built-in rules missed them. Spawned as a user types it.

const conversation = (question: string, reply = 'Sure.') => ({
  messages: [
    { role: 'user', content: question },
    { role: 'assistant', content: reply },
  ],
});

describe('evals import scrubs names and local phone numbers', () => {
  it('replaces the name and the number, leaves look-alikes (nationalities, dates, ranges, decimals) alone', async () => {
    const project = copyFixtureProject('toy');
    mkdirSync(path.join(project, 'logs'));
    const lines = [
      conversation("Hi, I'm Carla. Remind me to call 555-0134 at 5pm", 'Okay Carla, reminder set.'),
      conversation('My name is Anna Kowalska and my order 123-4567 is late'),
      conversation('You can call me Ben-Luca. I am Canadian and moved here in 2024-2025'),
      conversation('Set a meeting for 2026-11-26 at 19:00 with room 12-3456 and pi is 3.141-5926'),
    ];
    writeFileSync(path.join(project, 'logs', 'prod.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    const result = await runCli(['import', 'logs/prod.jsonl', '--to', 'toy', '--json'], { cwd: project, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { scrubbed: { values: number; byRule: Record<string, number> }; written: number };
    expect(summary.scrubbed.byRule).toEqual({ phone: 2, name: 3 });
    expect(summary.written).toBe(4);

    const csv = Papa.parse<Record<string, string>>(readFileSync(path.join(project, 'datasets', 'toy.candidates.csv'), 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(csv.map((row) => row.input)).toEqual([
      "Hi, I'm [NAME]. Remind me to call [PHONE] at 5pm",
      'My name is [NAME] and my order [PHONE] is late',
      'You can call me [NAME]. I am Canadian and moved here in 2024-2025',
      'Set a meeting for 2026-11-26 at 19:00 with room 12-3456 and pi is 3.141-5926',
    ]);
    // The name in the reply is not caught (no "I'm" before it): the rule is where a person gives a name.
    expect(csv[0].current_behavior).toBe('Okay Carla, reminder set.');
    const report = readFileSync(path.join(project, 'datasets', 'toy.candidates.scrub-report.csv'), 'utf8');
    for (const value of ['Carla.', 'Anna', 'Kowalska', '555-0134', '123-4567', 'Ben-Luca']) expect(report).not.toContain(value);
  });
});
