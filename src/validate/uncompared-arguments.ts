import { formatCalls } from '../checks/format.js';
import { parseJsonPath } from '../checks/json-path.js';
import { resolveCheck, toolsJudgedBy } from '../checks/registry.js';
import { parseRecordedOutput } from '../providers/recorded-output.js';
import type { LoadedSuite } from '../suite/load.js';
import type { Case, CheckSpec, ToolCall } from '../types.js';
import { locate } from './locate.js';
import { idealColumn } from './self-test.js';
import type { Finding } from './types.js';

// A PM who types `→ create_reminder(time: 15:15)` in the ideal means the time matters. When no check
// compares the call's arguments (a suite with only `tool-called`), a model that sets 09:00 passes and
// nothing says so: warn, once per tool, with one example row, the count, and the line to add.

/** Showing every affected row would bury the message; the first few locate the problem. */
const ROWS_SHOWN = 5;

interface ToolArgsOptions {
  tool: string;
  path: string;
  equals?: string;
  matches?: string;
  one_of?: string[];
  same_as?: string;
}

/** Whether `spec` compares an argument of `call` recorded on this row (a presence-only tool-args compares nothing). */
function compares(spec: CheckSpec, call: ToolCall, kase: Case): boolean {
  if (spec.type !== 'tool-args') return toolsJudgedBy(spec, kase).includes(call.name);
  const resolved = resolveCheck(spec, kase);
  if (!resolved.ok || !resolved.applies) return false;
  const options = resolved.options as ToolArgsOptions;
  if (options.tool !== call.name) return false;
  if (options.equals === undefined && options.matches === undefined && options.one_of === undefined && options.same_as === undefined) return false;
  const [first] = parseJsonPath(options.path);
  return first === undefined || (typeof first === 'string' && Object.hasOwn(call.arguments, first));
}

function rowList(rows: number[]): string {
  const shown = rows.slice(0, ROWS_SHOWN).join(', ');
  return rows.length > ROWS_SHOWN ? `${shown} and ${rows.length - ROWS_SHOWN} more` : shown;
}

/**
 * The line to paste under `checks:`, for the example's time or date when it has one (the arguments a
 * PM most often gets wrong, with a normalizer that forgives "7pm"), else its first argument.
 */
function suggestedCheck(call: ToolCall, column: string): string {
  const names = Object.keys(call.arguments);
  const argument = names.find((name) => name === 'time' || name === 'date') ?? names[0];
  const normalize = argument === 'time' || argument === 'date' ? `, normalize: ${argument}` : '';
  return `- { type: tool-args, tool: ${call.name}, path: ${argument}, same_as: "{{${column}}}"${normalize} }`;
}

/**
 * Ideals whose recorded tool calls carry arguments that no check compares. A warning, not an error:
 * the suite still scores the decision, and some arguments (a free-text title) are left out on purpose;
 * a `js` check may compare anything, so a suite with one is not second-guessed.
 */
export function uncomparedArguments(suite: LoadedSuite): Finding[] {
  const column = idealColumn(suite.dataset.columns);
  const checks = suite.config.checks as CheckSpec[];
  if (!column || checks.some((check) => check.type === 'js')) return [];
  const byTool = new Map<string, Array<{ kase: Case; call: ToolCall }>>();
  for (const kase of suite.dataset.cases) {
    const cell = kase.columns[column] ?? '';
    if (cell.trim() === '') continue;
    for (const call of parseRecordedOutput(cell).toolCalls) {
      if (Object.keys(call.arguments).length === 0 || checks.some((spec) => compares(spec, call, kase))) continue;
      const rows = byTool.get(call.name) ?? [];
      // One entry per row: two calls to the same tool in one ideal are one row to fix.
      if (rows.at(-1)?.kase !== kase) rows.push({ kase, call });
      byTool.set(call.name, rows);
    }
  }
  return [...byTool].map(([tool, rows]) => {
    const [example] = rows;
    const count = rows.length === 1 ? 'this row only' : `${rows.length} rows: ${rowList(rows.map((row) => row.kase.row))}`;
    return {
      ...locate(suite.dataset, example.kase.row, column),
      severity: 'warning' as const,
      message:
        `the ideal records ${formatCalls([example.call])}, but no check in ${suite.file} compares ${tool}'s arguments (${count}), ` +
        `so a model that calls ${tool} with other values still passes: add a check for each argument that matters under checks: in ${suite.file}, e.g. ${suggestedCheck(example.call, column)}`,
    };
  });
}
