import { describe, expect, it } from 'vitest';
import { normalizeNumber } from '../../../src/checks/normalizers/number.js';

describe('normalizeNumber', () => {
  it('ignores thousands separators, spaces and trailing zeros', () => {
    expect(normalizeNumber('1,000')).toEqual({ ok: true, value: '1000' });
    expect(normalizeNumber('1000.0')).toEqual({ ok: true, value: '1000' });
    expect(normalizeNumber(' 1 234.5 ')).toEqual({ ok: true, value: '1234.5' });
  });

  it('rejects text that is not a number', () => {
    expect(normalizeNumber('ten')).toEqual({ ok: false, reason: '"ten" is not a number' });
    expect(normalizeNumber('')).toEqual({ ok: false, reason: '"" is not a number' });
  });
});
