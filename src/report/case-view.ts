// How a case, an output and a verdict read in every report, so Markdown, HTML, JUnit and the
// spreadsheets say the same thing in the same words.
import { templateVariables } from '../template.js';
import type { Case, CheckSpec, Output, ResultRecord, ToolCall } from '../types.js';
import type { ReportData } from './report-data.js';

/** Cut long text for a table cell, saying how much was cut so nobody mistakes it for the whole. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max).trimEnd()}… (+${text.length - max} chars)`;
}

/** The message a case asks: the last user turn (the rest of the conversation is context). */
export function lastUserMessage(kase: Case): string {
  for (let i = kase.messages.length - 1; i >= 0; i--) {
    if (kase.messages[i].role === 'user') return kase.messages[i].content;
  }
  return kase.messages[kase.messages.length - 1]?.content ?? '';
}

/** `role: content` per turn, the form PMs type in the `input` cell. */
export function conversationText(kase: Case): string {
  if (kase.messages.length === 1 && kase.messages[0].role === 'user') return kase.messages[0].content;
  return kase.messages.map((m) => `${m.role}: ${m.content}`).join('\n');
}

function argumentValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** `canvas(type: "document")`: a tool call as a PM reads it. */
export function formatToolCall(call: ToolCall): string {
  const args = Object.entries(call.arguments ?? {}).map(([key, value]) => `${key}: ${argumentValue(value)}`);
  return `${call.name}(${args.join(', ')})`;
}

/**
 * One `→ tool(...)` line per tool call, then the text: the form PMs type recorded outputs in, so an
 * output copied from a report into the sheet reads (and parses) like their own.
 */
export function outputText(output: Output | undefined): string {
  if (!output) return '';
  const calls = output.toolCalls.map((call) => `→ ${formatToolCall(call)}`);
  return [...calls, output.text].filter((part) => part !== '').join('\n');
}

/** Why one result is what it is: failed checks (or the error) first, passing reasons when it passed. */
export function recordReasons(record: ResultRecord): string[] {
  if (record.status === 'error') return [`error (${record.error?.kind ?? 'other'}): ${record.error?.message ?? 'no output'}`];
  const failed = record.checks.filter((c) => !c.pass);
  const shown = failed.length ? failed : record.checks;
  return shown.map((c) => `${c.spec.type}: ${c.reason}`);
}

/** Distinct reasons over a case's repeats, in first-seen order. */
export function repeatReasons(records: ResultRecord[]): string[] {
  return [...new Set(records.flatMap(recordReasons))];
}

/** `pass`, `fail`, `error`, or with repeats `3/5 passed` (plus errors, never folded into fails). */
export function verdictText(records: ResultRecord[]): string {
  if (records.length === 0) return '';
  if (records.length === 1) return records[0].status;
  const passes = records.filter((r) => r.status === 'pass').length;
  const errors = records.filter((r) => r.status === 'error').length;
  return `${passes}/${records.length} passed${errors ? `, ${errors} errored` : ''}`;
}

/** Columns that hold a check's expected value, e.g. `should_trigger` from `expect: "{{should_trigger}}"`. */
export function labelColumns(checks: CheckSpec[]): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') templateVariables(value).forEach((name) => names.add(name));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const check of checks) for (const [key, value] of Object.entries(check)) if (key !== 'type') visit(value);
  return [...names];
}

/** What the case should do: the PM's `ideal_behavior`, else the labels the checks compare with. */
export function expectedBehaviour(kase: Case | undefined, checks: CheckSpec[]): string {
  if (!kase) return '';
  const ideal = kase.columns.ideal_behavior?.trim();
  if (ideal) return ideal;
  return labelColumns(checks)
    .filter((name) => kase.columns[name] !== undefined && kase.columns[name] !== '')
    .map((name) => `${name}: ${kase.columns[name]}`)
    .join(', ');
}

/** The dataset's columns in its header order (the union over cases, first seen first). */
export function datasetColumns(cases: Iterable<Case>): string[] {
  const names = new Set<string>();
  for (const kase of cases) for (const name of Object.keys(kase.columns)) names.add(name);
  return [...names];
}

/** Systems in the suite's order; systems that did not run (skipped) are left out. */
export function ranSystems(data: ReportData): string[] {
  const skipped = new Set(data.summary.systems.filter((s) => s.skipped).map((s) => s.system));
  const names = new Set<string>();
  for (const s of data.meta.systems) if (!skipped.has(s.name)) names.add(s.name);
  for (const s of data.summary.systems) if (!skipped.has(s.system)) names.add(s.system);
  for (const s of data.assessment.regression.systems) names.add(s.system);
  return [...names];
}

/** One case's results for one system, in repeat order (empty when it did not run). */
export function resultsOf(data: ReportData, caseId: string, system: string): ResultRecord[] {
  return data.results.get(caseId, system);
}
