import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import type { ReportData } from '../../src/report/report-data.js';
import { casesInMemory } from '../../src/report/report-sources.js';
import { renderResultsCsv } from '../../src/report/results-csv.js';
import { neutralizeCell } from '../../src/report/spreadsheet-cell.js';
import { CASES, JUDGMENTS, PAYLOADS, reportFixture } from '../helpers/report-fixture.js';

const csvText = (data: ReportData) => [...renderResultsCsv(data)].join('');

function parse(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('renderResultsCsv', () => {
  test("the dataset's columns in order, then output, verdict and reason per system that ran", async () => {
    const { data } = await reportFixture();
    const header = Papa.parse<string[]>(csvText(data).slice(1)).data[0];
    expect(header).toEqual([
      'id',
      'input',
      'should_trigger',
      'ideal_behavior',
      'why',
      'notes',
      'current_output',
      'current_verdict',
      'current_reason',
      'prompted_output',
      'prompted_verdict',
      'prompted_reason',
      'candidate_output',
      'candidate_verdict',
      'candidate_reason',
    ]);
  });

  test('round-trips through papaparse: multi-line outputs, pipes, quotes and tool calls intact', async () => {
    const { data } = await reportFixture();
    const rows = parse(csvText(data));
    expect(rows.map((r) => r.id)).toEqual(CASES.map((c) => c.id));
    const pipes = rows.find((r) => r.id === 'pipes')!;
    expect(pipes.candidate_output).toBe(`a | b\nc | d ${PAYLOADS.link}`);
    expect(pipes.candidate_verdict).toBe('fail');
    expect(pipes.candidate_reason).toBe('tool-called: expected canvas to be called; no tool was called');
    expect(pipes.input).toBe('user: draft a | table\nassistant: sure\nuser: now as a doc\nwith rows');
    const svg = rows.find((r) => r.id === 'svg')!;
    expect(svg.candidate_output).toBe(`→ canvas(type: "code", title: ${JSON.stringify(PAYLOADS.svg)})\n${PAYLOADS.svg}`);
    expect(rows.find((r) => r.id === 'timeout')!.candidate_verdict).toBe('error');
    expect(rows.find((r) => r.id === 'timeout')!.candidate_reason).toBe('error (timeout): no answer within 30000ms');
  });

  test('formula-looking cells from the model and the sheet are neutralized with a leading apostrophe', async () => {
    const { data } = await reportFixture();
    const formula = parse(csvText(data)).find((r) => r.id === 'formula')!;
    expect(formula.candidate_output).toBe(`→ canvas(type: "document")\n${PAYLOADS.formula}`);
    expect(formula.input).toBe("'@SUM(A1) please");
    expect(formula.ideal_behavior).toBe("'-2 is the answer");
    expect(formula.notes).toBe(`${PAYLOADS.script} note`);
  });

  test('with repeats: the first repeat’s output and an "n/k passed" verdict', async () => {
    const { data } = await reportFixture({ repeat: 3 });
    const essay = parse(csvText(data)).find((r) => r.id === 'write-essay')!;
    expect(essay.candidate_output).toBe(PAYLOADS.script);
    expect(essay.candidate_verdict).toBe('1/3 passed');
    expect(parse(csvText(data)).find((r) => r.id === 'timeout')!.candidate_verdict).toBe('0/3 passed, 3 errored');
  });

  test('a dataset without an id column gets the derived ids first; colliding names get a suffix', async () => {
    const { data } = await reportFixture();
    data.cases = casesInMemory([...data.cases].map(({ columns: { id: _id, ...rest }, ...kase }) => ({ ...kase, columns: { ...rest, candidate_output: 'mine' } })));
    const csv = csvText(data);
    const header = Papa.parse<string[]>(csv.slice(1)).data[0];
    expect(header.slice(0, 2)).toEqual(['id', 'input']);
    expect(header).toContain('candidate_output_2');
    expect(parse(csv)[0]).toMatchObject({ id: 'write-essay', candidate_output: 'mine', candidate_output_2: PAYLOADS.script });
  });
});

describe('neutralizeCell', () => {
  test.each([['=1+1'], ['+1'], ['-1'], ['@SUM(A1)'], ['\tcmd'], ['\rcmd']])('%j starts with an apostrophe', (value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });

  test('ordinary text is unchanged', () => {
    expect(neutralizeCell('Paris = capital')).toBe('Paris = capital');
  });

  test("pairwise verdicts and the judge's reason come back as columns too, one pair per comparison and kind of judge", async () => {
    const { data } = await reportFixture({ judgments: JUDGMENTS });
    const rows = parse(csvText(data));
    const essay = rows.find((r) => r.id === 'write-essay')!;
    expect(essay.candidate_vs_prompted_llm_verdict).toBe('prompted (much better)');
    expect(essay.candidate_vs_prompted_llm_reason).toContain('opens canvas');
    expect(essay.candidate_vs_current_llm_verdict).toBe('current');
    expect(essay.candidate_vs_prompted_human_verdict).toBe('prompted');
    expect(essay.candidate_vs_prompted_human_reason).toContain('prompted opened canvas');
    expect(rows.find((r) => r.id === 'formula')!.candidate_vs_prompted_llm_verdict).toBe('candidate');
    expect(rows.find((r) => r.id === 'pipes')!.candidate_vs_prompted_llm_verdict).toBe('inconsistent → tie');
    expect(rows.find((r) => r.id === 'svg')!.candidate_vs_prompted_human_verdict).toBe('');
  });
});
