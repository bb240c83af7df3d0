import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 12, item 5: a PM wrote `time: "15:15"` in the ideal, the model set 09:00, and the row passed,
// because the template only checked that the tool was called. The template now holds the model's
// call to the ideal's arguments. The model is the template's own OpenAI system, answered by the fake
// server; its name is not used here (it is being renamed), only "not the recorded column".

interface Result {
  caseId: string;
  system: string;
  status: string;
  checks: Array<{ pass: boolean; reason: string; spec: { type: string } }>;
}

const HEADER = 'id,input,should_trigger,current_behavior,ideal_behavior,why,notes,tags';
const DENTIST = 'dentist,Remind me about the dentist at a quarter past three,yes,Sure!,"→ create_reminder(title: ""Dentist"", time: ""15:15"")\nDone: 3:15 PM.",,,';

function modelResults(cwd: string, suite: string): Result[] {
  const dir = path.join(cwd, 'reports', suite);
  const runs = readdirSync(dir)
    .filter((name) => /^\d{8}-/.test(name)) // run folders, not baseline.json or history.jsonl
    .sort();
  const lines = readFileSync(path.join(dir, runs[runs.length - 1], 'results.jsonl'), 'utf8')
    .trim()
    .split('\n');
  return lines.map((line) => JSON.parse(line) as Result).filter((result) => result.system !== 'current');
}

describe('evals init: the template compares the ideal call arguments, not only that the tool was called', () => {
  let server: FakeModelServer;
  let time = '09:00';
  beforeAll(async () => {
    server = await startFakeModelServer(() => ({ text: 'Done.', toolCalls: [{ name: 'create_reminder', arguments: { title: 'Dentist', time } }] }));
  });
  afterAll(() => server.close());

  it('fails a model that sets 09:00 where the ideal says 15:15, naming the argument, and passes 15:15', async () => {
    const cwd = makeTempDir('init-ideal-args');
    expect((await runCli(['init', 'reminders'], { cwd })).code).toBe(0);
    writeFileSync(path.join(cwd, 'datasets', 'reminders.csv'), `${HEADER}\n${DENTIST}\n`);
    const env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test-not-a-real-key' });

    const wrong = await runCli(['run', 'reminders', '--no-cache'], { cwd, env });
    expect(wrong.code, wrong.stderr).toBe(1);
    const [failed] = modelResults(cwd, 'reminders');
    expect(failed).toMatchObject({ caseId: 'dentist', status: 'fail' });
    expect(failed.checks.find((check) => check.spec.type === 'tool-called')?.pass).toBe(true);
    expect(failed.checks.find((check) => check.spec.type === 'tool-args')).toMatchObject({ pass: false, reason: 'time: expected 15:15, got 09:00' });

    time = '3:15 PM';
    const right = await runCli(['run', 'reminders', '--no-cache'], { cwd, env });
    expect(right.code, right.stdout + right.stderr).toBe(0);
    const [passed] = modelResults(cwd, 'reminders');
    expect(passed).toMatchObject({ caseId: 'dentist', status: 'pass' });
    expect(passed.checks.find((check) => check.spec.type === 'tool-args')).toMatchObject({ pass: true, reason: 'time: 15:15' });
  });
});
