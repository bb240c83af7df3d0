import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// A suite far past the old 5,000-case limit of the near-duplicate check, generated in the test's own
// temp folder: `evals validate` through the built CLI must still find the one planted pair.

const ROWS = 50_000;

/** 12–20 words from a 3,000-word vocabulary, the same on every run. */
function sentence(seed: number): string {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: 12 + (next() % 9) }, () => `word${next() % 3000}`).join(' ');
}

function project(rows: string[][]): string {
  const dir = makeTempDir('large-suite');
  mkdirSync(path.join(dir, 'suites'));
  mkdirSync(path.join(dir, 'datasets'));
  writeFileSync(
    path.join(dir, 'suites', 'big.yaml'),
    ['name: big', 'dataset: datasets/big.csv', 'systems:', '  bot: { provider: "exec:echo" }', 'checks:', '  - { type: not-contains, value: "As an AI" }', ''].join('\n'),
  );
  writeFileSync(path.join(dir, 'datasets', 'big.csv'), [['id', 'input'], ...rows].map((row) => row.join(',')).join('\n') + '\n');
  return dir;
}

function generated(): string[][] {
  return Array.from({ length: ROWS }, (_, i) => [`case-${i}`, sentence(i + 1)]);
}

describe('evals validate on a 50,000-case suite', () => {
  it('finds a near-duplicate pair planted 49,000 rows apart', async () => {
    const rows = generated();
    const original = sentence(1_000);
    rows[999] = ['original', `Please turn these notes into a document ${original}`];
    rows.push(['copy', `please turn these notes into a doc ${original}`]);
    const result = await runCli(['validate', 'big'], { cwd: project(rows) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `datasets/big.csv:${ROWS + 2}: column "input": rows 1001 and ${ROWS + 2} have nearly the same input (ids "original" and "copy": differing only in "document", "doc")`,
    );
    expect(result.stdout.match(/nearly the same input/g)).toHaveLength(1);
    expect(result.stdout).toContain(`suites/big.yaml: ${ROWS + 1} cases, 1 warning, 0 errors`);
  }, 180_000);

  it('names both rows of an id used twice, 40,000 rows apart', async () => {
    const rows = generated();
    rows[40_500][0] = 'case-500';
    const result = await runCli(['validate', 'big'], { cwd: project(rows) });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('datasets/big.csv:40502: column "id": id "case-500" is used by rows 502 and 40502; ids must be unique');
  }, 180_000);
});
