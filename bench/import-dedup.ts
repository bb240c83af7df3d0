import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writePlantedImportLog } from '../tests/helpers/import-log.js';
import { measureCli } from './measure.js';
import { makeBenchProject } from './project.js';

// `--only import-dedup`: `evals import` on generated logs of 2,000 and 20,000 conversations sharing
// their opening turns, with planted repeats and look-alikes (tests/helpers/import-log.ts), against a
// 100-row sheet. Deduplication compared every pair until it went through the MinHash index. Then the
// slowest shape for the index: every conversation behind the same 100-word preamble, so most share
// every band (no planted repeats: the row is the time).

interface ImportRow {
  scenario: string;
  measured: string;
  target: string;
  ok: boolean;
}

export async function importDedupRows(env: NodeJS.ProcessEnv, sizes: number[]): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for (const n of sizes) {
    const project = makeBenchProject(100);
    mkdirSync(path.join(project, 'logs'));
    // Planted lines come on top of the generated ones: n − 7% generated makes about n in all.
    const log = writePlantedImportLog(path.join(project, 'logs', 'prod.jsonl'), 'logs/prod.jsonl', Math.round(n * 0.935));
    const m = await measureCli(['import', 'logs/prod.jsonl', '--to', 'bench', '--json'], project, env);
    const summary = m.code === 0 ? (JSON.parse(m.stdout) as { duplicates: unknown[] }) : undefined;
    const exact = summary !== undefined && JSON.stringify(summary.duplicates) === JSON.stringify(log.duplicates);
    rows.push({
      scenario: `import-dedup, ${log.lines} conversations: evals import`,
      measured: `${(m.wallMs / 1000).toFixed(1)} s, ${m.peakRssMb.toFixed(0)} MB, ${exact ? `the ${log.duplicates.length} planted repeats dropped, nothing else` : `WRONG duplicates (exit ${m.code})`}`,
      target: 'runs at every size, planted repeats exactly',
      ok: exact,
    });
  }
  return rows;
}

/** `evals import` on `n` conversations whose first turn is the same 100 words, then 15 words of their own. */
export async function preambleRow(env: NodeJS.ProcessEnv, n: number): Promise<ImportRow> {
  const project = makeBenchProject(100);
  mkdirSync(path.join(project, 'logs'));
  const preamble = Array.from({ length: 100 }, (_, i) => `p${i}`).join(' ');
  let state = 7;
  const word = () => `w${(state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 50_000}`;
  const lines = Array.from({ length: n }, () =>
    JSON.stringify({
      messages: [
        { role: 'assistant', content: preamble },
        { role: 'user', content: Array.from({ length: 15 }, word).join(' ') },
        { role: 'assistant', content: 'ok' },
      ],
    }),
  );
  writeFileSync(path.join(project, 'logs', 'prod.jsonl'), lines.join('\n') + '\n');
  const m = await measureCli(['import', 'logs/prod.jsonl', '--to', 'bench', '--json'], project, env);
  const written = m.code === 0 ? (JSON.parse(m.stdout) as { written: number }).written : -1;
  return {
    scenario: `import-dedup, ${n} conversations behind one 100-word preamble`,
    measured: `${(m.wallMs / 1000).toFixed(1)} s, ${m.peakRssMb.toFixed(0)} MB, ${written} written (exit ${m.code})`,
    target: `< 60 s, all ${n} written`,
    ok: m.wallMs < 60_000 && written === n,
  };
}
