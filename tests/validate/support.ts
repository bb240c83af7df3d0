import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSuite, type LoadedSuite } from '../../src/suite/load.js';
import { formatProblem } from '../../src/errors.js';
import type { Finding } from '../../src/validate/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Each lint test writes a whole tiny project (suite + dataset) so the example is visible in the test.

export const CANVAS_CHECK = '{ type: tool-called, tool: canvas, expect: "{{should_trigger}}" }';

export interface ProjectOptions {
  checks?: string[];
  /** YAML lines under `systems:` (default: a `current` column system). */
  systems?: string[];
  /** Extra top-level YAML lines. */
  extra?: string[];
  datasetFile?: string;
  datasetBytes?: Uint8Array;
}

/** Write `suites/cases.yaml` + the dataset to a temp dir and load it as `evals validate` would. */
export async function loadCases(csv: string, options: ProjectOptions = {}): Promise<LoadedSuite> {
  const dir = makeTempDir('lint');
  const datasetFile = options.datasetFile ?? 'datasets/cases.csv';
  const suite = [
    'name: cases',
    `dataset: ${datasetFile}`,
    ...(options.extra ?? []),
    'systems:',
    ...(options.systems ?? ['  current: { provider: "column:current_behavior" }']).map((line) => (line.startsWith(' ') ? line : `  ${line}`)),
    'checks:',
    ...(options.checks ?? [CANVAS_CHECK]).map((check) => `  - ${check}`),
  ].join('\n');
  await mkdir(path.join(dir, 'suites'), { recursive: true });
  await mkdir(path.join(dir, path.dirname(datasetFile)), { recursive: true });
  await writeFile(path.join(dir, 'suites', 'cases.yaml'), suite);
  await writeFile(path.join(dir, datasetFile), options.datasetBytes ?? csv);
  return loadSuite('cases', dir);
}

/** `warning: datasets/cases.csv:3: column "input": …`, as validate prints them. */
export function lines(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.severity}: ${formatProblem(finding)}`);
}

/** CSV text from rows of cells, quoting as a spreadsheet export would. */
export function csv(rows: string[][]): string {
  return rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n') + '\n';
}
