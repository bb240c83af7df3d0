import { findProviderRef } from '../providers/registry.js';
import type { LoadedSuite } from '../suite/load.js';
import { recordableChecks, scoreRecorded } from './score-recorded.js';
import type { Finding } from './types.js';

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`;
}

/**
 * For each `column:` system (behaviour recorded in the sheet, e.g. `current_behavior`), its pass
 * rate on the suite's checks: the room a better system has to show it is better. Info only.
 */
export async function headroom(suite: LoadedSuite): Promise<Finding[]> {
  const checks = recordableChecks(suite);
  if (checks.length === 0) return [];
  const findings: Finding[] = [];
  for (const system of suite.systems) {
    const ref = findProviderRef(system.provider);
    if (!ref?.entry.describe.recorded) continue;
    const column = ref.target;
    let recorded = 0;
    let passed = 0;
    for await (const score of scoreRecorded(suite, column, checks)) {
      recorded += 1;
      if (score.failed.length === 0) passed += 1;
    }
    const empty = suite.dataset.cases.length - recorded;
    const missing = empty ? `; ${empty === 1 ? '1 row has' : `${empty} rows have`} nothing recorded (a run counts ${empty === 1 ? 'it as an error' : 'them as errors'})` : '';
    const rate = recorded ? ` (${percent(passed, recorded)})` : '';
    const room = recorded - passed === 0 && recorded > 0 ? 'no headroom: it already passes every case, so add harder cases' : `headroom ${recorded - passed} case${recorded - passed === 1 ? '' : 's'}`;
    findings.push({
      file: suite.file,
      severity: 'info',
      message: `${system.name} (column ${column}) passes ${passed}/${recorded}${rate}: ${room}${missing}`,
    });
  }
  return findings;
}
