import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';
import { validateAnthropicFile, validateOpenAiChatFile } from '../helpers/fine-tune-validator.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// `evals export <suite> --format openai-chat|anthropic`, spawned as a user types it. Every file is
// checked by a validator written from the providers' documented formats; on planted sheets the rows
// written, refused (and why) and skipped are exactly those planted.

const SUITE = `name: toy
dataset: datasets/toy.csv
labels: [should_trigger]
systems:
  current: { provider: "column:ideal_behavior" }
  candidate: { provider: "openai:fake-model", prompt: prompts/system.md, tools: tools/canvas.json, temperature: 0 }
checks:
  - { type: tool-called, tool: canvas, expect: "{{should_trigger}}" }
  - { type: tool-args, tool: canvas, path: type, equals: "{{canvas_type}}", if: "{{should_trigger}}" }
now: "2026-11-26T09:00:00"
`;

/** One planted row per outcome: written, refused for each reason, skipped. Rows are numbered from 2. */
const PLANTED: string[][] = [
  ['p01', 'Write a 2,000-word essay on the printing press', 'yes', 'document', '→ canvas(type: document, title: "Printing press")\nOpened a document with a first draft.'],
  ['p02', 'What is the capital of Peru?', 'no', '', 'Lima.'],
  [
    'p03',
    'user: Write me a short poem about rain\nassistant: Rain taps the glass, the evening sighs.\nuser: Put it in a doc so we can work on it',
    'yes',
    'document',
    '→ canvas(type: document, title: "Rain")\nMoved the poem into a document.',
  ],
  ['p04', 'Draft a cover letter for a data analyst job', 'yes', 'document', "Sure, here's a cover letter: Dear hiring manager…"],
  ['p05', 'thanks!', 'no', '', '→ canvas(type: document, title: "Thanks")'],
  ['p06', 'Tell me a joke', 'no', '', ''],
  ['p07', 'What is the weather in Lima?', 'no', '', '→ search_web(query: "weather Lima")\nLet me look that up.'],
  ['p08', 'Refactor this Python script into a module I can keep editing', 'yes', 'code', '→ canvas(type: document, title: "Refactor")'],
];

function plantedProject(rows: string[][] = PLANTED): string {
  const dir = copyFixtureProject('toy');
  writeFileSync(path.join(dir, 'suites', 'toy.yaml'), SUITE);
  const csv = Papa.unparse({ fields: ['id', 'input', 'should_trigger', 'canvas_type', 'ideal_behavior'], data: rows }, { newline: '\n' });
  writeFileSync(path.join(dir, 'datasets', 'toy.csv'), csv + '\n');
  return dir;
}

async function exportJson(cwd: string, args: string[]) {
  const result = await runCli(['export', ...args, '--json'], { cwd, env: cleanEnv() });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    written: number;
    writtenFailing: number;
    skippedNoIdeal: number;
    refused: Array<{ reason: string; rows: number[] }>;
    files: Array<{ file: string; lines: number }>;
  };
}

function read(cwd: string, file: string): string {
  return readFileSync(path.resolve(cwd, file), 'utf8');
}

