import { describe, expect, it } from 'vitest';
import { uncomparedArguments } from '../../src/validate/uncompared-arguments.js';
import { CANVAS_CHECK, csv, loadCases } from './support.js';

const HEADER = ['input', 'should_trigger', 'canvas_type', 'current_behavior', 'ideal_behavior'];
const ROWS = [HEADER, ['Write an essay', 'yes', 'document', '→ canvas', '→ canvas(type: document)'], ['Hi', 'no', '', 'Hello!', 'Hello!'], ['A script', 'yes', 'code', '→ canvas', '→ canvas']];

describe('ideal tool arguments no check compares', () => {
  it('counts a tool-args check with an expectation on an argument the ideal records, on the rows it applies to', async () => {
    const compared = await loadCases(csv(ROWS), { checks: [CANVAS_CHECK, '{ type: tool-args, tool: canvas, path: type, equals: "{{canvas_type}}", if: "{{should_trigger}}" }'] });
    expect(uncomparedArguments(compared)).toEqual([]);
    const other = await loadCases(csv(ROWS), { checks: [CANVAS_CHECK, '{ type: tool-args, tool: canvas, path: title, same_as: "{{ideal_behavior}}" }'] });
    expect(uncomparedArguments(other)).toHaveLength(1);
  });

  it('does not count a presence-only tool-args check, nor one whose if: leaves the row out', async () => {
    const presence = await loadCases(csv(ROWS), { checks: [CANVAS_CHECK, '{ type: tool-args, tool: canvas, path: type }'] });
    expect(uncomparedArguments(presence)).toHaveLength(1);
    const off = await loadCases(csv(ROWS), { checks: [CANVAS_CHECK, '{ type: tool-args, tool: canvas, path: type, same_as: "{{ideal_behavior}}", if: no }'] });
    expect(uncomparedArguments(off)[0]).toMatchObject({ severity: 'warning', row: 2, column: 'ideal_behavior' });
  });

  it('leaves a suite with a js check alone: it may compare anything', async () => {
    // Only the module's existence is checked at load, and no check runs here: any file in the project will do.
    const js = await loadCases(csv(ROWS), { checks: [CANVAS_CHECK, '{ type: js, module: datasets/cases.csv }'] });
    expect(uncomparedArguments(js)).toEqual([]);
  });
});
