import { describe, expect, it } from 'vitest';
import { parseJsonPath, selectPath } from '../../src/checks/json-path.js';

describe('parseJsonPath', () => {
  it('reads the forms a suite uses', () => {
    expect(parseJsonPath('time')).toEqual(['time']);
    expect(parseJsonPath('$.time')).toEqual(['time']);
    expect(parseJsonPath('reminder.time')).toEqual(['reminder', 'time']);
    expect(parseJsonPath('items[0].when')).toEqual(['items', 0, 'when']);
    expect(parseJsonPath("$['odd key']")).toEqual(['odd key']);
    expect(parseJsonPath('$["it\\"s"][2]')).toEqual(['it"s', 2]);
    expect(parseJsonPath('$')).toEqual([]);
  });

  it('says where a path breaks', () => {
    expect(() => parseJsonPath('a..b')).toThrow('cannot read path "a..b" at "..b"');
    expect(() => parseJsonPath('a b')).toThrow('at " b"');
    expect(() => parseJsonPath('')).toThrow('path is empty');
  });
});

describe('selectPath', () => {
  const args = { items: [{ when: '8am' }], time: null };

  it('finds nested values, including null', () => {
    expect(selectPath(args, ['items', 0, 'when'])).toEqual({ found: true, value: '8am' });
    expect(selectPath(args, ['time'])).toEqual({ found: true, value: null });
  });

  it('reports missing steps', () => {
    expect(selectPath(args, ['items', 1, 'when']).found).toBe(false);
    expect(selectPath(args, ['items', 'when']).found).toBe(false);
    expect(selectPath(args, ['toString']).found).toBe(false);
  });
});
