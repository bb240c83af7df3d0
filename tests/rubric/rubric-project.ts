import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeBrain, FakeReply, FakeRequest } from '../helpers/fake-model-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import type { ResultRecord } from '../../src/types.js';

// A small project whose system is a recorded column and whose only model is the rubric's grader
// (the fake model server), so every request the server sees is a grader request.

const CASES = [
  ['r1', 'Comment on my intro', 'Quote the sentence and say what to change', 'The intro: "We are pleased" - say what you offer first.'],
  ['r2', 'Comment on my title', 'Quote the title and say what to change', 'Nice title.'],
  ['r3', 'Comment on the ending', 'Quote the ending and say what to change', 'The ending is weak.'],
  ['r4', 'Comment on paragraph 2', 'Quote paragraph 2 and say what to change', 'Paragraph 2: "In conclusion" - move it to the end.'],
];

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface ProjectOptions {
  /** Extra lines under the rubric check (indented by the caller's YAML). */
  check?: string;
  /** Extra columns: name → value per case id. */
  columns?: Record<string, Record<string, string>>;
  gate?: string;
  /** Checks block replacing the default single rubric. */
  checks?: string;
  /** Cases in all (default the four above); more are added as r5, r6… with a generic comment. */
  count?: number;
}

function casesFor(count: number): string[][] {
  const extra = Array.from({ length: Math.max(0, count - CASES.length) }, (_, i) => {
    const id = `r${CASES.length + i + 1}`;
    return [id, `Comment on section ${id}`, 'Quote the section and say what to change', `Section ${id} could be shorter.`];
  });
  return [...CASES, ...extra].slice(0, count);
}

export function rubricProject(options: ProjectOptions = {}): string {
  const dir = makeTempDir('rubric');
  mkdirSync(path.join(dir, 'suites'));
  mkdirSync(path.join(dir, 'datasets'));
  const extra = Object.keys(options.columns ?? {});
  const header = ['id', 'input', 'ideal_behavior', 'current_behavior', ...extra];
  const rows = casesFor(options.count ?? CASES.length).map(([id, input, ideal, current]) => [id, `[${id}] ${input}`, ideal, current, ...extra.map((c) => options.columns![c][id] ?? '')]);
  writeFileSync(path.join(dir, 'datasets', 'comments.csv'), [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
  const checks =
    options.checks ??
    `checks:
  - type: rubric
    grader: "openai:grader-model"
    rubric: "Ideal: {{ideal_behavior}}. The comment must quote the passage it is about and say what to change."
${options.check ?? ''}`;
  writeFileSync(
    path.join(dir, 'suites', 'comments.yaml'),
    `name: comments
dataset: datasets/comments.csv
systems:
  current: { provider: "column:current_behavior" }
${checks}
gate: ${options.gate ?? '{ systems: [current] }'}
`,
  );
  return dir;
}

/** The case a grader request is about, from the `[r1]` tag in the conversation. */
export function caseOf(request: FakeRequest): string {
  return /\[(r\d+)\]/.exec(request.messages.map((m) => m.content).join('\n'))?.[1] ?? '?';
}

export function grade(pass: boolean, reasoning: string): FakeReply {
  return { toolCalls: [{ name: 'record_grade', arguments: { reasoning, pass } }], usage: { input: 100, output: 20 } };
}

/**
 * A grader whose n-th answer for a case is `plan[case][n]`: the samples of one case are identical
 * requests, so which one gets which answer does not matter, only how many of each there are.
 */
export function plannedGrader(plan: Record<string, FakeReply[]>): FakeBrain {
  const seen = new Map<string, number>();
  return (request) => {
    const id = caseOf(request);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    const answers = plan[id] ?? [];
    return answers[Math.min(n, answers.length - 1)] ?? grade(true, 'fine');
  };
}

export function latestRunDir(project: string): string {
  const dir = path.join(project, 'reports', 'comments');
  const runs = readdirSync(dir)
    .filter((n) => /^\d{8}-/.test(n))
    .sort();
  return path.join(dir, runs[runs.length - 1]);
}

/** The run's results by case id: results.jsonl is written in the order answers finish, which varies run to run. */
export function readResults(runDir: string): ResultRecord[] {
  return readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ResultRecord)
    .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}
