import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';
import { sourceOfSnapshot, type BaselineSource, type Snapshot } from './snapshot.js';
import { evalsCommand } from '../invoked-as.js';
import { indexBaseline } from './baseline-index.js';
import { BASELINE_FORMAT, writeBaseline } from './baseline-text.js';

/**
 * A baseline file, its cases read one at a time when a comparison asks for them. A file in the
 * layout evals writes (one case a line) is indexed, not held (baseline-index.ts); any other JSON
 * (reformatted by hand or a tool) is read whole, as before.
 */
export function readBaseline(file: string): BaselineSource {
  if (!existsSync(file)) throw new ConfigurationError(`${file}: baseline not found (create one with \`${evalsCommand()} run <suite> --update-baseline\`)`);
  const indexed = indexBaseline(file);
  if (indexed && indexed.format === BASELINE_FORMAT) return indexed.source;
  indexed?.source.close();
  const snapshot = readBaselineWhole(file);
  return { ...sourceOfSnapshot(snapshot), copyTo: (to) => writeBaseline(to, snapshot), close: () => {} };
}

function readBaselineWhole(file: string): Snapshot {
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
