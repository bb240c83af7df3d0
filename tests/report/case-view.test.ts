import { describe, expect, test } from 'vitest';
import { expectedBehaviour, formatToolCall, labelColumns, lastUserMessage, outputText, truncate, verdictText } from '../../src/report/case-view.js';
import type { ResultRecord } from '../../src/types.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

const result = (status: ResultRecord['status']): ResultRecord => ({ caseId: 'c', system: 's', repeat: 0, status, checks: [], caseHash: 'h', startedAt: '' });

describe('how reports show cases and outputs', () => {
  test('a tool call reads like the recorded-output form a PM types', () => {
    expect(formatToolCall(call('canvas', { type: 'document', pages: 2, tags: ['a'] }))).toBe('canvas(type: "document", pages: 2, tags: ["a"])');
    expect(outputText(makeOutput({ text: 'Sure.', toolCalls: [call('canvas')] }))).toBe('→ canvas()\nSure.');
  });

  test('truncation says how much was cut', () => {
    expect(truncate('abcdef', 3)).toBe('abc… (+3 chars)');
    expect(truncate('abc', 3)).toBe('abc');
  });

  test('the input shown is the last user turn', () => {
    const kase = makeCase({
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'second' },
      ],
    });
    expect(lastUserMessage(kase)).toBe('second');
  });

  test('expected behaviour: ideal_behavior, else the label columns the checks template', () => {
    const checks = [
      { type: 'tool-called', tool: 'canvas', expect: '{{should_trigger}}' },
      { type: 'tool-args', path: '$.time', equals: '{{ time }}' },
    ];
    expect(labelColumns(checks)).toEqual(['should_trigger', 'time']);
    expect(expectedBehaviour(makeCase({ columns: { ideal_behavior: 'Opens canvas', should_trigger: 'yes' } }), checks)).toBe('Opens canvas');
    expect(expectedBehaviour(makeCase({ columns: { should_trigger: 'yes', time: '19:00' } }), checks)).toBe('should_trigger: yes, time: 19:00');
  });

  test('verdicts: the status for one repeat, a count for several, errors never folded into fails', () => {
    expect(verdictText([result('fail')])).toBe('fail');
    expect(verdictText([result('pass'), result('fail'), result('error')])).toBe('1/3 passed, 1 errored');
  });
});
