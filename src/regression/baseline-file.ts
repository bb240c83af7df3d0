import { existsSync, readFileSync } from 'node:fs';
import { sortKeys } from '../sort-keys.js';
import { ConfigurationError } from '../errors.js';
import { writeFileAtomic } from '../store/run-dir.js';
import type { Snapshot } from './snapshot.js';
import { evalsCommand } from '../invoked-as.js';

/**
 * `reports/<suite>/baseline.json`: a snapshot committed to git, like a test snapshot. Keys are
 * sorted and it holds verdicts and output hashes only (no raw responses, latencies or dates), so
 * re-baselining an unchanged suite changes one line (the run id) and real changes read as diffs.
 */
const BASELINE_FORMAT = 'evals-baseline@1';

/**
 * One case per line: a regression shows in review as exactly the lines of the cases that changed.
 * Still plain JSON (any parser reads it).
 */
export function serializeBaseline(snapshot: Snapshot): string {
  const sorted = sortKeys({ format: BASELINE_FORMAT, ...snapshot }) as Record<string, unknown>;
  const lines = Object.entries(sorted).map(([key, value]) => {
    if (key !== 'cases') return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const cases = Object.entries(value as Record<string, unknown>).map(([id, kase]) => `    ${JSON.stringify(id)}: ${JSON.stringify(kase)}`);
    return cases.length ? `  "cases": {\n${cases.join(',\n')}\n  }` : '  "cases": {}';
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function writeBaseline(file: string, snapshot: Snapshot): void {
  writeFileAtomic(file, serializeBaseline(snapshot));
}

export function readBaseline(file: string): Snapshot {
  if (!existsSync(file)) throw new ConfigurationError(`${file}: baseline not found (create one with \`${evalsCommand()} run <suite> --update-baseline\`)`);
  let data: Snapshot & { format?: string };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigurationError(`${file}: not valid JSON (a merge conflict? re-create it with --update-baseline)`);
  }
  if (data.format !== BASELINE_FORMAT || typeof data.cases !== 'object') {
    throw new ConfigurationError(`${file}: not an evals baseline (expected "format": "${BASELINE_FORMAT}")`);
  }
  return data;
}
