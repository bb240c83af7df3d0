import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { ConfigurationError, formatProblem } from '../../src/errors.js';
import { initProject } from '../../src/init/create-project.js';
import { checkBehaviourName } from '../../src/init/name.js';
import { DATASET_COLUMNS } from '../../src/init/templates.js';
import { loadSuite } from '../../src/suite/load.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { evalsCommand } from '../../src/invoked-as.js';

async function emptyDir(): Promise<string> {
  return makeTempDir('init');
}

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  return (error as ConfigurationError).problems.map(formatProblem);
}

describe('initProject', () => {
  it('creates a suite, a dataset, a prompt and a tool file that load as a suite', async () => {
    const dir = await emptyDir();
    const result = await initProject(dir, undefined);
    expect(result.files).toEqual({
      suite: 'suites/my-behaviour.yaml',
      dataset: 'datasets/my-behaviour.csv',
      prompt: 'prompts/my-behaviour.md',
      tools: 'tools/my-behaviour.json',
    });
    const suite = await loadSuite('my-behaviour', dir);
    expect(suite.systems.map((s) => s.provider)).toEqual(['column:current_behavior', 'openai:gpt-4o-mini']);
    expect(suite.systems[1].tools?.map((t) => t.name)).toEqual(['create_reminder']);
    expect(suite.systems[1].prompt).toContain('create_reminder');
  });

  it('writes the PM columns and six example rows: messages, a conversation, three "no" cases', async () => {
    const dir = await emptyDir();
    await initProject(dir, 'reminders');
    const bytes = await readFile(path.join(dir, 'datasets/reminders.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel reads "→" as UTF-8
    const dataset = await loadDataset('datasets/reminders.csv', { baseDir: dir, labelColumns: ['should_trigger'] });
    expect(dataset.columns).toEqual([...DATASET_COLUMNS]);
    expect([...dataset.cases].map((c) => c.messages.length)).toEqual([1, 3, 1, 1, 1, 1]);
    expect([...dataset.cases].map((c) => c.columns.should_trigger)).toEqual(['yes', 'yes', 'no', 'yes', 'no', 'no']);
    expect([...dataset.cases][0].columns.current_behavior).toMatch(/^→ create_reminder\(title: "Call mom", time: 19:00\)/);
  });

  it('refuses to overwrite, naming every file in the way, and writes nothing', async () => {
    const dir = await emptyDir();
    await mkdir(path.join(dir, 'datasets'));
    await writeFile(path.join(dir, 'datasets/my-behaviour.csv'), 'input\nmy precious cases\n');
    expect(await refusal(initProject(dir, 'my-behaviour'))).toEqual([
      `datasets/my-behaviour.csv: already exists, so nothing was created (evals init never overwrites files: choose another name, e.g. \`${evalsCommand()} init my-other-behaviour\`)`,
    ]);
    expect(await readFile(path.join(dir, 'datasets/my-behaviour.csv'), 'utf8')).toBe('input\nmy precious cases\n');
    expect(existsSync(path.join(dir, 'suites'))).toBe(false);
    expect(existsSync(path.join(dir, 'prompts/my-behaviour.md'))).toBe(false);
  });

  it('overwrites only when forced', async () => {
    const dir = await emptyDir();
    await initProject(dir, 'x');
    await writeFile(path.join(dir, 'prompts/x.md'), 'edited');
    await initProject(dir, 'x', { force: true });
    expect(await readFile(path.join(dir, 'prompts/x.md'), 'utf8')).toContain('create_reminder');
  });
});

describe('checkBehaviourName', () => {
  it('defaults to my-behaviour and keeps simple names', () => {
    expect(checkBehaviourName(undefined)).toBe('my-behaviour');
    expect(checkBehaviourName(' canvas-trigger ')).toBe('canvas-trigger');
    expect(checkBehaviourName('tasks_v2.1')).toBe('tasks_v2.1');
  });

  it.each(['My Behaviour', '../escape', 'a/b', '-dash-first', 'dots..', 'x'.repeat(65), ''])('rejects %j', (name) => {
    expect(() => checkBehaviourName(name)).toThrow(ConfigurationError);
  });
});
