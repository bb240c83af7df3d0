import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A run folder is data anyone can edit: these make the edits the trust tests try (run.json changed,
// a run cut short so that --resume has work to do).

/** The run folders of a suite in a project, oldest first: one lookup for every test (cli.ts). */
export { runFolders } from './cli.js';

/** Edit a run folder's run.json in place. */
export function tamper(runDir: string, change: (meta: Record<string, unknown>) => void): void {
  const file = path.join(runDir, 'run.json');
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(meta);
  writeFileSync(file, JSON.stringify(meta, null, 2));
}

/** Half the results removed, so a resume has work to do. */
export function interrupt(runDir: string): void {
  const file = path.join(runDir, 'results.jsonl');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  writeFileSync(file, lines.slice(0, lines.length / 2).join('\n') + '\n');
}
