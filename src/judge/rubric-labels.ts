import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { redactValue } from '../secrets/redact.js';
import { RUN_FILES } from '../store/run-dir.js';

// `<run>/rubric-labels.jsonl`: people's pass/fail for outputs a rubric grader graded, made on the
// human judging page blind to the grader's verdict. `evals calibrate` pairs them with the grades.

export interface RubricLabel {
  caseId: string;
  system: string;
  repeat: number;
  /** The rubric's name (its `name:`, else `rubric`). */
  rubric: string;
  pass: boolean;
  comment?: string;
  rater: string;
  at: string;
}

function rubricLabelsPath(runDir: string): string {
  return path.join(runDir, RUN_FILES.rubricLabels);
}

/** One label, appended as it is made (a page closed mid-way loses nothing). */
export function appendRubricLabel(runDir: string, label: RubricLabel): void {
  appendFileSync(rubricLabelsPath(runDir), JSON.stringify(redactValue(label)) + '\n');
}

/** Every label in the run, in the order made; a torn last line (a crash mid-write) is left out. */
export function readRubricLabels(runDir: string): RubricLabel[] {
  const file = rubricLabelsPath(runDir);
  if (!existsSync(file)) return [];
  const labels: RubricLabel[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      labels.push(JSON.parse(line) as RubricLabel);
    } catch {
      // torn line: not a label
    }
  }
  return labels;
}
