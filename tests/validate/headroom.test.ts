import { describe, expect, it } from 'vitest';
import { headroom } from '../../src/validate/headroom.js';
import { csv, lines, loadCases } from './support.js';

const HEADER = ['input', 'should_trigger', 'current_behavior'];

describe('headroom of recorded systems', () => {
  it("gives each column: system's pass rate and the cases left to win", async () => {
    const suite = await loadCases(
      csv([
        HEADER,
        ['Write an essay', 'yes', '→ canvas'],
        ['Write a cover letter', 'yes', 'Sure! Dear hiring manager…'],
        ['Capital of France?', 'no', 'Paris.'],
        ['Thanks!', 'no', 'You are welcome.'],
      ]),
    );
    expect(lines(await headroom(suite))).toEqual(['info: suites/cases.yaml: current (column current_behavior) passes 3/4 (75%): headroom 1 case']);
  });

  it('says when there is nothing left to win, and counts rows with nothing recorded', async () => {
    const suite = await loadCases(csv([HEADER, ['Write an essay', 'yes', '→ canvas'], ['Capital of France?', 'no', 'Paris.'], ['Thanks!', 'no', '']]));
    expect((await headroom(suite))[0].message).toBe(
      'current (column current_behavior) passes 2/2 (100%): no headroom: it already passes every case, so add harder cases; 1 row has nothing recorded (a run counts it as an error)',
    );
  });

  it('ignores live systems', async () => {
    const suite = await loadCases(csv([HEADER, ['Write an essay', 'yes', '→ canvas']]), { systems: ['bot: { provider: "exec:echo" }'] });
    expect(await headroom(suite)).toEqual([]);
  });
});
