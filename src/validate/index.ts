import { formatProblem } from '../errors.js';
import type { LoadedSuite } from '../suite/load.js';
import { duplicateInputs } from './duplicates.js';
import { headroom } from './headroom.js';
import { labelBalance } from './label-balance.js';
import { encodingSlips } from './encoding-slips.js';
import { recordedCellWarnings } from './recorded-cells.js';
import { selfTest } from './self-test.js';
import { sliceSizes } from './slice-sizes.js';
import { systemNameWarnings } from './system-names.js';
import { uncomparedArguments } from './uncompared-arguments.js';
import { SEVERITY_ORDER, type Finding } from './types.js';

export type { Finding } from './types.js';

/**
 * Everything `evals validate` says about a suite that loaded: the loader's warnings (near-miss role
 * labels), label balance, duplicate inputs, the ideal column's self-test, ideal tool arguments no
 * check compares, hand-typed tool-call slips, the recorded systems' headroom and the slices' sizes.
 * Pure over the loaded suite (no model calls, no file reads). Errors first, then warnings, then
 * info, each in file and row order; every finding appears once.
 */
export async function lintSuite(suite: LoadedSuite): Promise<Finding[]> {
  const slips = encodingSlips(suite);
  // Cells that lost their "→" in a Windows-1252 save get the one message that says so, not each a
  // self-test failure asking for the "→" the PM already typed.
  const aboutSlippedCell = (finding: Finding) => finding.row !== undefined && finding.column !== undefined && slips.cells.has(`${finding.row} ${finding.column}`);
  const findings: Finding[] = [
    ...slips.findings,
    ...systemNameWarnings(suite),
    ...suite.dataset.warnings.map((warning) => ({ ...warning, severity: 'warning' as const })),
    ...labelBalance(suite),
    ...duplicateInputs(suite.dataset),
    ...(await selfTest(suite)).filter((finding) => !aboutSlippedCell(finding)),
    ...uncomparedArguments(suite),
    ...recordedCellWarnings(suite).filter((finding) => !aboutSlippedCell(finding)),
    ...(await headroom(suite)),
    ...sliceSizes(suite),
  ];
  return sortFindings(dedupeFindings(findings));
}

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.severity} ${formatProblem(finding)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Errors first, then warnings, then info; within each, by file and row (the order a PM fixes them). */
function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.finding.file.localeCompare(b.finding.file) || (a.finding.row ?? 0) - (b.finding.row ?? 0) || a.order - b.order,
    )
    .map(({ finding }) => finding);
}
