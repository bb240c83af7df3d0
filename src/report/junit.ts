import type { CaseVerdict } from '../regression/case-verdict.js';
import type { Transition } from '../regression/diff-runs.js';
import type { ResultRecord } from '../types.js';
import { expectedBehaviour, outputText, ranSystems, recordReasons, resultsOf, truncate } from './case-view.js';
import type { ReportData } from './report-data.js';
import { xmlAttr, xmlText } from './xml-escape.js';
import { CaseTransitions } from './case-transitions.js';
import { reportDecisions } from './decision-view.js';
import type { DecisionRow } from '../regression/decisions.js';

// Shaped to the Ant/Jenkins JUnit schema (windyroad JUnit.xsd), the strictest of the formats CI
// tools read: every testsuite carries package, id, hostname, timestamp, properties, system-out/err.

interface CaseOutcome {
  status: 'pass' | 'fail' | 'error';
  transition?: Transition;
}

/** CI pages show failure bodies inline; the whole output is in results.csv. */
const BODY_OUTPUT_CHARS = 4000;

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function latencyOf(records: ResultRecord[]): number {
  return records.reduce((sum, r) => sum + (r.output?.latencyMs ?? 0), 0);
}

/** `repeats 1, 3 of 3: reason` when a case ran more than once, so the failing repeats are named. */
function repeatLines(records: ResultRecord[], wanted: ResultRecord['status']): string[] {
  const repeatsByReason = new Map<string, number[]>();
  for (const r of records.filter((x) => x.status === wanted)) {
    for (const reason of recordReasons(r)) repeatsByReason.set(reason, [...(repeatsByReason.get(reason) ?? []), r.repeat + 1]);
  }
  return [...repeatsByReason].map(([reason, repeats]) => (records.length > 1 ? `${repeats.length === 1 ? 'repeat' : 'repeats'} ${repeats.join(', ')} of ${records.length}: ${reason}` : reason));
}

function outcomeOf(records: ResultRecord[], verdict: CaseVerdict | undefined): CaseOutcome['status'] {
  if (verdict) return verdict.status;
  if (records.every((r) => r.status === 'error')) return 'error';
  return records.some((r) => r.status === 'fail') ? 'fail' : records.some((r) => r.status === 'error') ? 'error' : 'pass';
}

function testcase(classname: string, caseId: string, records: ResultRecord[], outcome: CaseOutcome, expected: string): string {
  const open = `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(caseId)}" time="${seconds(latencyOf(records))}"`;
  if (outcome.status === 'pass') return `${open}/>`;
  const type = outcome.transition ?? outcome.status;
  const element = outcome.status === 'error' ? 'error' : 'failure';
  const lines = repeatLines(records, outcome.status === 'error' ? 'error' : 'fail');
  const shown = records.find((r) => r.status === outcome.status) ?? records[0];
  const body = [
    ...lines,
    ...(expected ? ['', `expected: ${expected}`] : []),
    ...(shown?.output ? ['', `output${records.length > 1 ? ` (repeat ${shown.repeat + 1})` : ''}:`, truncate(outputText(shown.output), BODY_OUTPUT_CHARS)] : []),
  ].join('\n');
  return [`${open}>`, `      <${element} message="${xmlAttr(lines.join('; ') || type)}" type="${xmlAttr(type)}">${xmlText(body)}</${element}>`, '    </testcase>'].join('\n');
}

/** A decision's numbers as testsuite properties, `<system>.<decision>.<metric>`, for CI dashboards that chart properties. */
function decisionProperties(rows: DecisionRow[]): Array<[string, string]> {
  const properties: Array<[string, string]> = [];
  for (const { system, decision: d } of rows) {
    const key = (metric: string) => `${system}.${d.name}.${metric}`;
    properties.push([key('tp'), String(d.tp)], [key('fp'), String(d.fp)], [key('tn'), String(d.tn)], [key('fn'), String(d.fn)]);
    const rates = { precision: d.precision, recall: d.recall, f1: d.f1, false_positive_rate: d.falsePositiveRate, balanced_accuracy: d.balancedAccuracy, cost_per_case: d.costPerCase };
    for (const [metric, rate] of Object.entries(rates)) {
      if (!rate) continue;
      properties.push([key(metric), String(rate.estimate)], [key(`${metric}_low`), String(rate.low)], [key(`${metric}_high`), String(rate.high)]);
    }
  }
  return properties;
}

/**
 * junit.xml: one testsuite per system, one testcase per case × system (repeats folded into one
 * testcase; the failure message names the failing repeats). Use for CI test-report widgets.
 */
export function* renderJunit(data: ReportData): Generator<string> {
  const timestamp = (data.summary.startedAt || data.meta.startedAt || new Date(0).toISOString()).slice(0, 19);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n';
  const decisions = reportDecisions(data).rows;
  const transitions = new CaseTransitions(data);
  for (const [id, system] of ranSystems(data).entries()) {
    const comparison = data.assessment.regression.systems.find((s) => s.system === system);
    const provider = comparison?.provider ?? data.meta.systems.find((s) => s.name === system)?.provider ?? '';
    // Two passes over the results: the testsuite's counts come before its testcases, and holding
    // every testcase of a 100,000-case run until the counts are known would hold the whole file.
    const outcomes = function* () {
      for (const kase of data.cases) {
        const records = resultsOf(data, kase.id, system);
        if (!records.length) continue;
        const transition = transitions.get(system, kase.id);
        yield { kase, records, transition, status: outcomeOf(records, transition?.after) };
      }
    };
    let tests = 0;
    let failures = 0;
    let errors = 0;
    let time = 0;
    for (const { records, status } of outcomes()) {
      tests += 1;
      if (status === 'fail') failures += 1;
      if (status === 'error') errors += 1;
      time += latencyOf(records);
    }
    const properties = [
      ['provider', provider],
      ['run_id', data.runId],
      ['baseline_run_id', data.assessment.regression.baselineRunId ?? ''],
      ['repeat', String(data.summary.repeat)],
      ...decisionProperties(decisions.filter((row) => row.system === system)),
    ].map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
    yield [
      `  <testsuite package="${xmlAttr(data.suite)}" id="${id}" name="${xmlAttr(`${data.suite}/${system}`)}" timestamp="${xmlAttr(timestamp)}" hostname="localhost" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}">`,
      '    <properties>',
      ...properties,
      '    </properties>',
      '',
    ].join('\n');
    for (const { kase, records, transition, status } of outcomes()) {
      yield testcase(`${data.suite}.${system}`, kase.id, records, { status, transition: transition?.transition }, expectedBehaviour(kase, data.summary.checks)) + '\n';
    }
    yield '    <system-out/>\n    <system-err/>\n  </testsuite>\n';
  }
  yield '</testsuites>\n';
}
