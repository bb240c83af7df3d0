import { describe, expect, it } from 'vitest';
import { recordedCellWarnings } from '../../src/validate/recorded-cells.js';
import { csv, lines, loadCases } from './support.js';

const HEADER = ['input', 'should_trigger', 'current_behavior', 'ideal_behavior'];

describe('hand-typed tool calls', () => {
  it('warns about an unclosed parenthesis in a recorded cell', async () => {
    const suite = await loadCases(csv([HEADER, ['Write an essay', 'yes', '→ canvas(type: document', '→ canvas(type: document)']]));
    expect(lines(recordedCellWarnings(suite))).toEqual(['warning: datasets/cases.csv:2: column "current_behavior": canvas: missing closing ")"']);
  });

  it('warns about a tool the suite never mentions, with a suggestion', async () => {
    const suite = await loadCases(csv([HEADER, ['Write an essay', 'yes', '→ canvas', '→ canvs(type: document)']]));
    expect(lines(recordedCellWarnings(suite))).toEqual(['warning: datasets/cases.csv:2: column "ideal_behavior": "canvs" is not a tool this suite knows (did you mean "canvas"?)']);
  });

  it('is quiet about well-formed cells and plain text', async () => {
    const suite = await loadCases(csv([HEADER, ['Write an essay', 'yes', '→ canvas(type: document, title: "Parks")\nDrafted it.', '→ canvas'], ['Hi', 'no', 'Hello -> there', 'Hello!']]));
    expect(recordedCellWarnings(suite)).toEqual([]);
  });
});
