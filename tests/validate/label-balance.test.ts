import { describe, expect, it } from 'vitest';
import { decisionLabelColumns, labelBalance } from '../../src/validate/label-balance.js';
import { csv, lines, loadCases } from './support.js';

function rows(yes: number, no: number, empty = 0): string[][] {
  const header = ['input', 'should_trigger'];
  const body = [
    ...Array.from({ length: yes }, (_, i) => [`write essay number ${i}`, 'yes']),
    ...Array.from({ length: no }, (_, i) => [`quick question number ${i}`, 'no']),
    ...Array.from({ length: empty }, (_, i) => [`unlabelled case ${i}`, '']),
  ];
  return [header, ...body];
}

describe('label balance', () => {
  it('warns when the rarer label is under 15% of the cases', async () => {
    const suite = await loadCases(csv(rows(38, 2)), { systems: ['bot: { provider: "exec:echo" }'] });
    expect(lines(labelBalance(suite))).toEqual([
      'warning: datasets/cases.csv: column "should_trigger": 38 yes / 2 no: only 2 "no" cases (5%); add more: a decision suite needs at least 3 cases and 15% of each label (as it is, always answering "yes" scores 95%)',
    ]);
  });

  it('warns when the rarer label has fewer than 3 cases, even at a healthy share', async () => {
    const suite = await loadCases(csv(rows(2, 6)), { systems: ['bot: { provider: "exec:echo" }'] });
    const [finding] = labelBalance(suite);
    expect(finding.severity).toBe('warning');
    expect(finding.message).toMatch(/^2 yes \/ 6 no: only 2 "yes" cases \(25%\)/);
  });

  it('says plainly when every case has the same label', async () => {
    const suite = await loadCases(csv(rows(4, 0)), { systems: ['bot: { provider: "exec:echo" }'] });
    expect(labelBalance(suite)[0].message).toMatch(/^4 yes \/ 0 no: every labelled case is "yes"/);
  });

  it('reports a balanced column as info, counting empty cells apart', async () => {
    const suite = await loadCases(csv(rows(5, 4, 2)), {
      systems: ['bot: { provider: "exec:echo" }'],
      extra: ['labels: [should_trigger]'],
      checks: ['{ type: not-contains, value: "As an AI" }'],
    });
    expect(lines(labelBalance(suite))).toEqual(['info: datasets/cases.csv: column "should_trigger": 5 yes / 4 no (2 empty)']);
  });

  it("looks at expect: columns and the suite's labels:, not at if: conditions", async () => {
    const data = csv([
      ['input', 'should_trigger', 'is_follow_up', 'is_code'],
      ['a', 'yes', 'no', 'yes'],
      ['b', 'no', 'no', 'no'],
    ]);
    const suite = await loadCases(data, {
      systems: ['bot: { provider: "exec:echo" }'],
      extra: ['labels: [is_code]'],
      checks: ['{ type: tool-called, tool: canvas, expect: "{{should_trigger}}", if: "{{is_follow_up}}" }'],
    });
    expect(decisionLabelColumns(suite).sort()).toEqual(['is_code', 'should_trigger']);
  });

  it('looks at the columns a generic label: reads', async () => {
    const data = csv([
      ['input', 'should_refuse'],
      ['a', 'yes'],
      ['b', 'no'],
    ]);
    const suite = await loadCases(data, {
      systems: ['bot: { provider: "exec:echo" }'],
      checks: ['{ type: contains, value: "cannot help", label: "{{should_refuse}}" }'],
    });
    expect(decisionLabelColumns(suite)).toEqual(['should_refuse']);
  });
});
