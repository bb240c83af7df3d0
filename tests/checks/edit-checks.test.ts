import { describe, expect, it } from 'vitest';
import { runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import type { CheckSpec } from '../../src/types.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

// A corpus of edits to one document, each with the verdict and reason it is planted to get.
const DOCUMENT = [
  '# Team offsite',
  '',
  'Dear all, the offsite is on 12 May.',
  '',
  'Attendance is mandatory. Failure to reply by Friday will be noted.',
  '',
  '## Travel',
  '',
  'Trains leave at 9:00. Bring your badge.',
  '',
  'Questions go to Sam.',
  '',
].join('\n');

const kase = makeCase({ columns: { document: DOCUMENT, edit_kind: 'targeted', target: 'on 12 May' } });
const update = (pattern: string, replacement: string) => call('update_document', { pattern, replacement });
const rewrite = (content: string) => call('rewrite_document', { content });

const friendlier = 'We would love to see everyone there! If you can, let us know by Friday.';
const corpus = {
  targeted: [update('Attendance is mandatory. Failure to reply by Friday will be noted.', friendlier)],
  rewrite: [rewrite(DOCUMENT.replace('Attendance is mandatory. Failure to reply by Friday will be noted.', friendlier))],
  wrongParagraph: [update('Trains leave at 9:00. Bring your badge.', 'Trains leave at 9:00, and do bring your badge!')],
  notFound: [update('Attendance is required.', friendlier)],
  foundTwice: [update('offsite', 'away day'), update('x', 'y')],
  whitespaceElsewhere: [rewrite(DOCUMENT.replace('Attendance is mandatory. Failure to reply by Friday will be noted.', friendlier).replace('9:00. Bring', '9:00.  Bring'))],
  none: [],
};

const output = (name: keyof typeof corpus) => makeOutput({ toolCalls: corpus[name], text: 'Done.' });
const check = (spec: Omit<CheckSpec, 'type'> & { type: string }, name: keyof typeof corpus) => runCheck(spec, output(name), kase);

describe('edit-applies', () => {
  const spec = { type: 'edit-applies' };
  it.each([
    ['targeted', true, 'pattern found once'],
    ['rewrite', true, 'not applicable (a rewrite, no pattern to match)'],
    ['wrongParagraph', true, 'pattern found once'],
    ['notFound', false, 'pattern not found: "Attendance is required."'],
    ['none', true, 'not applicable (no edit)'],
  ] as const)('%s: %s, %s', async (name, pass, reason) => {
    expect(await check(spec, name)).toMatchObject({ pass, reason });
  });

  it('names how often an ambiguous pattern occurs, and which edit of several it is', async () => {
    expect(await check(spec, 'foundTwice')).toMatchObject({ pass: false, reason: 'edit 1 of 2: pattern found 2 times: "offsite"' });
    const one = await runCheck(spec, makeOutput({ toolCalls: [update('Friday', 'Thursday')] }), makeCase({ columns: { document: 'Friday. Then Friday.' } }));
    expect(one).toMatchObject({ pass: false, reason: 'pattern found 2 times: "Friday"' });
  });

  it('takes the pattern literally, and says when only case or spacing kept it from matching', async () => {
    const regexLike = await runCheck(spec, makeOutput({ toolCalls: [update('9:00.', '9:30.')] }), kase);
    expect(regexLike).toMatchObject({ pass: true });
    const dot = await runCheck(spec, makeOutput({ toolCalls: [update('9.00', '9:30')] }), kase);
    expect(dot).toMatchObject({ pass: false, reason: 'pattern not found: "9.00"' });
    const retyped = await runCheck(spec, makeOutput({ toolCalls: [update('trains leave  at 9:00.', 'x')] }), kase);
    expect(retyped.reason).toBe('pattern not found: "trains leave at 9:00." (it matches only when case and spacing are ignored)');
  });

  it('applies edits in order, each to the text the earlier ones left', async () => {
    const result = await runCheck(spec, makeOutput({ toolCalls: [update('12 May', '19 May'), update('on 19 May', 'on Monday 19 May')] }), kase);
    expect(result).toMatchObject({ pass: true, reason: '2 edits, each pattern found once' });
    expect(result.diff).toContain('+Dear all, the offsite is on Monday 19 May.');
  });

  it('keeps a replacement literal ($& is text) and fails an update without a pattern', async () => {
    const dollars = await runCheck(spec, makeOutput({ toolCalls: [update('Sam', '$& and $1')] }), kase);
    expect(dollars.diff).toContain('+Questions go to $& and $1.');
    const broken = await runCheck(spec, makeOutput({ toolCalls: [call('update_document', { replacement: 'x' })] }), kase);
    expect(broken).toMatchObject({ pass: false, reason: 'update_document has no text argument "pattern"' });
  });
});

describe('edit-kind', () => {
  const spec = { type: 'edit-kind', expect: '{{edit_kind}}' };
  it.each([
    ['targeted', 'targeted', true, 'a targeted edit (update_document)'],
    ['rewrite', 'targeted', false, 'expected a targeted edit, got a rewrite (rewrite_document)'],
    ['rewrite', 'Rewrite', true, 'a rewrite (rewrite_document)'],
    ['none', 'rewrite', false, 'expected a rewrite, got no edit'],
    ['none', 'none', true, 'no edit'],
  ] as const)('%s against %s: %s', async (name, label, pass, reason) => {
    const result = await runCheck(spec, output(name), makeCase({ columns: { ...kase.columns, edit_kind: label } }));
    expect(result).toMatchObject({ pass, reason });
  });

  it('fails one answer that both rewrites and patches', async () => {
    const both = makeOutput({ toolCalls: [...corpus.targeted, ...corpus.rewrite] });
    expect(await runCheck(spec, both, kase)).toMatchObject({ pass: false, reason: 'expected a targeted edit, got both a targeted edit and a rewrite' });
  });

  it('reads other tool names when the product calls its tools something else', async () => {
    const renamed = { type: 'edit-kind', expect: 'rewrite', rewrite_tool: 'replace_all', content_arg: 'text' };
    const result = await runCheck(renamed, makeOutput({ toolCalls: [call('replace_all', { text: 'New.' })] }), kase);
    expect(result).toMatchObject({ pass: true, reason: 'a rewrite (replace_all)' });
    expect(result.diff).toContain('+New.');
  });
});

describe('edit-scope', () => {
  const paragraph3 = { type: 'edit-scope', paragraph: 3 };
  it.each([
    ['targeted', true, 'only paragraph 3 changed'],
    ['rewrite', true, 'only paragraph 3 changed'],
    ['wrongParagraph', false, 'paragraph 5 changed; paragraph 3 did not'],
    ['notFound', false, 'the edit does not apply: pattern not found: "Attendance is required."'],
    ['whitespaceElsewhere', false, 'paragraph 5 changed (whitespace only), outside paragraph 3'],
    ['none', true, 'not applicable (no edit)'],
  ] as const)('%s: %s, %s', async (name, pass, reason) => {
    expect(await check(paragraph3, name)).toMatchObject({ pass, reason });
  });

  it('fails an edit that changes nothing, and a dropped final newline', async () => {
    expect(await runCheck(paragraph3, makeOutput({ toolCalls: [update('Friday', 'Friday')] }), makeCase({ columns: { document: 'a\n\nb\n\nby Friday' } }))).toMatchObject({
      pass: false,
      reason: 'the document did not change',
    });
    const trimmed = rewrite(DOCUMENT.replace('Attendance is mandatory.', 'Everyone is welcome.').trimEnd());
    expect(await runCheck(paragraph3, makeOutput({ toolCalls: [trimmed] }), kase)).toMatchObject({
      pass: false,
      reason: 'the end of the document changed (whitespace only), outside paragraph 3',
    });
  });

  it('allows a paragraph to become two, and names a change before the part', async () => {
    const split = makeOutput({ toolCalls: [update('Attendance is mandatory. ', 'We hope you can come.\n\n')] });
    expect(await runCheck(paragraph3, split, kase)).toMatchObject({ pass: true, reason: 'only paragraph 3 changed' });
    const both = makeOutput({ toolCalls: [update('Team offsite', 'Team Offsite'), ...corpus.targeted] });
    expect(await runCheck(paragraph3, both, kase)).toMatchObject({ pass: false, reason: 'paragraph 1 changed, outside paragraph 3' });
  });

  it('lets a deleted paragraph take its blank line with it, but not more', async () => {
    const deleted = makeOutput({ toolCalls: [update('\n\nAttendance is mandatory. Failure to reply by Friday will be noted.', '')] });
    expect(await runCheck(paragraph3, deleted, kase)).toMatchObject({ pass: true, reason: 'only paragraph 3 changed (removed)' });
    const greedy = makeOutput({ toolCalls: [update('12 May.\n\nAttendance is mandatory. Failure to reply by Friday will be noted.', '12 May.')] });
    expect(await runCheck(paragraph3, greedy, kase)).toMatchObject({ pass: true });
    const tooMuch = makeOutput({ toolCalls: [update('\n\nAttendance is mandatory. Failure to reply by Friday will be noted.\n\n', '')] });
    expect((await runCheck(paragraph3, tooMuch, kase)).pass).toBe(false);
  });

  it('scopes to a heading section, heading to the next heading of its level', async () => {
    const section = { type: 'edit-scope', section: 'travel' };
    expect(await runCheck(section, makeOutput({ toolCalls: [update('Questions go to Sam.', 'Questions go to Sam or Priya.')] }), kase)).toMatchObject({
      pass: true,
      reason: 'only section "travel" changed',
    });
    expect(await check(section, 'targeted')).toMatchObject({ pass: false, reason: 'paragraph 3 changed; section "travel" did not' });
  });

  it('scopes to a target passage given in a column', async () => {
    const target = { type: 'edit-scope', target: '{{target}}' };
    expect(await runCheck(target, makeOutput({ toolCalls: [update('12 May', '19 May')] }), kase)).toMatchObject({ pass: true, reason: 'only "on 12 May" changed' });
    expect(await runCheck(target, makeOutput({ toolCalls: [update('Dear all, the offsite is on 12 May', 'Hi all, the offsite is on 19 May')] }), kase)).toMatchObject({
      pass: false,
      reason: 'paragraph 2 changed, outside "on 12 May"',
    });
  });

  it('names a whitespace change elsewhere when the target is part of a paragraph', async () => {
    const target = { type: 'edit-scope', target: '{{target}}' };
    const retyped = rewrite(DOCUMENT.replace('12 May', '19 May').replace('9:00. Bring', '9:00.  Bring'));
    expect(await runCheck(target, makeOutput({ toolCalls: [retyped] }), kase)).toMatchObject({
      pass: false,
      reason: 'paragraph 5 changed (whitespace only), outside "on 12 May"',
    });
  });

  it('takes its part from whichever column the row fills, and does not apply when all are empty', async () => {
    const fromColumns = { type: 'edit-scope', paragraph: '{{paragraph}}', section: '{{section}}', target: '{{target}}' };
    const row = (columns: Record<string, string>) => makeCase({ columns: { document: DOCUMENT, paragraph: '', section: '', target: '', ...columns } });
    expect(await runCheck(fromColumns, output('targeted'), row({ paragraph: '3' }))).toMatchObject({ pass: true, reason: 'only paragraph 3 changed' });
    expect(await runCheck(fromColumns, output('rewrite'), row({}))).toMatchObject({ pass: true, reason: 'not applicable (the row names no part)' });
    expect(await runCheck(fromColumns, output('targeted'), row({ paragraph: '3', section: 'Travel' }))).toMatchObject({
      pass: false,
      reason: 'edit-scope: name one part: paragraph, section or target, not paragraph and section',
    });
  });

  it("reports a part the row names but the document lacks as the row's problem, not a fail", async () => {
    expect(await runCheck({ type: 'edit-scope', paragraph: 9 }, output('targeted'), kase)).toMatchObject({
      pass: false,
      reason: 'edit-scope option "paragraph": the document has 6 paragraphs, so there is no paragraph 9',
    });
    expect((await runCheck({ type: 'edit-scope', section: 'Budget' }, output('targeted'), kase)).reason).toBe(
      'edit-scope option "section": the document has no heading "Budget" (its headings: "Team offsite", "Travel")',
    );
    const twice = await runCheck({ type: 'edit-scope', target: 'Friday' }, output('targeted'), makeCase({ columns: { document: 'Friday. Then Friday.' } }));
    expect(twice.reason).toContain('the target text is in the document 2 times');
  });
});

describe('edit checks at load', () => {
  it('reads the document from a named column, and names a column the dataset lacks', () => {
    expect(validateCheckSpec({ type: 'edit-applies', document: 'draft' }, ['input', 'draft'])).toEqual([]);
    expect(validateCheckSpec({ type: 'edit-applies', document: 'draft' }, ['input', 'drafts'])).toEqual(['document: no column "draft" in the dataset (did you mean "drafts"?)']);
    expect(validateCheckSpec({ type: 'edit-kind', expect: 'targeted' }, ['input'])).toEqual(['document: no column "document" in the dataset']);
  });

  it('refuses paragraph 0, two parts, no part and an unknown edit kind', () => {
    const columns = ['input', 'document'];
    expect(validateCheckSpec({ type: 'edit-scope', paragraph: 0 }, columns)).toEqual(['edit-scope option "paragraph": 0 is not a paragraph number: paragraphs are numbered from 1']);
    expect(validateCheckSpec({ type: 'edit-scope', paragraph: 1, section: 'Intro' }, columns)).toEqual([]);
    expect(validateCheckSpec({ type: 'edit-kind', expect: 'patch' }, columns)).toEqual(['edit-kind option "expect": "patch" is not an edit kind: use targeted, rewrite or none']);
  });
});
