import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { readCases, readResults } from '../store/read-run.js';
import { isRunFolder, readRunMeta, RUN_FILES, type RunMeta } from '../store/run-dir.js';
import type { ComparisonBlock } from '../schema/suite-file.js';
import type { Case, Output, ResultRecord } from '../types.js';
import type { PairToJudge } from './llm-judge.js';
import { outputLength } from './render-output.js';
import { addChampionOutputs, type RunChampion } from './champion-outputs.js';

// The pairs a comparison can judge in a stored run: every case and repeat where both systems
// produced an output. Shared by the LLM judge and the human page.

type Shown = Pick<Output, 'text' | 'toolCalls'>;

/** Outputs of a run by system, case and repeat. */
export class RunOutputs {
  private readonly outputs = new Map<string, Shown>();

  add(record: ResultRecord): void {
    if (record.output) this.set(record.system, record.caseId, record.repeat, record.output);
  }

  /** An output that is not a result of the run (the champion's saved ones). */
  set(system: string, caseId: string, repeat: number, output: Shown): void {
    this.outputs.set(RunOutputs.key(system, caseId, repeat), { text: output.text, toolCalls: output.toolCalls });
  }

  get(system: string, caseId: string, repeat: number): Shown | undefined {
    return this.outputs.get(RunOutputs.key(system, caseId, repeat));
  }

  /** Characters of an output, for verbosity (see summarize.ts). */
  length = (system: string, caseId: string, repeat: number): number | undefined => {
    const output = this.get(system, caseId, repeat);
    return output ? outputLength(output) : undefined;
  };

  private static key(system: string, caseId: string, repeat: number): string {
    return `${system}\u0000${caseId}\u0000${repeat}`;
  }
}

/** Read results into RunOutputs; errored results have no output and drop out here. */
async function collectOutputs(results: AsyncIterable<ResultRecord>): Promise<RunOutputs> {
  const outputs = new RunOutputs();
  for await (const record of results) outputs.add(record);
  return outputs;
}

/** Pairs of a comparison, case-major then by repeat index (repeat r of a against repeat r of b). */
export function comparisonPairs(comparison: Pick<ComparisonBlock, 'a' | 'b'>, cases: readonly Case[], repeats: number, outputs: RunOutputs): PairToJudge[] {
  const pairs: PairToJudge[] = [];
  for (const kase of cases) {
    for (let repeat = 0; repeat < repeats; repeat++) {
      const outputA = outputs.get(comparison.a, kase.id, repeat);
      const outputB = outputs.get(comparison.b, kase.id, repeat);
      if (outputA && outputB) pairs.push({ case: kase, repeat, a: comparison.a, b: comparison.b, outputA, outputB });
    }
  }
  return pairs;
}

/** A stored run, as judging needs it. */
export interface JudgeableRun {
  dir: string;
  meta: RunMeta;
  cases: Case[];
  outputs: RunOutputs;
  /** Project root (the run folder is `<root>/reports/<suite>/<id>`): rubric paths resolve here. */
  root: string;
  /** The champion the run kept, whose outputs are in `outputs` as `champion`. */
  champion?: RunChampion;
}

/** Read a run folder for judging. `root` overrides the project root when reports live elsewhere. */
export async function loadJudgeableRun(runDir: string, root?: string): Promise<JudgeableRun> {
  if (!isRunFolder(runDir)) throw new ConfigurationError([{ file: runDir, message: `not a run folder (it has no ${RUN_FILES.meta})` }]);
  const meta = readRunMeta(runDir);
  const cases = await readCases(runDir);
  const outputs = await collectOutputs(readResults(runDir));
  const champion = addChampionOutputs(runDir, cases, meta.repeat, outputs);
  return { dir: runDir, meta, cases, outputs, root: root ?? path.resolve(runDir, '..', '..', '..'), champion };
}

/** The rubric file of a comparison, read relative to the project root. */
export async function readRubric(comparison: ComparisonBlock, root: string, suiteFile: string): Promise<string | undefined> {
  if (!comparison.rubric) return undefined;
  try {
    return await readFile(path.resolve(root, comparison.rubric), 'utf8');
  } catch {
    throw new ConfigurationError([{ file: suiteFile, column: 'compare.rubric', message: `rubric file not found: ${comparison.rubric} (looked in ${root})` }]);
  }
}
