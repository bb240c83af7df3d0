import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('not-contains', () => {
  const output = makeOutput({ text: 'As an AI, I cannot do that.' });

  it('fails when the forbidden text appears', async () => {
    expect(await runCheck({ type: 'not-contains', value: 'As an AI' }, output, makeCase())).toMatchObject({ pass: false, reason: 'text contains "As an AI"' });
  });

  it('passes when it does not', async () => {
    expect(await runCheck({ type: 'not-contains', value: '{{' }, output, makeCase())).toMatchObject({ pass: true, reason: 'text does not contain "{{"' });
  });

  it('can ignore case', async () => {
    expect((await runCheck({ type: 'not-contains', value: 'as an ai', ignore_case: true }, output, makeCase())).pass).toBe(false);
    expect((await runCheck({ type: 'not-contains', value: 'as an ai' }, output, makeCase())).pass).toBe(true);
  });
});
