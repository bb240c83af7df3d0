import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readSummary } from '../store/read-run.js';
import { isRunFolder, readRunMeta } from '../store/run-dir.js';
import type { OtherSuiteAtPromotion } from './lineage-file.js';

// A promotion records how every other suite stood at that moment, so the lineage can show whether
// a generation that won here cost something elsewhere: each suite's latest full run (every case,
// finished), its pass rate per system, from its summary.json.

/** The latest run of a suite that covered every case and finished. */
function latestFullRun(suiteDir: string): string | undefined {
  const runs = readdirSync(suiteDir)
    .filter((name) => isRunFolder(path.join(suiteDir, name)))
    .sort()
    .reverse();
  for (const name of runs) {
    const dir = path.join(suiteDir, name);
    try {
      const meta = readRunMeta(dir);
      if (meta.filter !== null || meta.limit !== null || meta.shard) continue;
      if (readSummary(dir)?.complete) return dir;
    } catch {
      // A damaged or newer run folder says nothing about the suite now: look at the one before.
    }
  }
  return undefined;
}

/** Every other suite under reports/ with a full run, by name. */
export function otherSuitesNow(reportsDir: string, suite: string): OtherSuiteAtPromotion[] {
  if (!existsSync(reportsDir)) return [];
  const others: OtherSuiteAtPromotion[] = [];
  for (const name of readdirSync(reportsDir).sort()) {
    const dir = path.join(reportsDir, name);
    if (name === suite || !existsSync(dir) || isRunFolder(dir)) continue;
    let run: string | undefined;
    try {
      run = latestFullRun(dir);
    } catch {
      continue; // not a suite folder (a file such as summary.md)
    }
    const summary = run ? readSummary(run) : undefined;
    if (!summary) continue;
    others.push({ suite: name, runId: summary.runId, passRates: Object.fromEntries(summary.systems.filter((s) => !s.skipped).map((s) => [s.system, s.passRate])) });
  }
  return others;
}
