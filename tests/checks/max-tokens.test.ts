import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('max-tokens', () => {
  it('passes within the limit', async () => {
    const output = makeOutput({ usage: { inputTokens: 900, outputTokens: 120 } });
    expect(await runCheck({ type: 'max-tokens', value: 200 }, output, makeCase())).toMatchObject({ pass: true, reason: '120 output tokens (limit 200)' });
  });

  it('fails over the limit, counting output tokens only', async () => {
    const output = makeOutput({ usage: { inputTokens: 10, outputTokens: 250 } });
    expect(await runCheck({ type: 'max-tokens', value: 200 }, output, makeCase())).toMatchObject({ pass: false, reason: '250 output tokens, over the limit of 200' });
  });

  it('fails clearly when the system reported no usage', async () => {
    expect(await runCheck({ type: 'max-tokens', value: 200 }, makeOutput(), makeCase())).toMatchObject({
      pass: false,
      reason: 'token usage unknown: this system did not report it',
    });
  });
});
