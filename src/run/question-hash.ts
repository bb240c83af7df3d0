import { createHash } from 'node:crypto';
import type { LoadedSuite } from '../suite/load.js';
import { templateVariables } from '../template.js';

/**
 * The columns that make up a case's question: the conversation, its moment, and every column the
 * suite's checks, prompts and rubrics read. Recorded outputs and notes are not among them, so
 * editing `current_behavior` or adding a column does not flag every case as "changed".
 */
export function questionColumns(suite: LoadedSuite): string[] {
  const names = new Set(['input', 'now', 'timezone']);
  for (const name of templateVariables(JSON.stringify(suite.config.checks))) names.add(name);
  for (const system of suite.systems) for (const name of templateVariables(system.prompt ?? '')) names.add(name);
  for (const comparison of suite.comparisons) for (const name of templateVariables(comparison.rubricText ?? '')) names.add(name);
  return [...names].sort();
}

/** Hash of those columns of a case's (16 hex): same id with a different hash is a changed question. */
export function questionHash(caseColumns: Record<string, string>, columns: string[]): string {
  const material = columns.map((name) => [name, caseColumns[name] ?? null]);
  return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 16);
}
