import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, runCli } from '../helpers/cli.js';
import { writePlantedImportLog } from '../helpers/import-log.js';

// `evals import` on a generated log of a few thousand conversations that share their opening turns,
// spawned as a user types it: every planted repeat is dropped against the right earlier line (the
// first one still kept), and nothing else, not the look-alikes sharing the boilerplate and most words,
// not the end of a chain. The cluster of 30 variants is what the MinHash path must get right beyond
// validate's: each variant's nearest earlier neighbours in the index are variants already dropped.

describe('evals import deduplication at scale', () => {
  it('3,000 conversations with planted near-duplicates, exact repeats, look-alikes, a cluster and a chain: exactly the planted repeats are dropped', async () => {
    const dir = copyFixtureProject('toy');
    mkdirSync(path.join(dir, 'logs'));
    const log = writePlantedImportLog(path.join(dir, 'logs', 'prod.jsonl'), 'logs/prod.jsonl', 3000);
    expect(log.planted).toMatchObject({ cluster: 30, chain: 1 });
    expect(log.planted.near).toBeGreaterThan(50);
    expect(log.planted.exact).toBeGreaterThan(15);
    expect(log.planted.lookalikes).toBeGreaterThan(90);

    const result = await runCli(['import', 'logs/prod.jsonl', '--to', 'toy', '--json'], { cwd: dir, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { read: number; written: number; duplicates: unknown[]; file: string };
    expect(summary.read).toBe(log.lines);
    expect(summary.duplicates).toEqual(log.duplicates);
    expect(summary.written).toBe(log.lines - log.duplicates.length);

    const rows = Papa.parse<Record<string, string>>(readFileSync(path.resolve(dir, summary.file), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const dropped = new Set(log.duplicates.map((d) => d.source));
    const expectedSources = Array.from({ length: log.lines }, (_, i) => `logs/prod.jsonl:${i + 1}`).filter((source) => !dropped.has(source));
    expect(rows.map((row) => row.source)).toEqual(expectedSources);
  }, 120_000);
});
