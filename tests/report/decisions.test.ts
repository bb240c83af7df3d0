import { describe, expect, it } from 'vitest';
import { compareDecisions } from '../../src/regression/decisions.js';
import { decisionGateFailures } from '../../src/regression/decision-gate.js';
import { renderDecisionsSection } from '../../src/report/html-decisions.js';
import type { ReportData } from '../../src/report/report-data.js';
import type { DecisionSummary } from '../../src/store/decision-tally.js';
import type { RunSummary } from '../../src/store/summary.js';

const rate = (estimate: number) => ({ estimate, low: estimate / 2, high: (1 + estimate) / 2 });

function decision(name: string, fp: number): DecisionSummary {
  return {
    name,
    label: 'should_trigger',
    check: { type: 'tool-called' },
    tp: 5,
    fp,
    tn: 5,
    fn: 1,
    precision: rate(5 / (5 + fp)),
    recall: rate(5 / 6),
    falsePositiveRate: rate(fp / (fp + 5)),
    f1: rate(0.7),
    balancedAccuracy: rate(0.7),
  };
}

function summary(d: DecisionSummary): RunSummary {
  return { systems: [{ system: 'candidate', decisions: [d] }] } as unknown as RunSummary;
}

describe('decisions beside the compared-with run', () => {
  it('says the numbers are this run only when the compared-with run has no counts here', () => {
    const view = compareDecisions(summary(decision('x', 3)), undefined, 'run-1');
    expect(view.baselineRunId).toBeUndefined();
    expect(view.note).toMatch(/^decisions are this run's only: no counts for the compared-with run run-1 \(its run folder is not here/);
  });

  it('pairs each decision with its numbers before', () => {
    const view = compareDecisions(summary(decision('x', 7)), summary(decision('x', 3)), 'run-1');
    expect(view).toMatchObject({ baselineRunId: 'run-1', rows: [{ system: 'candidate', decision: { fp: 7 }, before: { fp: 3 } }] });
  });

  it('gates only the systems the gate applies to, and not a rate that is undefined', () => {
    const rows = compareDecisions(summary({ ...decision('x', 7), precision: null }), undefined, undefined).rows;
    expect(decisionGateFailures('s', rows, ['other'], { maxFalsePositiveRate: 0.1 })).toEqual([]);
    expect(decisionGateFailures('s', rows, ['candidate'], { minPrecision: 0.9 })).toEqual([]);
    expect(decisionGateFailures('s', rows, ['candidate'], { maxFalsePositiveRate: 0.1 })).toHaveLength(1);
  });
});

describe('report.html decisions', () => {
  it('escapes names that come from the suite and the dataset', () => {
    const data = { summary: summary(decision('<img src=x onerror=alert(1)>: tool-called <b>', 1)), assessment: {} } as unknown as ReportData;
    const html = renderDecisionsSection(data);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
  });
});
