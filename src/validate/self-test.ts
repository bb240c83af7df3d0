import type { LoadedSuite } from '../suite/load.js';
import type { CheckResult } from '../types.js';
import { locate } from './locate.js';
import { describeCheck, recordableChecks, scoreRecorded, type RecordedScore } from './score-recorded.js';
import type { Finding } from './types.js';

/** The column holding what the PM says the system should do; the British spelling is accepted too. */
const IDEAL_COLUMNS = ['ideal_behavior', 'ideal_behaviour'];

export function idealColumn(columns: string[]): string | undefined {
  return IDEAL_COLUMNS.find((name) => columns.includes(name));
}

const TOOL_CHECKS = new Set(['tool-called', 'tool-args']);

/**
 * Why an ideal without a recorded call fails a tool check, when we can tell: either the row
 * expects no call and a tool-args check lacks an `if:`, or the ideal describes the call in prose.
 */
function recordingHint(score: RecordedScore): string {
  if (score.recorded.toolCalls.length > 0) return '';
  const toolCheck = score.failed.find((result) => TOOL_CHECKS.has(result.spec.type));
  if (!toolCheck) return '';
  const tool = typeof toolCheck.spec.tool === 'string' && toolCheck.spec.tool.toLowerCase() !== 'none' ? toolCheck.spec.tool : 'tool_name';
  const noCallExpected = score.results.find((result) => result.pass && result.spec.type === 'tool-called' && result.spec.tool === toolCheck.spec.tool && !result.reason.startsWith('not applicable'));
  if (toolCheck.spec.type === 'tool-args' && noCallExpected) {
    const label = typeof noCallExpected.spec.expect === 'string' ? `"${noCallExpected.spec.expect}"` : 'the yes/no column';
    return ` (this row expects no call to ${tool}, so the tool-args check should not apply here: give it if: ${label})`;
  }
  return ` (no tool call is recorded: write the call as a line of its own, e.g. "→ ${tool}" or "→ ${tool}(name: value)")`;
}

function failures(failed: CheckResult[]): string {
  return failed.map((result) => `${describeCheck(result.spec)}: ${result.reason}`).join('; ');
}

/**
 * The eval's self-test: every non-empty ideal must pass every check that can judge recorded text.
 * An ideal that fails means the check, the label or the ideal is wrong, and the suite would score
 * a perfect system as failing: an error, one per row, naming every check it fails.
 */
export async function selfTest(suite: LoadedSuite): Promise<Finding[]> {
  const column = idealColumn(suite.dataset.columns);
  const checks = recordableChecks(suite);
  if (!column || checks.length === 0) {
    if (!column && checks.length > 0) {
      return [{ ...locate(suite.dataset), severity: 'info', message: 'no ideal_behavior column, so the checks were not self-tested (see "Writing ideals" in the README)' }];
    }
    return [];
  }
  const findings: Finding[] = [];
  let scored = 0;
  for await (const score of scoreRecorded(suite, column, checks)) {
    scored += 1;
    if (score.failed.length === 0) continue;
    const n = score.failed.length;
    findings.push({
      ...locate(suite.dataset, score.kase.row, column),
      severity: 'error',
      message: `the ideal behaviour fails ${n === 1 ? '' : `${n} checks: `}${failures(score.failed)}${recordingHint(score)}: the ideal, the label or the check is wrong`,
    });
  }
  const passing = scored - findings.length;
  const empty = suite.dataset.cases.length - scored;
  findings.push({
    ...locate(suite.dataset, undefined, column),
    severity: 'info',
    message: `${passing}/${scored} ideals pass every check${empty ? ` (${empty === 1 ? '1 row has' : `${empty} rows have`} no ideal)` : ''}`,
  });
  return findings;
}
