import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('contains', () => {
  const output = makeOutput({ text: 'Your refund of $20 is on its way.' });

  it('passes when the text appears anywhere', async () => {
    expect(await runCheck({ type: 'contains', value: 'refund' }, output, makeCase())).toMatchObject({ pass: true, reason: 'text contains "refund"' });
  });

  it('fails when it does not', async () => {
    expect(await runCheck({ type: 'contains', value: 'Refund' }, output, makeCase())).toMatchObject({ pass: false, reason: 'text does not contain "Refund"' });
  });

  it('can ignore case', async () => {
    expect((await runCheck({ type: 'contains', value: 'REFUND', ignore_case: true }, output, makeCase())).pass).toBe(true);
  });

  it('accepts a YAML number as text', async () => {
    expect((await runCheck({ type: 'contains', value: 20 }, output, makeCase())).pass).toBe(true);
  });
});