function jsonLines(text: string): Array<Record<string, any>> {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('evals export (fine-tuning formats)', () => {
  it.each(['canvas-trigger', 'tasks-schedule', 'canvas-comments'])('the example suite %s exports to both formats; every file passes the validator and every row is accounted for', async (suite) => {
    const out = makeTempDir('export-examples');
    const cases = Papa.parse<Record<string, string>>(readFileSync(path.join(repoRoot, 'datasets', `${suite}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data.length;
    for (const [format, validate] of [
      ['openai-chat', validateOpenAiChatFile],
      ['anthropic', validateAnthropicFile],
    ] as const) {
      const summary = await exportJson(repoRoot, [suite, '--format', format, '--out', out]);
      const refused = summary.refused.reduce((sum, r) => sum + r.rows.length, 0);
      expect(summary.written + refused + summary.skippedNoIdeal).toBe(cases);
      expect(summary.files).toHaveLength(1);
      const text = read(repoRoot, summary.files[0].file);
      expect(validate(text)).toEqual([]);
      expect(jsonLines(text)).toHaveLength(summary.written);
    }
  });

  it('openai-chat on a planted sheet: ideals become real tool calls; failing ideals, unknown tools and empty ideals are refused or skipped and counted', async () => {
    const dir = plantedProject();
    const result = await runCli(['export', 'toy', '--format', 'openai-chat'], { cwd: dir, env: cleanEnv() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('toy → openai-chat: 3 rows written, 4 refused, 1 skipped without an ideal');
    expect(result.stdout).toContain('exports/toy.openai-chat.jsonl: 3 lines');
    expect(result.stdout).toContain("refused 1: the ideal fails the suite's checks tool-called (canvas) and tool-args (canvas.type) (row 5)");
    expect(result.stdout).toContain("refused 1: the ideal fails the suite's check tool-called (canvas) (row 6)");
    expect(result.stdout).toContain("refused 1: the ideal calls search_web, which is not in the system's tools (row 8)");
    expect(result.stdout).toContain("refused 1: the ideal fails the suite's check tool-args (canvas.type) (row 9)");

    const text = read(dir, 'exports/toy.openai-chat.jsonl');
    expect(validateOpenAiChatFile(text)).toEqual([]);
    const [essay, peru, poem] = jsonLines(text);
    // The system prompt is rendered for the row (its {{now}} filled), then the conversation, then the ideal.
    expect(essay.messages[0]).toEqual({ role: 'system', content: 'You are a helpful assistant. Open the canvas tool for long writing or code. Today is 2026-11-26T09:00:00.' });
    expect(essay.messages[2]).toEqual({
      role: 'assistant',
      content: 'Opened a document with a first draft.',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'canvas', arguments: '{"type":"document","title":"Printing press"}' } }],
    });
    expect(essay.tools.map((t: any) => t.function.name)).toEqual(['canvas']);
    expect(peru.messages.at(-1)).toEqual({ role: 'assistant', content: 'Lima.' });
    expect(poem.messages.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
  });

  it('--include-failing writes the rows whose ideal fails the checks, and says how many', async () => {
    const dir = plantedProject();
    const summary = await exportJson(dir, ['toy', '--format', 'openai-chat', '--include-failing']);
    expect(summary.written).toBe(6);
    expect(summary.writtenFailing).toBe(3);
    expect(summary.refused).toEqual([{ reason: "the ideal calls search_web, which is not in the system's tools", rows: [8] }]);
    expect(validateOpenAiChatFile(read(dir, summary.files[0].file))).toEqual([]);
  });

  it('anthropic on a planted sheet: the system prompt goes to "system"; ideals with tool calls are refused, since the format has none', async () => {
    const dir = plantedProject();
    const summary = await exportJson(dir, ['toy', '--format', 'anthropic']);
    expect(summary.written).toBe(1);
    expect(summary.skippedNoIdeal).toBe(1);
    expect(summary.refused).toEqual([
      { reason: 'the ideal calls a tool, and the Bedrock Claude fine-tuning format has no tool calls', rows: [2, 4, 8] },
      { reason: "the ideal fails the suite's checks tool-called (canvas) and tool-args (canvas.type)", rows: [5] },
      { reason: "the ideal fails the suite's check tool-called (canvas)", rows: [6] },
      { reason: "the ideal fails the suite's check tool-args (canvas.type)", rows: [9] },
    ]);
    const text = read(dir, summary.files[0].file);
    expect(validateAnthropicFile(text)).toEqual([]);
    expect(jsonLines(text)).toEqual([
      {
        system: 'You are a helpful assistant. Open the canvas tool for long writing or code. Today is 2026-11-26T09:00:00.',
        messages: [
          { role: 'user', content: 'What is the capital of Peru?' },
          { role: 'assistant', content: 'Lima.' },
        ],
      },
    ]);
  });

  it('--split is stratified by the label column and seeded: the same seed gives the same files, another seed other ones', async () => {
    const rows: string[][] = [];
    for (let i = 1; i <= 20; i++) rows.push([`y${i}`, `Write a long essay number ${i} about topic ${i}`, 'yes', 'document', `→ canvas(type: document, title: "Essay ${i}")`]);
    for (let i = 1; i <= 10; i++) rows.push([`n${i}`, `Quick question number ${i}: what is ${i} plus ${i}?`, 'no', '', `${i + i}.`]);
    const dir = plantedProject(rows);
    const split = (seed: string, out: string) => exportJson(dir, ['toy', '--format', 'openai-chat', '--split', '0.8', '--seed', seed, '--out', out]);
    const first = await split('7', 'a');
    expect(first.files.map((f) => [f.file, f.lines])).toEqual([
      ['a/toy.openai-chat.train.jsonl', 24],
      ['a/toy.openai-chat.validation.jsonl', 6],
    ]);
    const called = (file: string) => jsonLines(read(dir, file)).filter((line) => line.messages.at(-1).tool_calls).length;
    expect(called('a/toy.openai-chat.train.jsonl')).toBe(16); // 80% of the 20 "yes" rows
    expect(called('a/toy.openai-chat.validation.jsonl')).toBe(4);
    for (const file of first.files) expect(validateOpenAiChatFile(read(dir, file.file))).toEqual([]);

    await split('7', 'b');
    expect(read(dir, 'b/toy.openai-chat.train.jsonl')).toBe(read(dir, 'a/toy.openai-chat.train.jsonl'));
    expect(read(dir, 'b/toy.openai-chat.validation.jsonl')).toBe(read(dir, 'a/toy.openai-chat.validation.jsonl'));
    await split('8', 'c');
    expect(read(dir, 'c/toy.openai-chat.validation.jsonl')).not.toBe(read(dir, 'a/toy.openai-chat.validation.jsonl'));
    // Nothing is lost or doubled: the two files together are the 30 rows.
    const all = [...jsonLines(read(dir, 'c/toy.openai-chat.train.jsonl')), ...jsonLines(read(dir, 'c/toy.openai-chat.validation.jsonl'))].map((l) => l.messages[1].content);
    expect(new Set(all).size).toBe(30);
  });

  it('a mistyped format or split is exit 2 with a clear message', async () => {
    const dir = plantedProject();
    const format = await runCli(['export', 'toy', '--format', 'openai-chats'], { cwd: dir, env: cleanEnv() });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format openai-chats: unknown format (did you mean "openai-chat"?)');
    const share = await runCli(['export', 'toy', '--format', 'openai-chat', '--split', '1.5'], { cwd: dir, env: cleanEnv() });
    expect(share.code).toBe(2);
    expect(share.stderr).toContain('expected a share between 0 and 1');
  });

  it('a run id exports the sheet of the suite it was made from; a known secret pasted into the prompt does not leave in the file', async () => {
    const dir = plantedProject();
    const key = 'sk-test-0123456789abcdefghijklmnop';
    writeFileSync(path.join(dir, 'prompts', 'system.md'), `You are a helpful assistant. Debug key: ${key}. Today is {{now}}.`);
    const env = cleanEnv({ OPENAI_API_KEY: key });
    const run = await runCli(['run', 'toy', '--systems', 'current'], { cwd: dir, env });
    expect([0, 1], run.stderr).toContain(run.code);
    const runId = readdirSync(path.join(dir, 'reports', 'toy')).find((name) => /^\d{8}-/.test(name));
    expect(runId).toBeDefined();
    const result = await runCli(['export', runId!, '--format', 'openai-chat', '--json'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ suite: 'toy', written: 3 });
    const text = read(dir, 'exports/toy.openai-chat.jsonl');
    expect(text).not.toContain(key);
    expect(text).toContain('Debug key: [redacted OPENAI_API_KEY].');
    expect(validateOpenAiChatFile(text)).toEqual([]);
  });
});
