import { runCheck } from '../checks/registry.js';
import { parseRecordedOutput, type RecordedOutput } from '../providers/recorded-output.js';
import type { LoadedSuite } from '../suite/load.js';
import type { Case, CheckResult, CheckSpec } from '../types.js';

/**
 * Checks about how a live call went, which a recorded cell has nothing to say about, and checks that
 * need a model to grade (`rubric`): validate never calls a model.
 */
const LIVE_ONLY_CHECKS = new Set(['max-latency', 'max-tokens', 'rubric']);

/** The suite's checks that can judge a recorded (typed-in) output. */
export function recordableChecks(suite: LoadedSuite): CheckSpec[] {
  return suite.config.checks.filter((check) => !LIVE_ONLY_CHECKS.has(check.type)) as CheckSpec[];
}

export interface RecordedScore {
  kase: Case;
  recorded: RecordedOutput;
  /** Every check's result, in the suite's order. */
  results: CheckResult[];
  /** The checks this cell fails (empty: it passes all of them). */
  failed: CheckResult[];
}

/**
 * Read `column` of every case as a recorded output (`→ tool(arg: value)` lines plus text) and run
 * `checks` on it, the way a `column:` system is scored. Rows with an empty cell are left out. One at
 * a time: the callers keep counts and the failures, not a score per row of a million-row sheet.
 */
export async function* scoreRecorded(suite: LoadedSuite, column: string, checks: CheckSpec[]): AsyncGenerator<RecordedScore> {
  for (const kase of suite.dataset.cases) {
    const cell = kase.columns[column] ?? '';
    if (cell.trim() === '') continue;
    const recorded = parseRecordedOutput(cell);
    const output = { text: recorded.text, toolCalls: recorded.toolCalls, latencyMs: 0 };
    const results: CheckResult[] = [];
    for (const check of checks) results.push(await runCheck(check, output, kase));
    yield { kase, recorded, results, failed: results.filter((result) => !result.pass) };
  }
}

/** `tool-called (canvas)`, `tool-args (canvas.type)`, `regex`: how a check is named in findings. */
export function describeCheck(spec: CheckSpec): string {
  const tool = typeof spec.tool === 'string' ? spec.tool : undefined;
  const path = typeof spec.path === 'string' ? spec.path : undefined;
  if (tool) return `${spec.type} (${tool}${path ? `.${path}` : ''})`;
  return spec.type;
}
