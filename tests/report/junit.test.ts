import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, test } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import type { ReportData } from '../../src/report/report-data.js';
import { makeOutput } from '../helpers/make-case.js';
import { reportFixture } from '../helpers/report-fixture.js';

const junitText = (data: ReportData) => [...renderJunit(data)].join('');

// tests/fixtures/junit.xsd is the Ant/Jenkins schema published by windyroad (see its header).
const schema = readFileSync(new URL('../fixtures/junit.xsd', import.meta.url), 'utf8');

async function validate(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [schema] });
  return result.errors.map((e) => e.rawMessage);
}

function suiteElement(xml: string, name: string): string {
  const match = new RegExp(`<testsuite [^>]*name="${name}"[^>]*>`).exec(xml);
  if (!match) throw new Error(`no testsuite ${name}`);
  return match[0];
}

const attribute = (element: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(element)?.[1];

describe('renderJunit', () => {
  test('validates against the published JUnit schema, hostile outputs included', async () => {
    const { data } = await reportFixture();
    expect(await validate(junitText(data))).toEqual([]);
  });

  test('the schema check has teeth: a testsuite without <properties> is rejected', async () => {
    const { data } = await reportFixture();
    const broken = junitText(data).replace(/<properties>[\s\S]*?<\/properties>/, '');
    expect((await validate(broken)).join('\n')).toMatch(/properties/);
  });

  test('with repeats, one testcase per case × system still validates', async () => {
    const { data } = await reportFixture({ repeat: 3 });
    const xml = junitText(data);
    expect(await validate(xml)).toEqual([]);
    expect(xml.match(/<testcase /g)).toHaveLength(18);
  });

  test('one testsuite per system with correct counts and summed time', async () => {
    const { data } = await reportFixture();
    const xml = junitText(data);
    const candidate = suiteElement(xml, 'canvas-trigger/candidate');
    expect(attribute(candidate, 'tests')).toBe('6');
    expect(attribute(candidate, 'failures')).toBe('3');
    expect(attribute(candidate, 'errors')).toBe('1');
    // Five answered cases at 1.2 s each; the timed-out one has no output and no latency.
    expect(attribute(candidate, 'time')).toBe('6.000');
    expect(xml).not.toContain('canvas-trigger/gemini');
  });

  test('failures carry the transition as type and the reasons as message; errors are <error>', async () => {
    const { data } = await reportFixture();
    const xml = junitText(data);
    expect(xml).toContain(
      '<testcase classname="canvas-trigger.candidate" name="write-essay" time="1.200">\n      <failure message="tool-called: expected canvas to be called; no tool was called" type="regressed">',
    );
    expect(xml).toMatch(/name="timeout" time="0.000">\n {6}<error message="error \(timeout\): no answer within 30000ms" type="errored">/);
    expect(xml).toContain('&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
  });

  test('a flaky case names its failing repeat', async () => {
    const { data } = await reportFixture({ repeat: 3 });
    expect(junitText(data)).toContain('message="repeats 1, 3 of 3: tool-called: expected canvas to be called; no tool was called" type="regressed"');
  });

  test('characters XML 1.0 forbids are replaced by U+FFFD, so the file still parses', async () => {
    const { data } = await reportFixture();
    const record = data.results.get('write-essay', 'candidate')[0];
    record.output = makeOutput({ text: 'bell\u0007 nul\u0000 escape\u001b[31m lone\uD800 surrogate 😀 nonchars\uFFFE\uFFFF', latencyMs: 5 });
    const xml = junitText(data);
    expect(await validate(xml)).toEqual([]);
    expect(xml).toContain('bell\uFFFD nul\uFFFD escape\uFFFD[31m lone\uFFFD surrogate 😀 nonchars\uFFFD\uFFFD');
  });
});
