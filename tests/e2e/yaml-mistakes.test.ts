import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// Issue 12, item 6: a PM edits a suite file and makes one of the usual YAML mistakes. `validate` and
// `run` both say what is wrong in plain words, at file:line:character, and exit 2 without a stack
// trace or the parser's jargon.

const SUITE = [
  'name: r',
  'dataset: datasets/r.csv',
  'systems:',
  '  current: { provider: "column:current_behavior" }',
  'checks:',
  '  - { type: tool-called, tool: create_reminder, expect: "{{should_trigger}}" }',
  'gate: { max_regressions: 0 }',
].join('\n');

const CSV = 'id,input,should_trigger,current_behavior\nmom,Remind me to call mom at 7pm,yes,→ create_reminder(time: 19:00)\npi,Remind me what pi is,no,3.14\n';

interface Mistake {
  name: string;
  suite: string;
  /** `suites/r.yaml:<line>:<character>: <message>` as printed. */
  expected: string;
}

const MISTAKES: Mistake[] = [
  {
    name: 'a list item after gate: (gate is a mapping)',
    suite: SUITE.replace('gate: { max_regressions: 0 }', 'gate:\n  - min_pass_rate: 0.9'),
    expected: 'suites/r.yaml:8:3: gate is a mapping (key: value lines), not a list: remove the "- " in front of "min_pass_rate: 0.9"',
  },
  {
    name: 'a list item among gate keys',
    suite: SUITE.replace('gate: { max_regressions: 0 }', 'gate:\n  max_regressions: 0\n  - min_pass_rate: 0.9'),
    expected: 'suites/r.yaml:9:1: gate is a mapping (key: value lines), not a list: remove the "- " in front of "min_pass_rate: 0.9"',
  },
  {
    name: 'a tab used for indentation',
    suite: SUITE.replace('  current:', '\tcurrent:'),
    expected: 'suites/r.yaml:4:1: a tab is used to indent this line, and YAML only accepts spaces: replace the tab with spaces (2 per level, lined up with the lines around it)',
  },
  {
    name: 'an unquoted {{column}} as a value',
    suite: SUITE.replace('  current: { provider: "column:current_behavior" }', '  current: { provider: "column:current_behavior" }\n  model:\n    provider: "exec:cat"\n    prompt: {{input}}'),
    expected: 'suites/r.yaml:7:13: {{input}} must be in quotes: without them YAML reads "{" as the start of a mapping. Write the line as: prompt: "{{input}}"',
  },
  {
    name: 'an unquoted {{column}} in a check',
    suite: SUITE.replace('expect: "{{should_trigger}}"', 'expect: {{should_trigger}}'),
    expected:
      'suites/r.yaml:6:57: {{should_trigger}} must be in quotes: without them YAML reads "{" as the start of a mapping. Write the line as: - { type: tool-called, tool: create_reminder, expect: "{{should_trigger}}" }',
  },
  {
    name: 'a "billion laughs" of nested aliases',
    suite: [SUITE, `lol: &a [${Array(10).fill('lol').join(', ')}]`, ...['b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join(
      '\n',
    ),
    expected: 'suites/r.yaml:9: this file uses aliases (*name) that expand to too many values: a suite file needs few or none; write the values out instead of nesting aliases',
  },
];

function project(suite: string): string {
  const cwd = makeTempDir('yaml-mistake');
  mkdirSync(path.join(cwd, 'suites'));
  mkdirSync(path.join(cwd, 'datasets'));
  writeFileSync(path.join(cwd, 'suites', 'r.yaml'), suite + '\n');
  writeFileSync(path.join(cwd, 'datasets', 'r.csv'), CSV);
  return cwd;
}

describe('suite YAML mistakes, in words a PM can act on', () => {
  it('the unplanted suite is fine (the mistakes below are the only problem)', async () => {
    const result = await runCli(['validate', 'r'], { cwd: project(SUITE) });
    expect(result.code, result.stdout).toBe(0);
  });

  it.each(MISTAKES)('$name: validate and run name the line, exit 2, no stack trace', async ({ suite, expected }) => {
    const cwd = project(suite);
    for (const command of ['validate', 'run']) {
      const result = await runCli([command, 'r'], { cwd });
      const output = result.stdout + result.stderr;
      expect(result.code, output).toBe(2);
      expect(output).toContain(expected);
      // One message per mistake, and none of the parser's own words or Node's warnings.
      expect(output.split('\n').filter((line) => line.includes('suites/r.yaml:'))).toHaveLength(command === 'validate' ? 2 : 1);
      expect(output).not.toMatch(/implicit map key|block sequence|Warning:|YAMLParseError|at .*\.js:\d+/);
    }
  });
});
