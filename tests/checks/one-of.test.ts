import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('one-of', () => {
  const spec = { type: 'one-of', values: ['billing', 'shipping', 'other'] };

  it('passes when the whole reply is one of the values', async () => {
    const result = await runCheck(spec, makeOutput({ text: 'shipping\n' }), makeCase());
    expect(result).toMatchObject({ pass: true, reason: 'text is "shipping", one of the allowed values' });
  });

  it('fails listing the allowed values', async () => {
    const result = await runCheck(spec, makeOutput({ text: 'returns' }), makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'expected one of "billing", "shipping", "other", got "returns"' });
  });

  it('can ignore case', async () => {
    expect((await runCheck({ ...spec, ignore_case: true }, makeOutput({ text: 'Other' }), makeCase())).pass).toBe(true);
    expect((await runCheck(spec, makeOutput({ text: 'Other' }), makeCase())).pass).toBe(false);
  });

  it('renders templates inside the list', async () => {
    const kase = makeCase({ columns: { first: 'yes', second: 'maybe' } });
    const result = await runCheck({ type: 'one-of', values: ['{{first}}', '{{second}}'] }, makeOutput({ text: 'maybe' }), kase);
    expect(result.pass).toBe(true);
  });
});
