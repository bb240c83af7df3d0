import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../src/dataset/cell-ref.js';
import { formatDate, formatNumber } from '../../src/dataset/xlsx-format.js';

const at = (iso: string) => new Date(`${iso}Z`);

describe('formatDate', () => {
  it('writes ISO for no format, General and the locale short-date formats', () => {
    expect(formatDate(at('2026-11-26T00:00:00'), undefined)).toBe('2026-11-26');
    expect(formatDate(at('2026-11-26T00:00:00'), 'General')).toBe('2026-11-26');
    expect(formatDate(at('2026-11-26T00:00:00'), 'mm-dd-yy')).toBe('2026-11-26');
    expect(formatDate(at('2026-11-26T19:05:00'), 'm/d/yy h:mm')).toBe('2026-11-26T19:05:00');
  });

  it('follows explicit formats, telling minutes from months', () => {
    const date = at('2026-03-04T19:05:09');
    expect(formatDate(date, 'yyyy-mm-dd hh:mm:ss')).toBe('2026-03-04 19:05:09');
    expect(formatDate(date, 'd/m/yyyy')).toBe('4/3/2026');
    expect(formatDate(date, 'h:mm AM/PM')).toBe('7:05 PM');
    expect(formatDate(date, 'dddd, mmmm d')).toBe('Wednesday, March 4');
    expect(formatDate(date, '[$-409]mmm d, yyyy;@')).toBe('Mar 4, 2026');
    expect(formatDate(date, 'dd"th of "mmm')).toBe('04th of Mar');
  });
});

describe('formatNumber', () => {
  it('shows General numbers with 15 significant digits, as Excel does', () => {
    expect(formatNumber(0.1 + 0.2, undefined)).toBe('0.3');
    expect(formatNumber(2 / 3, 'General')).toBe('0.666666666666667');
    expect(formatNumber(1234567, undefined)).toBe('1234567');
  });

  it('applies simple fixed, grouped and percent formats, and plain digits otherwise', () => {
    expect(formatNumber(1.5, '0.00')).toBe('1.50');
    expect(formatNumber(1234567, '#,##0')).toBe('1,234,567');
    expect(formatNumber(0.125, '0.0%')).toBe('12.5%');
    expect(formatNumber(42, undefined)).toBe('42');
    expect(formatNumber(0.1, '"$"#,##0.00')).toBe('0.1');
  });
});

describe('columnLetter', () => {
  it('counts like Excel', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });
});
