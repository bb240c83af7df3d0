import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { readResults } from '../../src/store/read-run.js';
import { buildSnapshot, type Snapshot } from '../../src/regression/snapshot.js';
import { runFrame } from '../../src/regression/run-frame.js';
import { sortKeys } from '../../src/sort-keys.js';

// baseline.json and compared-with.json are written case by case and read a line at a time (issue 14:
// a million-case baseline parsed whole was 2 GB). The committed file must not change by a byte: each
// test compares what the CLI wrote with what the whole-snapshot code wrote for the same run, kept
// here as it was (oldSerialize, oldSnapshotOfRun, oldKeepSystems).

/** baseline-file.ts's serializeBaseline before baselines were streamed. */
function oldSerialize(snapshot: Snapshot): string {
  const sorted = sortKeys({ format: 'evals-baseline@1', ...snapshot }) as Record<string, unknown>;
  const lines = Object.entries(sorted).map(([key, value]) => {
    if (key !== 'cases') return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const cases = Object.entries(value as Record<string, unknown>).map(([id, kase]) => `    ${JSON.stringify(id)}: ${JSON.stringify(kase)}`);
    return cases.length ? `  "cases": {\n${cases.join(',\n')}\n  }` : '  "cases": {}';
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

async function oldSnapshotOfRun(runDir: string): Promise<Snapshot> {
  const { repeat: _repeat, ...frame } = runFrame(runDir);
  return buildSnapshot(frame, readResults(runDir));
}

/** assess-run.ts's keepSystemsThatDidNotRun before baselines were streamed. */
function oldKeepSystems(previous: Snapshot, current: Snapshot): Snapshot {
  const kept = Object.keys(previous.systems).filter((system) => !current.systems[system]);
  if (!kept.length) return current;
  const cases: Snapshot['cases'] = {};
  for (const [id, entry] of Object.entries(current.cases)) {
    const results = { ...entry.results };
    for (const system of kept) {
      const old = previous.cases[id]?.results[system];
      if (old) results[system] = old;
    }
    cases[id] = { ...entry, results };
  }
  const systems = { ...current.systems };
  for (const system of kept) systems[system] = previous.systems[system];
  return { ...current, systems, cases };
}

// Ids whose order is JavaScript's key order, not plain sorting: array indices first by number
// ("007", "-1" and 2³²-1 are not indices), then UTF-16 order (an emoji, a surrogate pair, sorts
// before U+E000, unlike in UTF-8 byte order).
const IDS = ['b', '10', '2', '0', '007', '-1', '4294967294', '4294967295', 'B', 'é', '😀x', '\uE000', 'a"quote', 'z'];

function makeProject(): string {
  const dir = makeTempDir('baseline-streamed');
  for (const sub of ['suites', 'datasets']) mkdirSync(path.join(dir, sub));
  writeFileSync(
    path.join(dir, 'suites', 'ids.yaml'),
    [
      'name: ids',
      'dataset: datasets/ids.csv',
      'repeat: 2',
      'systems:',
      '  first: { provider: "column:first" }',
      '  second: { provider: "column:second" }',
      'checks:',
      '  - { type: contains, value: "yes" }',
      '',
    ].join('\n'),
  );
  const rows = IDS.map((id, i) => `"${id.replaceAll('"', '""')}",question ${i},${i % 3 ? 'yes' : 'no'},${i % 2 ? 'yes' : 'no'}`);
  writeFileSync(path.join(dir, 'datasets', 'ids.csv'), ['id,input,first,second', ...rows].join('\n') + '\n');
  return dir;
}

const runFolders = (project: string) =>
  readdirSync(path.join(project, 'reports', 'ids'))
    .filter((name) => /^\d{8}-/.test(name))
    .sort()
    .map((name) => path.join(project, 'reports', 'ids', name));

describe('baseline.json written and read case by case', () => {
  const env = cleanEnv();
  let project: string;
  let baselineFile: string;

  beforeAll(async () => {
    project = makeProject();
    baselineFile = path.join(project, 'reports', 'ids', 'baseline.json');
    const first = await runCli(['run', 'ids', '--update-baseline'], { cwd: project, env });
    expect(first.code, first.stdout + first.stderr).toBe(0);
  });

  it('--update-baseline writes the bytes the whole-snapshot code wrote', async () => {
    const [runDir] = runFolders(project);
    const written = readFileSync(baselineFile, 'utf8');
    expect(written).toBe(oldSerialize(await oldSnapshotOfRun(runDir)));
    expect(Object.keys(JSON.parse(written).cases)).toEqual(['0', '2', '10', '4294967294', '-1', '007', '4294967295', 'B', 'a"quote', 'b', 'z', 'é', '😀x', '\uE000']);
  });

  it('a run compared with it copies it into compared-with.json byte for byte', async () => {
    const result = await runCli(['run', 'ids'], { cwd: project, env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // The repeats' line, counted as the cases go by (no list of a million verdicts).
    expect(result.stdout).toContain('first: pass@2 64.3%, pass^2 64.3% over 14 cases');
    expect(result.stdout).toContain('second: pass@2 50.0%, pass^2 50.0% over 14 cases');
    const runDir = runFolders(project).at(-1)!;
    expect(readFileSync(path.join(runDir, 'compared-with.json'), 'utf8')).toBe(readFileSync(baselineFile, 'utf8'));
  });

  it('a run given as --baseline is written as the old code wrote it, whatever the order of its results.jsonl', async () => {
    const [original] = runFolders(project);
    // Results in another order, one written twice (a resume), and a last line torn by a crash.
    const shuffled = path.join(makeTempDir('shuffled'), 'run');
    cpSync(original, shuffled, { recursive: true });
    const lines = readFileSync(path.join(original, 'results.jsonl'), 'utf8').trim().split('\n').reverse();
    const again = { ...JSON.parse(lines[3]), outputHash: 'written again' };
    writeFileSync(path.join(shuffled, 'results.jsonl'), [...lines, JSON.stringify(again), lines[0].slice(0, 40)].join('\n') + '\n');
    const target = runFolders(project).at(-1)!;
    const report = await runCli(['report', target, '--baseline', shuffled, '--format', 'terminal'], { cwd: project, env });
    expect(report.code, report.stdout + report.stderr).toBe(0);
    const expected = oldSerialize(await oldSnapshotOfRun(shuffled));
    expect(expected).toContain('written again');
    expect(readFileSync(path.join(target, 'compared-with.json'), 'utf8')).toBe(expected);
  });

  it('a baseline reformatted by hand is still read, gives the same comparison, and is recorded in the committed layout', async () => {
    const canonical = readFileSync(baselineFile, 'utf8');
    // One case now fails in the baseline: the run "fixes" it, in both layouts alike.
    const edited = JSON.parse(canonical) as Snapshot;
    edited.cases['10'].results.first = edited.cases['10'].results.first.map(() => ({ status: 'fail' as const, output: 'x' }));
    const runDir = runFolders(project).at(-1)!;
    const compared: string[] = [];
    for (const text of [oldSerialize(edited), JSON.stringify(edited, null, 2)]) {
      writeFileSync(baselineFile, text);
      const result = await runCli(['compare', 'baseline', runDir], { cwd: project, env });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('fixed 10');
      compared.push(result.stdout);
      const report = await runCli(['report', runDir, '--baseline', 'reports/ids/baseline.json', '--format', 'terminal'], { cwd: project, env });
      expect(report.code, report.stdout + report.stderr).toBe(0);
      expect(readFileSync(path.join(runDir, 'compared-with.json'), 'utf8')).toBe(oldSerialize(edited));
    }
    expect(compared[1]).toBe(compared[0]);
    writeFileSync(baselineFile, canonical);
  });

  it('a damaged baseline stops the run before it starts, with the same messages', async () => {
    const canonical = readFileSync(baselineFile, 'utf8');
    const lines = canonical.split('\n');
    const conflicted = [...lines.slice(0, 3), '<<<<<<< HEAD', lines[3], '=======', lines[3], '>>>>>>> main', ...lines.slice(4)].join('\n');
    for (const [text, message] of [
      [conflicted, 'baseline.json: not valid JSON (a merge conflict? re-create it with --update-baseline)'],
      [canonical.replace('"evals-baseline@1"', '"evals-baseline@9"'), 'baseline.json: not an evals baseline (expected "format": "evals-baseline@1")'],
      [canonical.replace(/,\n(\s+"2")/, '\n$1'), 'baseline.json: not valid JSON (a merge conflict? re-create it with --update-baseline)'],
    ]) {
      writeFileSync(baselineFile, text);
      const before = runFolders(project).length;
      const result = await runCli(['run', 'ids'], { cwd: project, env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(runFolders(project)).toHaveLength(before);
    }
    writeFileSync(baselineFile, canonical);
  });

  it('--update-baseline replacing a baseline every system ran over writes the old code bytes, and the run keeps the previous one in compared-with.json', async () => {
    const previous = readFileSync(baselineFile, 'utf8');
    const result = await runCli(['run', 'ids', '--update-baseline'], { cwd: project, env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toContain('kept');
    const runDir = runFolders(project).at(-1)!;
    expect(readFileSync(path.join(runDir, 'compared-with.json'), 'utf8')).toBe(previous);
    expect(readFileSync(baselineFile, 'utf8')).toBe(oldSerialize(await oldSnapshotOfRun(runDir)));
  });

  it('--update-baseline with --systems keeps the other systems as the old code kept them', async () => {
    const previous = JSON.parse(readFileSync(baselineFile, 'utf8')) as Snapshot;
    const result = await runCli(['run', 'ids', '--systems', 'second', '--update-baseline'], { cwd: project, env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('baseline: kept first from the previous baseline (it did not run)');
    const runDir = runFolders(project).at(-1)!;
    expect(readFileSync(baselineFile, 'utf8')).toBe(oldSerialize(oldKeepSystems(previous, await oldSnapshotOfRun(runDir))));
  });
});
