import { describe, expect, it } from 'vitest';
import { normalizeTrim } from '../../../src/checks/normalizers/trim.js';

describe('normalizeTrim', () => {
  it('trims the ends and collapses inner whitespace', () => {
    expect(normalizeTrim('  call\n\tmom   today ')).toEqual({ ok: true, value: 'call mom today' });
  });
});
