import { describe, expect, it } from 'vitest';
import { selfTest } from '../../src/validate/self-test.js';
import { workbook } from '../dataset/fixture.js';
import { CANVAS_CHECK, csv, lines, loadCases } from './support.js';

const HEADER = ['id', 'input', 'should_trigger', 'current_behavior', 'ideal_behavior'];

describe('eval self-test: the ideal must pass its own checks', () => {
  it('passes ideals that record the call as "→ tool(arg: value)" and says how many were tested', async () => {
    const suite = await loadCases(
      csv([HEADER, ['essay', 'Write a long essay on parks', 'yes', '→ canvas', '→ canvas(type: document)\nOpened a draft.'], ['capital', 'Capital of France?', 'no', 'Paris.', 'Paris.']]),
    );
    expect(lines(await selfTest(suite))).toEqual(['info: datasets/cases.csv: column "ideal_behavior": 2/2 ideals pass every check']);
  });

  it('calls a prose ideal on a tool row an error, and says how to record the call', async () => {
    const suite = await loadCases(
      csv([HEADER, ['essay', 'Write a long essay on parks', 'yes', '→ canvas', 'Opens a document with the essay.'], ['capital', 'Capital of France?', 'no', 'Paris.', 'Paris.']]),
    );
    const [error] = lines(await selfTest(suite));
    expect(error).toBe(
      'error: datasets/cases.csv:2: column "ideal_behavior": the ideal behaviour fails tool-called (canvas): expected a call to canvas, got no tool call (no tool call is recorded: write the call as a line of its own, e.g. "→ canvas" or "→ canvas(name: value)"): the ideal, the label or the check is wrong',
    );
  });

  it('catches a wrong label: the ideal calls the tool on a "no" row', async () => {
    const suite = await loadCases(csv([HEADER, ['essay', 'Write a long essay on parks', 'no', '→ canvas', '→ canvas(type: document)']]));
    const findings = await selfTest(suite);
    expect(findings[0]).toMatchObject({ severity: 'error', row: 2, column: 'ideal_behavior' });
    expect(findings[0].message).toContain('expected no call to canvas, got canvas(type: "document")');
  });

  it('names every check one ideal fails in a single finding', async () => {
    const suite = await loadCases(csv([HEADER, ['essay', 'Write a long essay', 'yes', '→ canvas', 'As an AI, I cannot.']]), {
      checks: [CANVAS_CHECK, '{ type: not-contains, value: "As an AI" }'],
    });
    const errors = (await selfTest(suite)).filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^the ideal behaviour fails 2 checks: tool-called \(canvas\): .*; not-contains: /);
  });

  it('skips checks about live calls (latency, tokens) and checks whose `if` does not apply', async () => {
    const suite = await loadCases(csv([HEADER, ['capital', 'Capital of France?', 'no', 'Paris.', 'Paris.']]), {
      checks: [CANVAS_CHECK, '{ type: max-tokens, value: 50 }', '{ type: max-latency, ms: 1000 }', '{ type: tool-args, tool: canvas, path: type, equals: document, if: "{{should_trigger}}" }'],
    });
    expect((await selfTest(suite)).map((f) => f.severity)).toEqual(['info']);
  });

  it('notes the missing ideal column instead of testing nothing silently', async () => {
    const suite = await loadCases(
      csv([
        ['input', 'should_trigger', 'current_behavior'],
        ['Capital of France?', 'no', 'Paris.'],
      ]),
    );
    expect(lines(await selfTest(suite))).toEqual(['info: datasets/cases.csv: no ideal_behavior column, so the checks were not self-tested (see "Writing ideals" in the README)']);
  });

  it('accepts the British spelling ideal_behaviour and counts rows without an ideal', async () => {
    const suite = await loadCases(
      csv([
        ['input', 'should_trigger', 'current_behavior', 'ideal_behaviour'],
        ['Capital of France?', 'no', 'Paris.', 'Paris.'],
        ['Hi', 'no', 'Hello', ''],
      ]),
    );
    expect(lines(await selfTest(suite))).toEqual(['info: datasets/cases.csv: column "ideal_behaviour": 1/1 ideals pass every check (1 row has no ideal)']);
  });

  it('points at the cell in a workbook, as the loader does', async () => {
    const bytes = await workbook({ 'canvas-trigger': [HEADER, ['essay', 'Write a long essay', 'yes', '→ canvas', 'A document.']] });
    const suite = await loadCases('', { datasetFile: 'datasets/behaviours.xlsx', datasetBytes: bytes, extra: ['sheet: canvas-trigger'] });
    const [error] = lines(await selfTest(suite));
    expect(error).toMatch(/^error: datasets\/behaviours\.xlsx: canvas-trigger!E2: column "ideal_behavior": the ideal behaviour fails tool-called/);
  });
});

describe('self-test hints', () => {
  it('on a "no" row, blames a tool-args check that lacks an if:, not the ideal', async () => {
    const suite = await loadCases(csv([HEADER, ['capital', 'Capital of France?', 'no', 'Paris.', 'Paris.']]), {
      checks: [CANVAS_CHECK, '{ type: tool-args, tool: canvas, path: type, equals: document }'],
    });
    const [error] = await selfTest(suite);
    expect(error.message).toBe(
      'the ideal behaviour fails tool-args (canvas.type): canvas was not called (this row expects no call to canvas, so the tool-args check should not apply here: give it if: "{{should_trigger}}"): the ideal, the label or the check is wrong',
    );
  });
});
