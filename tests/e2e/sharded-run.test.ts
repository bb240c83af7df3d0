import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelServer, type FakeBrain, type FakeModelServer } from '../helpers/fake-model-server.js';
import { cleanEnv, copyFixtureProject, runCli, type CliResult } from '../helpers/cli.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// Issue 10 item 7: one run over many machines. Runs the built CLI as .github/workflows/evals-sharded.yml
// does: each shard in its own checkout of the project, the shard run folders copied into a fourth
// checkout as the artifact download does, then `evals merge` — and compares with an unsharded run.
//
// The toy suite's cases fall into three shards as 1: t04 t08 t09 t10, 2: t01 t02 t05 t07, 3: t03 t06
// (a hash of the id). With min_pass_rate 0.8 and t09 failing, shard 1 alone is at 75% while the whole
// suite is at 90%: a shard must not be gated on its part.

const SHARDS = 3;
// As .github/workflows/evals-sharded.yml runs them: shards without reports, the merge with the `reporter` input.
const REPORTERS = 'md,html,junit';

interface Row {
  caseId: string;
  system: string;
  repeat: number;
  status: string;
  output?: { text: string; toolCalls: unknown[] };
  checks: Array<{ pass: boolean; reason: string; spec: unknown }>;
}

function rows(runDir: string): Row[] {
  return readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** What must be equal between two runs, case × system: the verdict, the output and each check's reason; not timing or ids. */
function essence(runDir: string) {
  return Object.fromEntries(
    rows(runDir)
      .map(
        (r) =>
          [
            `${r.caseId}/${r.system}/${r.repeat}`,
            { status: r.status, text: r.output?.text, toolCalls: r.output?.toolCalls, checks: r.checks.map((c) => ({ pass: c.pass, reason: c.reason, spec: c.spec })) },
          ] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The comparison with the baseline and the gate, as printed: the same for a merged and an unsharded run. */
function verdictLines(stdout: string, suite: string): string[] {
  const block = stdout.slice(stdout.indexOf(`\n${suite}  `));
  return block
    .split('\n')
    .filter((l) => /^(compared with|  \w+: .*→|    (regressed|fixed) |gate )/.test(l))
    .slice(0, 20);
}

function runFolders(project: string, suite: string): string[] {
  const dir = path.join(project, 'reports', suite);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(dir, d.name))
    .sort();
}

function mergedRuns(project: string, suite: string): string[] {
  return runFolders(project, suite).filter((dir) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')).mergedFrom);
}

describe('one run over many machines: shards in separate checkouts, merged, equal the unsharded run', { timeout: 180_000 }, () => {
  let server: FakeModelServer;
  let repo: string;
  let env: NodeJS.ProcessEnv;
  const suites = ['toy', 'toy2'];

  /** A fresh "actions/checkout": the committed suites, datasets and baselines, no run folders. */
  function checkout(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evals-checkout-'));
    // Run folders and the response cache are not committed (.gitignore).
    cpSync(repo, dir, { recursive: true, filter: (src) => !/reports[/\\][^/\\]+[/\\]\d{8}-|\.evals-cache/.test(src) });
    return dir;
  }

  interface Pipeline {
    shards: CliResult[];
    merge: CliResult;
    whole: CliResult;
    mergeProject: string;
    wholeProject: string;
    stepSummary: string;
  }

  /** The workflow's jobs: a matrix of shards, then the job that downloads them and merges. */
  async function pipeline(brain: FakeBrain, options: { drop?: number; runArgs?: string[] } = {}): Promise<Pipeline> {
    server.setBrain(brain);
    const shardProjects: string[] = [];
    const shards: CliResult[] = [];
    for (let i = 1; i <= SHARDS; i++) {
      const project = checkout();
      shardProjects.push(project);
      shards.push(await runCli(['run', '--all', '--shard', `${i}/${SHARDS}`, '--ci', ...(options.runArgs ?? [])], { cwd: project, env }));
    }
    // actions/download-artifact with merge-multiple: every shard's reports/<suite>/<run-id>/ into reports/.
    const mergeProject = checkout();
    shardProjects.forEach((project, i) => {
      if (i + 1 === options.drop) return;
      for (const suite of suites) for (const dir of runFolders(project, suite)) cpSync(dir, path.join(mergeProject, 'reports', suite, path.basename(dir)), { recursive: true });
    });
    const stepSummary = path.join(mergeProject, 'step-summary.md');
    // The shell's `reports/*/*/`.
    const downloaded = suites.flatMap((suite) => runFolders(mergeProject, suite)).map((dir) => path.relative(mergeProject, dir) + '/');
    const merge = await runCli(['merge', ...downloaded, '--ci', '--reporter', `md,${REPORTERS}`], { cwd: mergeProject, env: { ...env, GITHUB_STEP_SUMMARY: stepSummary } });
    // The same run on one machine, as .github/workflows/evals.yml does it.
    const wholeProject = checkout();
    const whole = await runCli(['run', '--all', '--ci', '--reporter', REPORTERS, ...(options.runArgs ?? [])], { cwd: wholeProject, env });
    return { shards, merge, whole, mergeProject, wholeProject, stepSummary };
  }

  function expectMergedEqualsWhole(p: Pipeline): void {
    for (const suite of suites) {
      const merged = mergedRuns(p.mergeProject, suite);
      expect(merged, `one merged run of ${suite}`).toHaveLength(1);
      const [whole] = runFolders(p.wholeProject, suite);
      const expected = essence(whole);
      expect(Object.keys(expected)).toHaveLength(20);
      expect(essence(merged[0])).toEqual(expected);
      expect(readFileSync(path.join(merged[0], 'cases.jsonl'), 'utf8')).toBe(readFileSync(path.join(whole, 'cases.jsonl'), 'utf8'));
      expect(verdictLines(p.merge.stdout, suite)).toEqual(verdictLines(p.whole.stdout, suite));
    }
  }

  beforeAll(async () => {
    // The committed baseline: a model that opens Canvas for every trigger case but t09.
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS.filter((id) => id !== 't09')));
    env = cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
    repo = copyFixtureProject('toy');
    const suiteFile = path.join(repo, 'suites', 'toy.yaml');
    writeFileSync(suiteFile, readFileSync(suiteFile, 'utf8').replace('gate: { max_regressions: 0 }', 'gate: { max_regressions: 0, min_pass_rate: 0.8 }'));
    writeFileSync(path.join(repo, 'suites', 'toy2.yaml'), readFileSync(suiteFile, 'utf8').replace('name: toy', 'name: toy2'));
    const recorded = await runCli(['run', '--all', '--ci', '--update-baseline'], { cwd: repo, env });
    expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
    expect(existsSync(path.join(repo, 'reports', 'toy2', 'baseline.json'))).toBe(true);
  }, 120_000);
  afterAll(() => server.close());

  it('no change: every shard exits 0 without gating its part, and the merged run equals the unsharded one and passes', async () => {
    const p = await pipeline(canvasBrain(TOY_TRIGGER_IDS.filter((id) => id !== 't09')));
    for (const shard of p.shards) expect(shard.code, shard.stdout + shard.stderr).toBe(0);
    // Shard 1 alone (t04 t08 t09 t10) passes 75% < 80%: said, not applied.
    expect(p.shards[0].stdout).toMatch(
      /shard 1\/3: gate applied when the shards are merged \(evals merge\); this shard alone would fail \(toy\/candidate: pass rate 75\.0% is below the minimum 80\.0%\)/,
    );
    expect(p.shards[1].stdout).toContain('shard 2/3: gate applied when the shards are merged (evals merge); this shard alone passes');
    expect(p.shards.map((s) => s.stdout).join('')).not.toContain('gate failed');
    expect(p.shards[0].stdout).toContain('shard 1/3: the gate column is this shard alone; the gate is applied when the shards are merged');

    expect(p.whole.code, p.whole.stdout + p.whole.stderr).toBe(0);
    expect(p.merge.code, p.merge.stdout + p.merge.stderr).toBe(0);
    expect(p.merge.stdout).toMatch(/gate passed/);
    expect(p.merge.stdout).toContain('merged 3 shards (1/3, 2/3, 3/3) into reports/toy/');
    expect(p.merge.stdout).toContain('All suites, worst first');
    expectMergedEqualsWhole(p);

    // What the final job posts and uploads.
    const summary = readFileSync(path.join(p.mergeProject, 'reports', 'summary.md'), 'utf8');
    expect(summary).toContain('toy2');
    expect(readFileSync(p.stepSummary, 'utf8')).toContain('toy2');
    for (const suite of suites) {
      const [merged] = mergedRuns(p.mergeProject, suite);
      for (const file of ['report.md', 'report.html', 'junit.xml']) expect(existsSync(path.join(merged, file)), `${suite}: ${file}`).toBe(true);
      expect(readFileSync(path.join(merged, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(20);
    }
  });

  it('a change that breaks two cases: shards exit 0, the merged run fails the gate with exit 1 and names them, like the unsharded run', async () => {
    const p = await pipeline(canvasBrain(TOY_TRIGGER_IDS.filter((id) => !['t01', 't03', 't09'].includes(id))));
    for (const shard of p.shards) expect(shard.code, shard.stdout + shard.stderr).toBe(0);
    expect(p.shards[1].stdout).toMatch(/shard 2\/3: .*this shard alone would fail \(toy\/candidate: 1 regression/);
    expect(p.whole.code).toBe(1);
    expect(p.merge.code, p.merge.stdout + p.merge.stderr).toBe(1);
    expect(p.merge.stdout).toMatch(/gate failed: toy\/candidate: 2 regressions \(max 0\): t01, t03/);
    expect(p.merge.stdout).toMatch(/gate failed: toy\/candidate: pass rate 70\.0% is below the minimum 80\.0%/);
    expectMergedEqualsWhole(p);

    // Re-rendering the merged run reports without judging it, unless asked to gate: then it exits as the merge did.
    const [merged] = mergedRuns(p.mergeProject, 'toy');
    const report = await runCli(['report', merged, '--format', 'md'], { cwd: p.mergeProject, env });
    expect(report.code, report.stdout + report.stderr).toBe(0);
    const gated = await runCli(['report', merged, '--format', 'md', '--gate'], { cwd: p.mergeProject, env });
    expect(gated.code, gated.stdout + gated.stderr).toBe(1);
    expect(gated.stdout).toMatch(/gate failed: toy\/candidate: 2 regressions \(max 0\): t01, t03/);
    const [mergedToy2] = mergedRuns(p.mergeProject, 'toy2');
    expect((await runCli(['report', mergedToy2, '--gate'], { cwd: p.mergeProject, env })).code).toBe(1);
  });

  it('a shard whose artifact is missing: merge exits 3, names the shard and merges nothing', async () => {
    const p = await pipeline(canvasBrain(TOY_TRIGGER_IDS), { drop: 2 });
    expect(p.merge.code).toBe(3);
    expect(p.merge.stderr).toContain('toy: missing shard 2/3 of 3');
    expect(p.merge.stderr).toContain('toy2: missing shard 2/3 of 3');
    expect(p.merge.stderr).toContain('rerun that shard');
    expect(runFolders(p.mergeProject, 'toy')).toHaveLength(2);
    expect(existsSync(path.join(p.mergeProject, 'reports', 'summary.md'))).toBe(false);
  });

  it('a provider down: each shard exits 3, and so does the merge of their errored runs', async () => {
    const down: FakeBrain = () => ({ status: 500, errorBody: { error: { message: 'upstream exploded', type: 'server_error' } } });
    const p = await pipeline(down, { runArgs: ['--max-retries', '0'] });
    for (const shard of p.shards) expect(shard.code).toBe(3);
    expect(p.whole.code).toBe(3);
    expect(p.merge.code).toBe(3);
    expect(p.merge.stderr).toMatch(/toy: candidate errored on 10 of 10 results; the run could not be completed/);
  });

  it('--update-baseline with --shard is refused before any model call; the merged run updates it instead, as the unsharded run would', async () => {
    server.setBrain(canvasBrain(TOY_TRIGGER_IDS));
    const project = checkout();
    const before = server.requests.length;
    const refused = await runCli(['run', 'toy', '--shard', '1/3', '--update-baseline'], { cwd: project, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no model was called');
    expect(refused.stderr).toContain('evals merge reports/<suite>/*/ --update-baseline');
    expect(server.requests.length).toBe(before);
    expect(runFolders(project, 'toy')).toHaveLength(0);

    for (let i = 1; i <= SHARDS; i++) expect((await runCli(['run', 'toy', '--shard', `${i}/${SHARDS}`], { cwd: project, env })).code).toBe(0);
    const merged = await runCli(['merge', ...runFolders(project, 'toy'), '--update-baseline'], { cwd: project, env });
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toContain('fixed t09');
    expect(merged.stdout).toContain('baseline updated: reports/toy/baseline.json');

    const wholeProject = checkout();
    expect((await runCli(['run', 'toy', '--update-baseline'], { cwd: wholeProject, env })).code).toBe(0);
    const withoutRunId = (project: string) => ({ ...JSON.parse(readFileSync(path.join(project, 'reports', 'toy', 'baseline.json'), 'utf8')), runId: undefined });
    expect(withoutRunId(project)).toEqual(withoutRunId(wholeProject));
  });
});
