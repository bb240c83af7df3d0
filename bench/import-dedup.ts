import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writePlantedImportLog } from '../tests/helpers/import-log.js';
import { measureCli } from './measure.js';
import { makeBenchProject } from './project.js';

// `--only import-dedup`: `evals import` on generated logs of 2,000 and 20,000 conversations sharing
// their opening turns, with planted repeats and look-alikes (tests/helpers/import-log.ts), against a
// 100-row sheet. Deduplication compared every pair until it went through the MinHash index.

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
