import { describe, expect, it } from 'vitest';
import { runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

// A decision check records what the label said and what the system did, so the run can count errors by kind.

const columns = ['input', 'should_trigger', 'should_refuse'];

describe('decisions in check results', () => {
  const spec = { type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' };

  it('tool-called with a label column records expected and predicted for each kind of outcome', async () => {
    const yes = makeCase({ columns: { should_trigger: 'yes' } });
    const no = makeCase({ columns: { should_trigger: 'no' } });
    const called = makeOutput({ toolCalls: [call('canvas')] });
    const quiet = makeOutput();
    expect((await runCheck(spec, called, yes)).decision).toEqual({ expected: true, predicted: true });
    expect((await runCheck(spec, quiet, yes)).decision).toEqual({ expected: true, predicted: false });
    expect((await runCheck(spec, called, no)).decision).toEqual({ expected: false, predicted: true });
    expect((await runCheck(spec, quiet, no)).decision).toEqual({ expected: false, predicted: false });
  });

  it('records no decision when expect is not a label column', async () => {
    expect((await runCheck({ type: 'tool-called', tool: 'canvas', expect: 'yes' }, makeOutput(), makeCase())).decision).toBeUndefined();
  });

  it('label: makes any check a decision: it passes when what happened matches the label', async () => {
    const refusal = { type: 'contains', value: 'cannot help', label: '{{should_refuse}}' };
    const refused = makeOutput({ text: 'Sorry, I cannot help with that.' });
    const shouldNot = await runCheck(refusal, refused, makeCase({ columns: { should_refuse: 'no' } }));
    expect(shouldNot).toMatchObject({ pass: false, decision: { expected: false, predicted: true } });
    expect(shouldNot.reason).toMatch(/^labelled no, but /);
    const should = await runCheck(refusal, refused, makeCase({ columns: { should_refuse: 'yes' } }));
    expect(should).toMatchObject({ pass: true, decision: { expected: true, predicted: true } });
  });

  it('validates label and costs when the suite loads', () => {
    expect(validateCheckSpec({ type: 'contains', value: 'x', label: 'yes' }, columns)).toEqual(['label: must name a yes/no column, like "{{should_refuse}}"']);
    expect(validateCheckSpec({ type: 'contains', value: 'x', costs: { false_positive: 1, false_negative: 2 } }, columns)[0]).toMatch(/^costs: only a check with a yes\/no label/);
    expect(validateCheckSpec({ ...spec, costs: { false_positive: 1 } }, columns)[0]).toMatch(/^costs: false_negative/);
    expect(validateCheckSpec({ ...spec, costs: { false_positive: 1, false_negative: 3 } }, columns)).toEqual([]);
  });
});
