import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { readRunMeta, RUN_FILES, RUN_FORMAT_VERSION, writeRunMeta, type NewRunMeta } from '../../src/store/run-dir.js';
import { cleanEnv, repoRoot, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 11 item 4: run.json is read and written through one schema and carries a format version.
// Folders written before the version existed still read; a folder from a newer evals is refused
// with a message that says so, never misread.

/** A run folder exactly as evals 0.1.0 wrote it (tests/fixtures/runs/): no formatVersion in run.json. */
const OLD_RUN_ID = '20261129-214913-665-1bfd';
const OLD_RUN = path.join(repoRoot, 'tests', 'fixtures', 'runs', 'toy', OLD_RUN_ID);

const META: NewRunMeta = {
  suite: 'toy',
  suiteFile: 'suites/toy.yaml',
  runId: '20260101-000000-000-abcd',
  startedAt: '2026-01-01T00:00:00.000Z',
  dataset: 'datasets/toy.csv',
  columns: ['id', 'input', 'should_trigger'],
  labels: ['should_trigger'],
  repeat: 2,
  concurrency: 4,
  filter: null,
  limit: 5,
  batch: false,
  cache: true,
  shard: '1/3',
  systems: [{ name: 'candidate', provider: 'openai:gpt-4o-mini', prompt: 'prompts/system.md', tools: null, params: { temperature: 0 }, baseUrl: null }],
  skipped: [{ system: 'claude', provider: 'anthropic:claude-sonnet-4-5', reason: 'set ANTHROPIC_API_KEY to run it', variable: 'ANTHROPIC_API_KEY' }],
  gate: { max_regressions: 0, min_pass_rate: 0.8 },
  compare: [{ a: 'candidate', b: 'current', judge: 'human' }],
  checks: [{ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }],
};

/** A project folder holding a copy of the old run under reports/toy/. */
function projectWithOldRun(): { project: string; runDir: string } {
  const project = makeTempDir('run-folder');
  const runDir = path.join(project, 'reports', 'toy', OLD_RUN_ID);
  cpSync(OLD_RUN, runDir, { recursive: true });
  return { project, runDir };
}

function editRunJson(runDir: string, edit: (meta: Record<string, unknown>) => void): void {
  const file = path.join(runDir, RUN_FILES.meta);
  const meta = JSON.parse(readFileSync(file, 'utf8'));
  edit(meta);
  writeFileSync(file, JSON.stringify(meta, null, 2));
}

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('run.json', () => {
  it('reads back what was written, stamped with the format version first', () => {
    const dir = makeTempDir('run-meta');
    writeRunMeta(dir, META);
    expect(readRunMeta(dir)).toEqual({ formatVersion: RUN_FORMAT_VERSION, ...META });
    const text = readFileSync(path.join(dir, 'run.json'), 'utf8');
    expect(Object.keys(JSON.parse(text))[0]).toBe('formatVersion');
    expect(JSON.parse(text).formatVersion).toBe(1);
  });

  it('a merged run is the same type: mergedFrom is an optional field', () => {
    const dir = makeTempDir('run-meta');
    writeRunMeta(dir, { ...META, shard: null, mergedFrom: ['20260101-000000-000-aaaa', '20260101-000000-000-bbbb'] });
    expect(readRunMeta(dir).mergedFrom).toEqual(['20260101-000000-000-aaaa', '20260101-000000-000-bbbb']);
    expect(readRunMeta(dir).shard).toBeNull();
  });

  it('a folder written before the format version existed reads as format 1', () => {
    expect(JSON.parse(readFileSync(path.join(OLD_RUN, 'run.json'), 'utf8'))).not.toHaveProperty('formatVersion');
    const meta = readRunMeta(OLD_RUN);
    expect(meta.formatVersion).toBe(1);
    expect(meta.runId).toBe(OLD_RUN_ID);
    expect(meta.systems.map((s) => s.name)).toEqual(['current', 'candidate']);
    expect(meta.gate).toEqual({ max_regressions: 0 });
  });

  it('fields the first versions did not write have their defaults', () => {
    const dir = makeTempDir('run-meta');
    const { columns, labels, batch, cache, shard, checks, gate, compare, ...earliest } = META;
    void [columns, labels, batch, cache, shard, checks, gate, compare];
    const systems = earliest.systems.map(({ name, provider, prompt, tools }) => ({ name, provider, prompt, tools }));
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...earliest, systems }));
    const meta = readRunMeta(dir);
    expect(meta).toMatchObject({ formatVersion: 1, shard: null, gate: {}, compare: [] });
    expect(meta.systems[0]).toMatchObject({ params: {}, baseUrl: null });
    expect(meta.checks).toBeUndefined();
  });

  it('a newer format is refused with a message saying so', () => {
    const dir = makeTempDir('run-meta');
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ formatVersion: 2, everything: 'different' }));
    expect(problemsOf(() => readRunMeta(dir))).toBe(`${path.join(dir, 'run.json')}: written by a newer evals (format 2; this one reads up to 1): upgrade evals-harness`);
  });

  it('a malformed run.json names the file and the field', () => {
    const dir = makeTempDir('run-meta');
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...META, repeat: 'twice', systems: [{ ...META.systems[0], provider: 42 }] }));
    const message = problemsOf(() => readRunMeta(dir));
    const file = path.join(dir, 'run.json');
    expect(message).toContain(`${file}: column "repeat": Invalid input: expected number, received string (the run folder is damaged)`);
    expect(message).toContain(`${file}: column "systems[0].provider": Invalid input: expected string, received number`);
  });

  it('a missing run.json or one that is not JSON is a ConfigurationError, not a crash', () => {
    const dir = makeTempDir('run-meta');
    expect(problemsOf(() => readRunMeta(dir))).toBe(`${path.join(dir, 'run.json')} is missing`);
    writeFileSync(path.join(dir, 'run.json'), '{"suite": "toy", ');
    expect(problemsOf(() => readRunMeta(dir))).toBe(`${path.join(dir, 'run.json')} is not valid JSON (the run folder is damaged)`);
  });

  it('a writer that drifts from the schema fails when it writes, not in a later reader', () => {
    const dir = makeTempDir('run-meta');
    expect(() => writeRunMeta(dir, { ...META, repeat: 0 })).toThrow(/repeat/);
  });
});

