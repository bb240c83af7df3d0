import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeLargeRunFolder } from '../helpers/large-run-folder.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The report writers read a large run in bounded memory (issue 14): they keep no object per case,
// build no list of every case, and write as they go. What they write must not move by a byte. These
// are the files `evals report` wrote for this run (3,000 cases, three systems, two repeats, every
// transition, edited rows, decisions) with the code before the writers streamed: each file's size
// and SHA-256. A change that means to change a report updates them, and says so.

const REFERENCE: Record<string, { bytes: number; sha256: string }> = {
  'report.md': { bytes: 25_926, sha256: '7c86ef9f78ab42f6a80cf7f49106aaee5c8e3ab1d543437268b1e8304dcf9240' },
  'report.html': { bytes: 5_864_858, sha256: '18e53e863174002031c596468f30a6e967c29dbc9e62a4b878c3932e4602cba8' },
  'junit.xml': { bytes: 1_774_117, sha256: '5f2f38c7f827e026248428deab9f2a09e2aed731549fb11f3e8983d2d5fbca51' },
  'results.csv': { bytes: 1_308_967, sha256: 'cb1a15544efc7a0ede42671ade85255406b7f9c73f7f7e94905b5a56350f4b10' },
};

describe('evals report on 3,000 cases: the same bytes as before the writers streamed', () => {
  test('md, html, junit and csv', async () => {
    const root = makeTempDir('large-report');
    const runDir = await writeLargeRunFolder(root);
    const result = await runCli(['report', runDir, '--format', 'md,html,junit,csv'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written: Record<string, { bytes: number; sha256: string }> = {};
    for (const file of ['report.md', 'report.html', 'junit.xml', 'results.csv']) {
      const bytes = readFileSync(path.join(runDir, file));
      written[file] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
    expect(written).toEqual(REFERENCE);
  }, 60_000);
});
