import { describe, expect, it } from 'vitest';
import { formatRecordedOutput } from '../../src/providers/format-recorded.js';
import { parseRecordedOutput } from '../../src/providers/recorded-output.js';

// What promote --write-sheet writes must read back as the same output: the sheet is the product's record.

const outputs = [
  { text: 'Lima.', toolCalls: [] },
  { text: '', toolCalls: [{ name: 'canvas', arguments: {} }] },
  { text: 'Opened a document.\nSecond line.', toolCalls: [{ name: 'canvas', arguments: { type: 'document', title: 'Cover letter, Patagonia' } }] },
  {
    text: 'Done.',
    toolCalls: [{ name: 'create_reminder', arguments: { time: '19:00', date: '2026-11-26', count: 3, urgent: true, note: null, label: '42', tags: ['a', 'b'], who: { name: 'Mom' } } }],
  },
  { text: 'quotes " and ” and \\ too', toolCalls: [{ name: 'x', arguments: { q: 'say "hi" ”there” \\ back', empty: '', spaced: ' padded ' } }] },
  { text: '→ looks like a call', toolCalls: [] },
  // A rewritten document: a quoted argument over several lines of the cell (JSON when a line starts with an arrow).
  { text: 'Rewrote.', toolCalls: [{ name: 'rewrite_document', arguments: { content: '# Title\n\n  Indented "quote".\n' } }] },
  { text: 'Rewrote it.', toolCalls: [{ name: 'rewrite_document', arguments: { content: '# Title\n\nFirst paragraph.\n\n→ not a call\n' } }] },
  { text: '{"not": "json output"}', toolCalls: [{ name: 'a', arguments: { 'odd key:': 1 } }] },
  {
    text: 'two calls',
    toolCalls: [
      { name: 'a', arguments: { 'odd key:': 1 } },
      { name: 'b', arguments: { n: -1.5 } },
    ],
  },
];

describe('formatRecordedOutput', () => {
  it.each(outputs)('reads back as the same text and tool calls: %j', (output) => {
    const parsed = parseRecordedOutput(formatRecordedOutput(output));
    expect({ text: parsed.text, toolCalls: parsed.toolCalls }).toEqual({ text: output.text.trim(), toolCalls: output.toolCalls });
    expect(parsed.warnings).toEqual([]);
  });

  it('writes the form a PM types', () => {
    expect(formatRecordedOutput(outputs[2])).toBe('→ canvas(type: document, title: "Cover letter, Patagonia")\nOpened a document.\nSecond line.');
    expect(formatRecordedOutput(outputs[1])).toBe('→ canvas');
  });
});
