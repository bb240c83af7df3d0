import { createHash } from 'node:crypto';
import { readResults } from '../store/read-run.js';
import type { CheckSpec, Output } from '../types.js';
import { renderGradingRubric } from './judge-prompt.js';
import type { JudgeableRun } from './run-pairs.js';

// What a person labels for grader calibration: each output a rubric check graded, with the rubric as
// the grader read it, and nothing of the grader's verdict, score or reasoning, so people label blind.

export interface RubricItem {
  kind: 'rubric';
  /** Opaque: a hash, never a system name. */
  id: string;
  caseId: string;
  system: string;
  repeat: number;
  rubric: string;
  /** The rubric as the grader read it for this output. */
  rubricText: string;
  output: Pick<Output, 'text' | 'toolCalls'>;
}

/** Every rubric-graded output of the run (errored grades too: people can still label the output), case-major. */
export async function rubricItems(run: JudgeableRun): Promise<RubricItem[]> {
  const specs = new Map(((run.meta.checks ?? []) as CheckSpec[]).filter((c) => c.type === 'rubric').map((c) => [typeof c.name === 'string' ? c.name : 'rubric', c]));
  if (!specs.size) return [];
  const cases = new Map(run.cases.map((c) => [c.id, c]));
  const items: RubricItem[] = [];
  for await (const result of readResults(run.dir)) {
    const kase = cases.get(result.caseId);
    if (!kase || !result.output) continue;
    for (const check of result.checks) {
      const spec = check.grade && specs.get(check.grade.rubric);
      if (!spec || typeof spec.rubric !== 'string') continue;
      const rubric = check.grade!.rubric;
      const id = createHash('sha256').update(['rubric', rubric, result.system, result.caseId, result.repeat].join('\u0000')).digest('hex').slice(0, 16);
      items.push({
        kind: 'rubric',
        id,
        caseId: result.caseId,
        system: result.system,
        repeat: result.repeat,
        rubric,
        rubricText: renderGradingRubric(spec.rubric, kase, result.output),
        output: result.output,
      });
    }
  }
  const order = new Map(run.cases.map((c, i) => [c.id, i]));
  return items.sort((x, y) => order.get(x.caseId)! - order.get(y.caseId)! || x.repeat - y.repeat || x.rubric.localeCompare(y.rubric));
}
