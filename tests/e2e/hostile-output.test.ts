import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { copyFixtureProject, runCli, type CliResult } from '../helpers/cli.js';
import { useToyModelServer } from '../helpers/toy-server.js';
import { HOSTILE } from '../helpers/hostile-corpus.js';

// Issue 13 item 1, through the commands a CI job runs: ids, inputs, model outputs and check reasons full
// of escape sequences, workflow commands, mentions and links. Nothing on screen may start a workflow
// command or carry an escape sequence; report.md has no live mention or link; every XML file parses.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectSafeScreen(result: CliResult): void {
  const screen = result.stdout + result.stderr;
  expect(screen).not.toMatch(CONTROL);
  for (const line of screen.split('\n')) expect(line.trimStart(), line).not.toMatch(/^(::|##\[)/);
}

/** The toy project with ids a CI log would execute or GitHub would link, and inputs from the hostile corpus. */
function hostileProject(): string {
  const project = copyFixtureProject('toy');
  const csv = path.join(project, 'datasets', 'toy.csv');
  const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
  const ids = ['::error file=x::t01', '@octocat', '#123', '##[error]t04', 'https://evil.example/t05'];
  const edited = lines.map((line, i) => (i >= 1 && i <= ids.length ? line.replace(/^t\d+/, JSON.stringify(ids[i - 1])) : line));
  writeFileSync(csv, edited.join('\n') + '\n');
  // A check whose reason quotes what the model wrote, so the model's text reaches the screen.
  const suite = path.join(project, 'suites', 'toy.yaml');
  writeFileSync(suite, readFileSync(suite, 'utf8').replace('checks:\n', 'checks:\n  - { type: tool-args, tool: canvas, path: title, matches: "^t[0-9]+$", if: "{{should_trigger}}" }\n'));
  return project;
}

describe('hostile data on screen, in CI logs and in reports', () => {
  const toy = useToyModelServer();

  it('an id with a line break is refused by validate and run, with its row and column', async () => {
    const project = copyFixtureProject('toy');
    const csv = path.join(project, 'datasets', 'toy.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/^t02,/m, '"t02\n::error file=x::injected-annotation",'));
    for (const command of [
      ['validate', 'toy'],
      ['run', 'toy', '--ci'],
    ]) {
      const result = await runCli(command, { cwd: project, env: toy.env });
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stdout + result.stderr).toMatch(/datasets\/toy\.csv:3: column "id": .* has a line break or control character; an id must be one line of plain text/);
      expectSafeScreen(result);
    }
  });

  it('an id holding half a character (a JSONL escape) is refused, with its row and column', async () => {
    // Written to a UTF-8 file (reports, results.csv) it becomes U+FFFD: "t\ud800" and "t\udfff" would be one case.
    const project = copyFixtureProject('toy');
    const lines = [
      '{"id": "t01", "input": "What is the capital of Peru?", "should_trigger": "no", "current_behavior": "Lima."}',
      '{"id": "t\\ud800x", "input": "Write a memo", "should_trigger": "yes", "current_behavior": "Sure."}',
    ];
    writeFileSync(path.join(project, 'datasets', 'toy.jsonl'), lines.join('\n') + '\n');
    const suite = path.join(project, 'suites', 'toy.yaml');
    writeFileSync(suite, readFileSync(suite, 'utf8').replace('datasets/toy.csv', 'datasets/toy.jsonl'));
    const result = await runCli(['validate', 'toy'], { cwd: project, env: toy.env });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stdout + result.stderr).toContain('datasets/toy.jsonl:2: column "id": "t\\ud800x" holds half of a character (an unpaired UTF-16 surrogate)');
  });

  it('outputs, reasons and ids reach the screen, report.md and junit.xml as inert text', async () => {
    const { server, env } = toy;
    const project = hostileProject();
    expect((await runCli(['run', 'toy', '--update-baseline'], { cwd: project, env })).code).toBe(0);
    // Now the model answers every case with the corpus, and titles its Canvas with it: the trigger cases regress.
    // One case gets a server error whose message is hostile too: error causes are printed as the provider wrote them.
    const title = `\u202Eevil\u202C ${HOSTILE.join('\n')}`;
    server.setBrain((request) =>
      request.messages.some((m) => m.content.includes('capital of Peru'))
        ? { status: 500, errorBody: { error: { message: '\u001b]0;TITLE\u0007\u001b[2J wiped' } } }
        : { text: HOSTILE.join('\n'), toolCalls: [{ name: 'canvas', arguments: { type: 'document', title } }] },
    );
    try {
      const run = await runCli(['run', 'toy', '--ci', '--no-cache', '--max-retries', '0', '--reporter', 'md,html,junit,csv'], { cwd: project, env });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain('regressed ::error file=x::t01: tool-args');
      expect(run.stdout).toContain('<U+001B>]0;TITLE<U+0007>');
      expect(run.stdout).toContain('<U+202E>evil<U+202C>');
      expectSafeScreen(run);

      const runs = readdirSync(path.join(project, 'reports', 'toy'), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => path.join(project, 'reports', 'toy', d.name))
        .sort();
      const latest = runs[runs.length - 1];
      const compare = await runCli(['compare', runs[0], latest], { cwd: project, env });
      expect(compare.code).toBe(1);
      expectSafeScreen(compare);

      const md = readFileSync(path.join(latest, 'report.md'), 'utf8');
      expect(md).not.toMatch(CONTROL);
      expect(md).not.toMatch(/(^|[^\w\\])@octocat|\\@octocat(?!&#8203;)/);
      expect(md).not.toMatch(/https?:\/\/|www\.\w/);
      expect(md).toContain('\\@&#8203;octocat');
      for (const file of ['junit.xml']) {
        const result = await validateXML({ xml: [{ fileName: file, contents: readFileSync(path.join(latest, file), 'utf8') }], schema: [] });
        expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
      }
    } finally {
      server.setBrain(() => ({ text: '' }));
    }
  });
});
