import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { caseOf, grade, latestRunDir, plannedGrader, readResults, rubricProject } from './rubric-project.js';

// The rubric check end to end: the CLI spawned as a user types it, the fake model server as the
// grader, the system a recorded column (so every request the server sees is a grader request).

describe('rubric check', () => {
  let server: FakeModelServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startFakeModelServer();
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => server.close());

  it('gives the planted verdicts by majority of 3 samples, with the agreement, and a rerun sends no grader request', async () => {
    const project = rubricProject({ check: '    samples: 3\n' });
    server.resetCounts();
    server.setBrain(
      plannedGrader({
        r1: [grade(true, 'quotes and says what to change')],
        r2: [grade(true, 'ok'), grade(false, 'no quote, no change named'), grade(false, 'no quote, no change named')],
        r3: [grade(false, 'quotes nothing'), grade(true, 'fine'), grade(false, 'quotes nothing')],
        // A model without tools: the JSON object in its text is the grade.
        r4: [{ text: 'Here is my grade: {"reasoning": "quotes it and says move it", "pass": true}' }],
      }),
    );
    const run = await runCli(['run', 'comments', '--reporter', 'md'], { cwd: project, env });
    expect(run.code, run.stdout + run.stderr).toBe(0); // failures without a baseline are not regressions
    expect(server.requests).toHaveLength(12);
    expect(server.requests.every((r) => r.model === 'grader-model' && r.tools[0]?.name === 'record_grade')).toBe(true);
    // The cases are graded concurrently, so requests arrive in any order: look r1's up by its tag.
    const r1 = server.requests.find((r) => caseOf(r) === 'r1')!;
    const system = r1.system ?? '';
    expect(system).toContain('Do not prefer a response for being longer');
    expect(system).toMatch(/must not influence you/);
    expect(r1.messages[0].content).toContain('Ideal: Quote the sentence and say what to change.');

    const runDir = latestRunDir(project);
    const byCase = new Map(readResults(runDir).map((r) => [r.caseId, r]));
    const verdicts = [...byCase].map(([id, r]) => [id, r.status, r.checks[0].grade?.agreement]);
    expect(verdicts).toEqual([
      ['r1', 'pass', { agree: 3, of: 3 }],
      ['r2', 'fail', { agree: 2, of: 3 }],
      ['r3', 'fail', { agree: 2, of: 3 }],
      ['r4', 'pass', { agree: 3, of: 3 }],
    ]);
    expect(byCase.get('r2')!.checks[0].reason).toBe('rubric rubric: grader failed it (2/3 samples agree): no quote, no change named [grader not calibrated]');
    expect(byCase.get('r2')!.checks[0].grade).toMatchObject({ grader: 'openai:grader-model', requests: 3, inputTokens: 300, outputTokens: 60 });
    const report = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    expect(report).toContain('no quote, no change named');
    expect(report).toContain('grader not calibrated');
    expect(report).toContain('current: rubric rubric: grader not calibrated');
    expect(run.stdout).toContain('current: rubric rubric: grader not calibrated');
    expect(run.stdout).toMatch(/current: grader cost .* for 12 grader requests \(\d+ tokens in, \d+ out\)/);

    server.resetCounts();
    const again = await runCli(['run', 'comments'], { cwd: project, env });
    expect(again.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    const rerun = readResults(latestRunDir(project));
    expect(rerun.map((r) => [r.caseId, r.status, r.checks[0].grade?.requests])).toEqual([
      ['r1', 'pass', 0],
      ['r2', 'fail', 0],
      ['r3', 'fail', 0],
      ['r4', 'pass', 0],
    ]);
  });

  it('grades on a 1–5 scale with pass_at', async () => {
    const project = rubricProject({ check: '    pass_at: 4\n' });
    const scored = (score: number) => ({ toolCalls: [{ name: 'record_grade', arguments: { reasoning: `worth ${score}`, score } }] });
    server.setBrain(plannedGrader({ r1: [scored(5)], r2: [scored(2)], r3: [scored(4)], r4: [scored(3)] }));
    const run = await runCli(['run', 'comments', '--no-cache'], { cwd: project, env });
    expect(run.code).toBe(0);
    const results = readResults(latestRunDir(project));
    expect(results.map((r) => [r.caseId, r.status])).toEqual([
      ['r1', 'pass'],
      ['r2', 'fail'],
      ['r3', 'pass'],
      ['r4', 'fail'],
    ]);
    expect(results[1].checks[0].reason).toBe('rubric rubric: grader failed it (score 2/5, pass at 4): worth 2 [grader not calibrated]');
  });

  it('a grader that is down makes every case ERRORED, never failed, with the cause on screen', async () => {
    const project = rubricProject();
    server.setBrain(() => ({ status: 500, errorBody: { error: { message: 'grader overloaded', type: 'server_error' } } }));
    const run = await runCli(['run', 'comments', '--no-cache', '--max-retries', '1'], { cwd: project, env });
    const results = readResults(latestRunDir(project));
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
    expect(results[0].error?.message).toMatch(/grader openai:grader-model could not grade: .*500/);
    expect(run.stdout).toMatch(/current: 4 errored: .*grader openai:grader-model could not grade/);
    expect(run.stdout).not.toMatch(/0 errored|fail \(/);
    expect(run.code).not.toBe(0);
  });

  it('an answer with no grade after retries is an error naming what the grader said', async () => {
    const project = rubricProject();
    server.resetCounts();
    server.setBrain(() => ({ text: 'I think it is quite good.' }));
    const run = await runCli(['run', 'comments', '--no-cache', '--max-retries', '1'], { cwd: project, env });
    expect(server.requests).toHaveLength(8); // each case: the answer and one retry
    const results = readResults(latestRunDir(project));
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
    expect(results[0].checks[0].reason).toContain('no record_grade call and no JSON grade (it said "I think it is quite good.")');
    expect(run.stdout).toContain('no record_grade call');
  });

  it('a grader without its key: each case errors saying which variable to set; under --ci the run stops before any call', async () => {
    const project = rubricProject();
    // No key and no base URL: the real OpenAI endpoint would need one (a local base_url may not).
    const noKey = cleanEnv();
    const run = await runCli(['run', 'comments'], { cwd: project, env: noKey });
    expect(readResults(latestRunDir(project)).map((r) => r.status)).toEqual(['error', 'error', 'error', 'error']);
    expect(run.stdout).toContain('set OPENAI_API_KEY to call the grader openai:grader-model');
    const ci = await runCli(['run', 'comments', '--ci'], { cwd: project, env: noKey });
    expect(ci.code).toBe(3);
    expect(ci.stderr + ci.stdout).toContain('comments: the grader of rubric rubric (openai:grader-model): set OPENAI_API_KEY to grade it; under --ci every grader must run');
  });

  it('Ctrl-C while grading records no errored grade: --resume grades those outputs again', async () => {
    const project = rubricProject();
    // r1 is graded at once; the others take long enough for the interrupt to come first.
    server.setBrain((request) => ({ ...grade(true, 'fine'), delayMs: /\[r1\]/.test(JSON.stringify(request.messages)) ? 0 : 4000 }));
    const interrupted = await runCli(['run', 'comments', '--no-cache'], {
      cwd: project,
      env,
      onSpawn: (pid) => {
        const timer = setInterval(() => {
          try {
            if (readResults(latestRunDir(project)).length >= 1) {
              clearInterval(timer);
              process.kill(pid, 'SIGINT');
            }
          } catch {
            // No results yet.
          }
        }, 10);
      },
    });
    expect(interrupted.code).toBe(130);
    const runDir = latestRunDir(project);
    const written = readResults(runDir);
    expect(written.filter((r) => r.status === 'error')).toEqual([]);
    expect(written.length).toBeLessThan(4);
    server.setBrain(() => grade(true, 'fine'));
    const resumed = await runCli(['run', '--resume', path.basename(runDir)], { cwd: project, env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(
      readResults(runDir)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('an unknown grader provider is a load error (exit 2) before any call', async () => {
    const project = rubricProject({ checks: 'checks:\n  - { type: rubric, grader: "opnai:gpt-4.1", rubric: "Is it kind?" }\n' });
    server.resetCounts();
    const run = await runCli(['run', 'comments'], { cwd: project, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown provider "opnai" in "opnai:gpt-4.1" (did you mean "openai"?)');
    expect(run.stderr).toMatch(/comments\.yaml:\d+/);
    expect(server.requests).toHaveLength(0);
  });

  it('a rubric naming a column the dataset lacks is a load error; {{input}} and {{output}} are known', async () => {
    const project = rubricProject({ checks: 'checks:\n  - { type: rubric, grader: "openai:g", rubric: "{{input}} {{output}} {{ideal_behaviour}}" }\n' });
    const run = await runCli(['run', 'comments'], { cwd: project, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('{{ideal_behaviour}}: no column "ideal_behaviour" in the dataset (did you mean "ideal_behavior"?)');
    expect(run.stderr).not.toContain('{{input}}');
  });
});
