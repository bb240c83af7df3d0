import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeBrain } from '../helpers/fake-model-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { prefersLonger } from './judge-brains.js';

/** A project with a system on the fake server and a recorded one, compared by an LLM judge on the same endpoint and key. */
export function comparedProject(api: 'openai' | 'anthropic', cases: number): string {
  const dir = makeTempDir('compared');
  mkdirSync(path.join(dir, 'suites'));
  mkdirSync(path.join(dir, 'datasets'));
  const rows = Array.from({ length: cases }, (_, i) => `p${i},Question ${i},Short.`);
  writeFileSync(path.join(dir, 'datasets', 'compared.csv'), `id,input,recorded\n${rows.join('\n')}\n`);
  writeFileSync(
    path.join(dir, 'suites', 'compared.yaml'),
    `name: compared
dataset: datasets/compared.csv
systems:
  model: { provider: "${api}:fake-model" }
  recorded: { provider: "column:recorded" }
checks:
  - { type: not-contains, value: "zzz" }
compare:
  - { a: model, b: recorded, judge: "${api}:fake-judge" }
`,
  );
  return dir;
}

/** The judge prefers the longer answer; the system answers at length; each answer takes `delayMs`. */
export function answersAndJudges(delayMs: number): FakeBrain {
  return (request) => (request.tools[0]?.name === 'record_verdict' ? { ...prefersLonger(request), delayMs } : { text: 'A longer answer from the model.', usage: { input: 20, output: 8 }, delayMs });
}
