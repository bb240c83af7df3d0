import { describe, expect, it } from 'vitest';
import { lintSuite } from '../../src/validate/index.js';
import { csv, lines, loadCases } from './support.js';

describe('lintSuite', () => {
  it('lists errors first, then warnings, then info; whole-column findings before row ones', async () => {
    const suite = await loadCases(
      csv([
        ['id', 'input', 'should_trigger', 'current_behavior', 'ideal_behavior'],
        ['essay', 'Write a long essay on parks', 'yes', '→ canvas(type: document', '→ canvas'],
        ['letter', 'Draft a cover letter', 'yes', 'Sure! Dear hiring manager…', 'A one-page letter.'],
        ['capital', 'Capital of France?', 'no', 'Paris.', 'Paris.'],
        ['capital-2', 'capital of france?', 'no', 'Paris.', 'Paris.'],
      ]),
    );
    expect(lines(await lintSuite(suite)).map((line) => line.replace(/: column .*?": .*/, ''))).toEqual([
      'error: datasets/cases.csv:3',
      'error: datasets/cases.csv:5',
      'warning: datasets/cases.csv',
      'warning: datasets/cases.csv:2',
      'info: datasets/cases.csv',
      'info: suites/cases.yaml: current (column current_behavior) passes 3/4 (75%): headroom 1 case',
    ]);
  });
});