describe('the CLI on run folders of other versions', { timeout: 60_000 }, () => {
  it('evals report --format md still renders a run folder as evals 0.1.0 wrote it', async () => {
    const { project, runDir } = projectWithOldRun();
    const result = await runCli(['report', path.relative(project, runDir), '--format', 'md'], { cwd: project, env: cleanEnv() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(path.join('reports', 'toy', OLD_RUN_ID, 'report.md'));
    const md = readFileSync(path.join(runDir, 'report.md'), 'utf8');
    // Compared with the baseline it recorded then (compared-with.json): t03 regressed, t09 fixed.
    expect(md).toContain('| t03 | candidate | 🔴 regressed |');
    expect(md).toMatch(/gate failed/i);
  });

  it('a run folder from a newer evals is refused by evals report and evals compare: exit 2, the message, no stack trace', async () => {
    const { project, runDir } = projectWithOldRun();
    editRunJson(runDir, (meta) => (meta.formatVersion = 2));
    const expected = `${path.join('reports', 'toy', OLD_RUN_ID, 'run.json')}: written by a newer evals (format 2; this one reads up to 1): upgrade evals-harness`;
    for (const args of [
      ['report', OLD_RUN_ID, '--format', 'md'],
      ['compare', OLD_RUN_ID, OLD_RUN_ID],
    ]) {
      const result = await runCli(args, { cwd: project, env: cleanEnv() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim()).toBe(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a malformed field is exit 2 naming the file and the field', async () => {
    const { project, runDir } = projectWithOldRun();
    editRunJson(runDir, (meta) => ((meta.systems as Array<Record<string, unknown>>)[1].provider = null));
    const result = await runCli(['report', OLD_RUN_ID], { cwd: project, env: cleanEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path.join('reports', 'toy', OLD_RUN_ID, 'run.json')}: column "systems[1].provider": Invalid input: expected string, received null`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
