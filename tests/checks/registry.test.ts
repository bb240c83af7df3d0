import { describe, expect, it } from 'vitest';
import { checkTypes, resolveCheck, runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import type { CheckSpec } from '../../src/types.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

const columns = ['input', 'should_trigger', 'expected_time', 'should_remind'];

describe('checkTypes', () => {
  it('lists every check the spec names, the edit checks and rubric (issue 17)', () => {
    expect(checkTypes().sort()).toEqual(
      [
        'contains',
        'edit-applies',
        'edit-kind',
        'edit-scope',
        'equals',
        'js',
        'json-schema',
        'json-valid',
        'max-latency',
        'max-tokens',
        'not-contains',
        'one-of',
        'regex',
        'rubric',
        'tool-args',
        'tool-called',
      ].sort(),
    );
  });
});

describe('validateCheckSpec', () => {
  it('accepts a well-formed check', () => {
    expect(validateCheckSpec({ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' }, columns)).toEqual([]);
  });

  it('suggests the check type meant', () => {
    expect(validateCheckSpec({ type: 'tool-caled', tool: 'canvas' }, columns)).toEqual(['unknown check type "tool-caled" (did you mean "tool-called"?)']);
  });

  it('lists the types when nothing is close', () => {
    expect(validateCheckSpec({ type: 'sentiment' }, columns)[0]).toMatch(/^unknown check type "sentiment" \(use one of: equals, contains, /);
  });

  it('suggests the option meant', () => {
    expect(validateCheckSpec({ type: 'tool-called', tool: 'canvas', expcet: 'yes' }, columns)).toEqual(['tool-called has no option "expcet" (did you mean "expect"?)']);
  });

  it('names missing required options', () => {
    expect(validateCheckSpec({ type: 'tool-args', tool: 'create_reminder' }, columns)).toEqual(['tool-args needs option "path"']);
  });

  it('names templates that refer to no column, with a suggestion', () => {
    expect(validateCheckSpec({ type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}', if: '{{shuold_remind}}' }, columns)).toEqual([
      '{{shuold_remind}}: no column "shuold_remind" in the dataset (did you mean "should_remind"?)',
    ]);
  });

  it('allows {{now}} without a now column', () => {
    expect(validateCheckSpec({ type: 'contains', value: '{{now}}' }, columns)).toEqual([]);
  });

  it('checks literal values, and prefixes where when given', () => {
    expect(validateCheckSpec({ type: 'tool-called', expect: 'maybe' }, columns, 'checks[2]')).toEqual([
      'checks[2]: tool-called option "expect": "maybe" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
    ]);
    expect(validateCheckSpec({ type: 'max-latency', ms: 'soon' }, columns)).toEqual(['max-latency option "ms": "soon" is not a number of at least 0']);
    expect(validateCheckSpec({ type: 'contains', value: 'x', if: 'sometimes' }, columns)).toEqual(['if: "sometimes" is not yes/no (use yes, no, true, false, y, n, 1 or 0)']);
  });

  it('checks literal options beside templated ones', () => {
    expect(validateCheckSpec({ type: 'tool-args', tool: 'r', path: 'time', equals: '{{expected_time}}', normalize: 'clock' }, columns)[0]).toMatch(/^tool-args option "normalize": /);
  });
});

describe('resolveCheck', () => {
  const spec = { type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' };

  it('renders templates and parses labels', () => {
    expect(resolveCheck(spec, makeCase({ columns: { should_trigger: 'Y' } }))).toEqual({ ok: true, applies: true, options: { tool: 'canvas', expect: true } });
  });

  it('names the column holding a bad label', () => {
    expect(resolveCheck(spec, makeCase({ columns: { should_trigger: 'yess' } }))).toEqual({
      ok: false,
      column: 'should_trigger',
      message: '"yess" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
    });
  });

  it('reports an empty value where one is needed', () => {
    expect(resolveCheck(spec, makeCase({ columns: { should_trigger: ' ' } }))).toEqual({ ok: false, column: 'should_trigger', message: 'should_trigger is empty' });
  });

  it('reports a column the case lacks', () => {
    expect(resolveCheck(spec, makeCase())).toEqual({ ok: false, column: 'should_trigger', message: '{{should_trigger}}: the case has no column "should_trigger"' });
  });

  it('does not apply the check when `if` is no', () => {
    const guarded = { ...spec, if: '{{should_remind}}' };
    expect(resolveCheck(guarded, makeCase({ columns: { should_remind: 'false', should_trigger: 'oops' } }))).toEqual({ ok: true, applies: false, options: undefined });
    expect(resolveCheck(guarded, makeCase({ columns: { should_remind: 'perhaps', should_trigger: 'yes' } }))).toEqual({
      ok: false,
      column: 'should_remind',
      message: '"perhaps" is not yes/no (use yes, no, true, false, y, n, 1 or 0)',
    });
  });

  it('renders {{now}} from the case', () => {
    const resolved = resolveCheck({ type: 'contains', value: 'on {{now}}' }, makeCase({ now: '2026-11-26T09:00:00' }));
    expect(resolved).toEqual({ ok: true, applies: true, options: { value: 'on 2026-11-26T09:00:00' } });
    expect(resolveCheck({ type: 'contains', value: '{{now}}' }, makeCase())).toMatchObject({ ok: false, message: '{{now}}: the case has no "now" (set a now column or the suite\'s now)' });
  });
});

describe('runCheck', () => {
  it('records the spec as written with the verdict', async () => {
    const spec = { type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' };
    const result = await runCheck(spec, makeOutput({ toolCalls: [call('canvas')] }), makeCase({ columns: { should_trigger: 'no' } }));
    expect(result).toEqual({ spec, pass: false, reason: 'expected no call to canvas, got canvas', decision: { expected: false, predicted: true } });
  });

  it('turns a resolution problem into a failing result instead of throwing', async () => {
    const result = await runCheck({ type: 'tool-caled' }, makeOutput(), makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'unknown check type "tool-caled" (did you mean "tool-called"?)' });
  });

  it('passes a check whose `if` says it does not apply', async () => {
    const spec = { type: 'tool-args', tool: 'create_reminder', path: 'time', equals: '{{expected_time}}', normalize: 'time', if: '{{should_remind}}' };
    const kase = makeCase({ columns: { should_remind: 'no', expected_time: '' } });
    expect(await runCheck(spec, makeOutput(), kase)).toMatchObject({ pass: true, reason: 'not applicable (if: no)' });
  });

  it('accepts a YAML boolean for if', async () => {
    expect(await runCheck({ type: 'contains', value: 'x', if: false }, makeOutput(), makeCase())).toMatchObject({ pass: true, reason: 'not applicable (if: no)' });
  });
});

describe('resolveCheck remembers a spec resolved with the same template values', () => {
  // Each spec keeps what it resolved to, by the values of the templates it names. Every case here is
  // resolved twice: through the spec (remembered after its first case) and through a copy of it
  // made for that case alone (resolved afresh); the two must agree on every case.
  const specs = [
    { type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' },
    { type: 'tool-called', tool: '{{tool}}', if: '{{should_remind}}', label: '{{should_trigger}}' },
    { type: 'tool-args', tool: 'create_reminder', path: 'time', equals: '{{expected_time}}', normalize: 'time' },
    { type: 'one-of', values: ['{{should_trigger}}', 'maybe'] },
    { type: 'contains', value: '{{input}}' },
    { type: 'max-latency', ms: 1000 },
  ];
  const values = {
    input: ['hi', '', ' ', 'write it'],
    should_trigger: ['yes', 'no', 'Y', 'maybe', ''],
    should_remind: ['yes', 'no', ''],
    tool: ['canvas', 'reminder', ''],
    expected_time: ['19:00', '7 PM', ''],
  };
  let seed = 7;
  const pick = <T>(list: T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return list[seed % list.length];
  };

  it('agrees with resolving afresh on 600 cases, a column left out and an empty one told apart', () => {
    let remembered = 0;
    let oks = 0;
    let problems = 0;
    for (let i = 0; i < 600; i++) {
      const columns: Record<string, string> = {};
      for (const [name, options] of Object.entries(values)) if (pick([true, true, true, false])) columns[name] = pick(options);
      const kase = makeCase({ columns });
      for (const spec of specs) {
        // The copy is a new object, so nothing is remembered for it: resolved afresh.
        const afresh = resolveCheck({ ...spec } as CheckSpec, kase);
        const first = resolveCheck(spec as CheckSpec, kase);
        expect(first, `${JSON.stringify(spec)} on ${JSON.stringify(columns)}`).toEqual(afresh);
        if (resolveCheck(spec as CheckSpec, kase) === first) remembered += 1;
        if (first.ok) oks += 1;
        else problems += 1;
      }
    }
    expect(remembered).toBe(600 * specs.length);
    expect(oks).toBeGreaterThan(600); // many cases resolve (not only problems)
    expect(problems).toBeGreaterThan(300); // and many do not
    // A missing column and an empty one resolve differently, so they must not share a remembered answer.
    const spec = specs[0] as CheckSpec;
    expect(resolveCheck(spec, makeCase({ columns: {} }))).toMatchObject({ ok: false, message: '{{should_trigger}}: the case has no column "should_trigger"' });
    expect(resolveCheck(spec, makeCase({ columns: { should_trigger: '' } }))).toMatchObject({ ok: false, message: 'should_trigger is empty' });
  });

  it('hands out frozen options, so a check changing them fails instead of scoring other cases with them', () => {
    const resolved = resolveCheck(specs[2] as CheckSpec, makeCase({ columns: { expected_time: '19:00' } }));
    expect(resolved).toMatchObject({ ok: true, options: { equals: '19:00' } });
    expect(() => {
      (resolved as { options: { equals: string } }).options.equals = '20:00';
    }).toThrow(TypeError);
    const list = resolveCheck(specs[3] as CheckSpec, makeCase({ columns: { should_trigger: 'yes' } }));
    expect(list).toMatchObject({ ok: true, options: { values: ['yes', 'maybe'] } });
    expect(() => (list as { options: { values: string[] } }).options.values.push('no')).toThrow(TypeError);
  });
});
