import { parseRecordedOutput } from '../providers/recorded-output.js';
import { findProviderRef } from '../providers/registry.js';
import type { LoadedSuite } from '../suite/load.js';
import { didYouMean } from '../suggest.js';
import { locate } from './locate.js';
import { idealColumn } from './self-test.js';
import type { Finding } from './types.js';

/** The columns PMs type outputs into: the ideal, and every `column:` system's column. */
export function recordedColumns(suite: LoadedSuite): string[] {
  const columns = new Set<string>();
  const ideal = idealColumn(suite.dataset.columns);
  if (ideal) columns.add(ideal);
  for (const system of suite.systems) {
    const ref = findProviderRef(system.provider);
    if (ref?.entry.describe.recorded && suite.dataset.columns.includes(ref.target)) columns.add(ref.target);
  }
  return [...columns];
}

/** Tool names the suite knows: from its systems' tool files and its checks' `tool:` options. */
function knownTools(suite: LoadedSuite): Set<string> {
  const names = new Set<string>();
  for (const system of suite.systems) for (const tool of system.tools ?? []) names.add(tool.name);
  for (const check of suite.config.checks) {
    if (typeof check.tool === 'string' && check.tool.toLowerCase() !== 'none' && !check.tool.includes('{{')) names.add(check.tool);
  }
  return names;
}

/**
 * Hand-typed tool calls that look like slips: an unclosed parenthesis, an argument without a name,
 * or a tool the suite never mentions (`→ canvs`). Warnings: the cell still scores as written.
 */
export function recordedCellWarnings(suite: LoadedSuite): Finding[] {
  const findings: Finding[] = [];
  const tools = knownTools(suite);
  for (const column of recordedColumns(suite)) {
    for (const kase of suite.dataset.cases) {
      const cell = kase.columns[column] ?? '';
      if (cell.trim() === '') continue;
      const recorded = parseRecordedOutput(cell);
      const messages = [...recorded.warnings];
      if (tools.size > 0) {
        for (const call of recorded.toolCalls) {
          if (!tools.has(call.name)) messages.push(`"${call.name}" is not a tool this suite knows${didYouMean(call.name, tools) || ` (known: ${[...tools].join(', ')})`}`);
        }
      }
      if (messages.length > 0) findings.push({ ...locate(suite.dataset, kase.row, column), severity: 'warning', message: [...new Set(messages)].join('; ') });
    }
  }
  return findings;
}
