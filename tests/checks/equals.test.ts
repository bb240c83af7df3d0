import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('equals', () => {
  it('passes on the exact text, ignoring surrounding whitespace', async () => {
    const result = await runCheck({ type: 'equals', value: 'billing' }, makeOutput({ text: ' billing\n' }), makeCase());
    expect(result).toMatchObject({ pass: true, reason: 'text equals "billing"' });
  });

  it('fails with what was expected and what came back', async () => {
    const result = await runCheck({ type: 'equals', value: 'billing' }, makeOutput({ text: 'Billing' }), makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'expected "billing", got "Billing"' });
  });

  it('ignores case when asked', async () => {
    const result = await runCheck({ type: 'equals', value: 'billing', ignore_case: true }, makeOutput({ text: 'BILLING' }), makeCase());
    expect(result.pass).toBe(true);
  });

  it('takes the expected value from a column', async () => {
    const kase = makeCase({ columns: { expected: 'refund' } });
    const result = await runCheck({ type: 'equals', value: '{{expected}}' }, makeOutput({ text: 'refund' }), kase);
    expect(result).toMatchObject({ pass: true, spec: { type: 'equals', value: '{{expected}}' } });
  });

  it('shows long replies on one line, cut short', async () => {
    const result = await runCheck({ type: 'equals', value: 'no' }, makeOutput({ text: `line one\nline two ${'x'.repeat(200)}` }), makeCase());
    expect(result.reason).toMatch(/^expected "no", got "line one line two x+…"$/);
    expect(result.reason.length).toBeLessThan(110);
  });
});
