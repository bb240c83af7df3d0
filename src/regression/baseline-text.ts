import { sortKeys } from '../sort-keys.js';
import { writeFileAtomic, writeFileAtomicStreamed } from '../store/run-dir.js';
import type { Snapshot, SnapshotCase } from './snapshot.js';

/**
 * `reports/<suite>/baseline.json`: a snapshot committed to git, like a test snapshot. Keys are
 * sorted and it holds verdicts and output hashes only (no raw responses, latencies or dates), so
 * re-baselining an unchanged suite changes one line (the run id) and real changes read as diffs.
 */
export const BASELINE_FORMAT = 'evals-baseline@1';

/**
 * One case per line: a regression shows in review as exactly the lines of the cases that changed.
 * Still plain JSON (any parser reads it). `cases` must come in baseline order (baseline-order.ts).
 */
function writeBaselineText(write: (text: string) => void, frame: Omit<Snapshot, 'cases'>, cases: Iterable<[string, SnapshotCase]>): void {
  const sorted = sortKeys({ format: BASELINE_FORMAT, ...frame, cases: {} }) as Record<string, unknown>;
  write('{\n');
  Object.entries(sorted).forEach(([key, value], at) => {
    if (at) write(',\n');
    if (key !== 'cases') {
      write(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
      return;
    }
    write('  "cases": {');
    let first = true;
    for (const [id, kase] of cases) {
      write(`${first ? '\n' : ',\n'}    ${JSON.stringify(id)}: ${JSON.stringify(sortKeys(kase))}`);
      first = false;
    }
    write(first ? '}' : '\n  }');
  });
  write('\n}\n');
}

/** A whole snapshot as baseline.json's text (the cases in JavaScript's key order, which sortKeys gives). */
function serializeBaseline(snapshot: Snapshot): string {
  const parts: string[] = [];
  const { cases, ...frame } = snapshot;
  writeBaselineText((text) => parts.push(text), frame, Object.entries(sortKeys(cases) as Snapshot['cases']));
  return parts.join('');
}

export function writeBaseline(file: string, snapshot: Snapshot): void {
  writeFileAtomic(file, serializeBaseline(snapshot));
}

/** Write a baseline case by case, never the whole text at once (`cases` in baseline order). */
export function writeBaselineStreamed(file: string, frame: Omit<Snapshot, 'cases'>, cases: Iterable<[string, SnapshotCase]>): void {
  writeFileAtomicStreamed(file, (write) => writeBaselineText(write, frame, cases));
}
