import { describe, expect, it } from 'vitest';
import { parseRecordedOutput } from '../../src/providers/recorded-output.js';

describe('parseRecordedOutput: plain text', () => {
  it('keeps a text-only cell as the text, trimmed, with no tool calls', () => {
    expect(parseRecordedOutput('  The capital of France is Paris.\n')).toEqual({ text: 'The capital of France is Paris.', toolCalls: [], warnings: [] });
  });

  it('normalizes CRLF and keeps inner lines', () => {
    expect(parseRecordedOutput('Line one\r\nLine two').text).toBe('Line one\nLine two');
  });

  it('treats JSON that is not an output shape as text (a json-valid check may want it)', () => {
    expect(parseRecordedOutput('{"answer": 42}')).toMatchObject({ text: '{"answer": 42}', toolCalls: [] });
    expect(parseRecordedOutput('[1, 2]').text).toBe('[1, 2]');
    expect(parseRecordedOutput('{not json').text).toBe('{not json');
  });
});

describe('parseRecordedOutput: arrow lines', () => {
  it('reads a bare tool name', () => {
    expect(parseRecordedOutput('→ canvas')).toEqual({ text: '', toolCalls: [{ name: 'canvas', arguments: {} }], warnings: [] });
    expect(parseRecordedOutput('-> canvas').toolCalls).toEqual([{ name: 'canvas', arguments: {} }]);
  });

  it('splits tool-call lines from the text around them', () => {
    const output = parseRecordedOutput('Sure, opening a canvas.\n→ canvas(type: document)\nLet me know.');
    expect(output.text).toBe('Sure, opening a canvas.\nLet me know.');
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
  });

  it('reads the reminder example: quoted strings, bare times and dates', () => {
    const output = parseRecordedOutput('→ create_reminder(title: "Call mom", time: 19:00, date: 2026-11-27, recurrence: none)');
    expect(output.toolCalls).toEqual([{ name: 'create_reminder', arguments: { title: 'Call mom', time: '19:00', date: '2026-11-27', recurrence: 'none' } }]);
    expect(output.warnings).toEqual([]);
  });

  it('allows commas and colons inside quotes, and escaped quotes', () => {
    const [call] = parseRecordedOutput('→ note(text: "Dear Sam, see you at 10:30", quote: "she said \\"hi\\"")').toolCalls;
    expect(call.arguments).toEqual({ text: 'Dear Sam, see you at 10:30', quote: 'she said "hi"' });
  });

  it('accepts curly quotes (Excel autocorrect) and apostrophes in bare text', () => {
    const [call] = parseRecordedOutput("→ create_reminder(title: “Mom’s birthday”, note: Mom's party)").toolCalls;
    expect(call.arguments).toEqual({ title: 'Mom’s birthday', note: "Mom's party" });
  });

  it('types numbers, booleans and null, but keeps leading-zero and version-like values as text', () => {
    const [call] = parseRecordedOutput('→ set(n: 3, ratio: -0.5, on: true, off: false, none: null, zip: 02134, v: 1.2.3)').toolCalls;
    expect(call.arguments).toEqual({ n: 3, ratio: -0.5, on: true, off: false, none: null, zip: '02134', v: '1.2.3' });
  });

  it('reads JSON objects and arrays as values', () => {
    const [call] = parseRecordedOutput('→ search(filters: {"lang": "en", "tags": ["a", "b"]}, ids: [1, 2])').toolCalls;
    expect(call.arguments).toEqual({ filters: { lang: 'en', tags: ['a', 'b'] }, ids: [1, 2] });
  });

  it('accepts `=` for `:` and parentheses inside bare values', () => {
    const [call] = parseRecordedOutput('→ canvas(type = code, title: Fix (urgent) bug)').toolCalls;
    expect(call.arguments).toEqual({ type: 'code', title: 'Fix (urgent) bug' });
  });

  it('reads JSON arguments after the name', () => {
    expect(parseRecordedOutput('→ canvas {"type": "code"}').toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'code' } }]);
  });

  it('records several calls in order', () => {
    const names = parseRecordedOutput('→ search(q: tides)\n→ canvas(type: document)').toolCalls.map((c) => c.name);
    expect(names).toEqual(['search', 'canvas']);
  });

  it('forgives a missing closing parenthesis with a warning', () => {
    const output = parseRecordedOutput('→ canvas(type: document');
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
    expect(output.warnings).toEqual(['canvas: missing closing ")"']);
  });

  it('warns about an argument without a name', () => {
    const output = parseRecordedOutput('→ canvas(document)');
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: {} }]);
    expect(output.warnings[0]).toContain('"document" has no name');
  });

  it('reads arguments written without parentheses, with a warning', () => {
    const output = parseRecordedOutput('→ canvas type: document');
    expect(output.toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
    expect(output.warnings[0]).toContain('parentheses');
  });

  it('keeps an arrow line that is not a call as text, with a warning', () => {
    const output = parseRecordedOutput('-> see above');
    expect(output.toolCalls).toEqual([]);
    expect(output.text).toBe('-> see above');
    expect(output.warnings).toHaveLength(1);
  });
});

describe('parseRecordedOutput: JSON', () => {
  it('reads {text, tool_calls}', () => {
    const cell = '{"text": "On it", "tool_calls": [{"name": "canvas", "arguments": {"type": "code"}}]}';
    expect(parseRecordedOutput(cell)).toEqual({ text: 'On it', toolCalls: [{ name: 'canvas', arguments: { type: 'code' } }], warnings: [] });
  });

  it('reads a single {name, arguments}', () => {
    expect(parseRecordedOutput('{"name": "canvas", "arguments": {"type": "document"}}').toolCalls).toEqual([{ name: 'canvas', arguments: { type: 'document' } }]);
  });

  it('reads an OpenAI message with string arguments', () => {
    const cell = JSON.stringify({ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'canvas', arguments: '{"type":"code"}' } }] });
    expect(parseRecordedOutput(cell)).toMatchObject({ text: '', toolCalls: [{ name: 'canvas', arguments: { type: 'code' } }] });
  });

  it('reads an array of tool calls', () => {
    expect(parseRecordedOutput('[{"name": "a", "arguments": {}}, {"name": "b", "arguments": {"x": 1}}]').toolCalls).toEqual([
      { name: 'a', arguments: {} },
      { name: 'b', arguments: { x: 1 } },
    ]);
  });
});

describe('parseRecordedOutput: a quoted argument over several lines', () => {
  it('reads a rewritten document typed with line breaks in the cell, blank lines included', () => {
    const cell = '→ rewrite_document(content: "# Offsite\n\nDear all,\n\nsee you there.")\nRewrote it more formally.';
    expect(parseRecordedOutput(cell)).toEqual({
      text: 'Rewrote it more formally.',
      toolCalls: [{ name: 'rewrite_document', arguments: { content: '# Offsite\n\nDear all,\n\nsee you there.' } }],
      warnings: [],
    });
  });

  it('keeps a quote that never closes a one-line typo, without eating the next call', () => {
    const parsed = parseRecordedOutput('→ a(title: "Hi)\nsome text\n→ b(x: "y")');
    expect(parsed.toolCalls.map((call) => call.name)).toEqual(['a', 'b']);
    expect(parsed.toolCalls[1].arguments).toEqual({ x: 'y' });
    expect(parsed.text).toBe('some text');
    expect(parsed.warnings).toContain('a: argument "title": missing closing quote');
  });
});
