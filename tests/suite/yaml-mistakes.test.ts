import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { parseYaml } from '../../src/suite/yaml-problems.js';

// The parser's other errors, each in plain words at line:character (the usual three have CLI tests).
const messages = (text: string) => parseYaml(text, 's.yaml').problems.map(formatProblem);

describe('YAML syntax errors in plain words', () => {
  it('a key given twice', () => {
    expect(messages('name: a\nname: b\n')).toEqual(['s.yaml:2:1: "name" is given twice at the same level: keep one']);
  });

  it('a value with ": " in it', () => {
    expect(messages('name: a\ndescription: Setup: first\n')[0]).toMatch(/^s\.yaml:2:\d+: a second ": " on this line makes YAML read the value as a mapping: put the value in quotes/);
  });

  it('a "{" never closed', () => {
    expect(messages('systems:\n  a: { provider: "column:x"\nchecks: []\n')[0]).toMatch(/^s\.yaml:\d+:\d+: a "\{" is not closed with "\}" on the same line$/);
  });

  it('a check not lined up with the ones above it', () => {
    expect(messages('checks:\n  - { type: contains, value: a }\n - { type: contains, value: b }\n')).toEqual([
      's.yaml:3:1: the list item "- { type: contains, value: b }" is not lined up with the lines above it under checks: start every item of a list in the same column, one "- " per item',
    ]);
  });

  it('a list on the same line as gate:', () => {
    expect(messages('gate: - min_pass_rate: 0.9\n')).toEqual(['s.yaml:1:7: gate is a mapping (key: value lines), not a list: remove the "- " in front of "min_pass_rate: 0.9"']);
  });
});
