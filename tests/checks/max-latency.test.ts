import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/checks/registry.js';
import { makeCase, makeOutput } from '../helpers/make-case.js';

describe('max-latency', () => {
  it('passes within the limit', async () => {
    const result = await runCheck({ type: 'max-latency', ms: 2000 }, makeOutput({ latencyMs: 850.4 }), makeCase());
    expect(result).toMatchObject({ pass: true, reason: 'took 850 ms (limit 2000 ms)' });
  });

  it('fails over the limit', async () => {
    const result = await runCheck({ type: 'max-latency', ms: 2000 }, makeOutput({ latencyMs: 2501 }), makeCase());
    expect(result).toMatchObject({ pass: false, reason: 'took 2501 ms, over the 2000 ms limit' });
  });

  it('takes the limit from a column', async () => {
    const kase = makeCase({ columns: { budget: '1,500' } });
    const result = await runCheck({ type: 'max-latency', ms: '{{budget}}' }, makeOutput({ latencyMs: 1600 }), kase);
    expect(result.reason).toBe('took 1600 ms, over the 1500 ms limit');
  });

  it('names the column when its value is not a number', async () => {
    const kase = makeCase({ columns: { budget: 'fast' } });
    const result = await runCheck({ type: 'max-latency', ms: '{{budget}}' }, makeOutput(), kase);
    expect(result).toMatchObject({ pass: false, reason: 'column "budget": "fast" is not a number of at least 0' });
  });
});
