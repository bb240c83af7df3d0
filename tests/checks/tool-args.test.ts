import { describe, expect, it } from 'vitest';
import { runCheck, validateCheckSpec } from '../../src/checks/registry.js';
import { call, makeCase, makeOutput } from '../helpers/make-case.js';

const reminder = (args: Record<string, unknown>) => makeOutput({ toolCalls: [call('create_reminder', args)] });
const timeSpec = { type: 'tool-args', tool: 'create_reminder', path: 'time', equals: '{{expected_time}}', normalize: 'time' };

describe('tool-args', () => {
  it('compares times after normalizing both sides', async () => {
    const kase = makeCase({ columns: { expected_time: '7:00 PM' } });
    expect(await runCheck(timeSpec, reminder({ time: '19:00' }), kase)).toMatchObject({ pass: true, reason: 'time: 19:00' });
    expect((await runCheck(timeSpec, reminder({ time: '2026-11-27T19:00:00+01:00' }), kase)).pass).toBe(true);
  });

  it('fails showing both normalized values', async () => {
    const kase = makeCase({ columns: { expected_time: '7pm' } });
    expect(await runCheck(timeSpec, reminder({ time: '7:00 AM' }), kase)).toMatchObject({ pass: false, reason: 'time: expected 19:00, got 07:00' });
  });

  it('fails when the tool was not called', async () => {
    const kase = makeCase({ columns: { expected_time: '19:00' } });
    expect((await runCheck(timeSpec, makeOutput(), kase)).reason).toBe('create_reminder was not called');
    const other = makeOutput({ toolCalls: [call('canvas')] });
    expect((await runCheck(timeSpec, other, kase)).reason).toBe('create_reminder was not called (called canvas)');
  });

  it('fails when the argument is missing or not a time', async () => {
    const kase = makeCase({ columns: { expected_time: '19:00' } });
    expect((await runCheck(timeSpec, reminder({ text: 'x' }), kase)).reason).toBe('time: missing from the create_reminder call');
    expect((await runCheck(timeSpec, reminder({ time: 'evening' }), kase)).reason).toBe('time: got "evening", not a time');
  });

  it('reads nested paths', async () => {
    const output = reminder({ reminder: { items: [{ when: '8am' }] }, 'odd key': 'Yes' });
    const kase = makeCase();
    expect((await runCheck({ type: 'tool-args', tool: 'create_reminder', path: 'reminder.items[0].when', equals: '08:00', normalize: 'time' }, output, kase)).pass).toBe(true);
    expect((await runCheck({ type: 'tool-args', tool: 'create_reminder', path: "$['odd key']", equals: 'yes', normalize: 'lowercase' }, output, kase)).pass).toBe(true);
  });

  it('compares exactly without a normalizer, quoting values', async () => {
    const output = makeOutput({ toolCalls: [call('canvas', { type: 'document', pages: 3 })] });
    expect(await runCheck({ type: 'tool-args', tool: 'canvas', path: 'type', equals: 'code' }, output, makeCase())).toMatchObject({
      pass: false,
      reason: 'type: expected "code", got "document"',
    });
    expect((await runCheck({ type: 'tool-args', tool: 'canvas', path: 'pages', equals: 3 }, output, makeCase())).pass).toBe(true);
  });

  it('supports matches and one_of', async () => {
    const output = makeOutput({ toolCalls: [call('canvas', { type: 'document' })] });
    expect(await runCheck({ type: 'tool-args', tool: 'canvas', path: 'type', matches: '^doc' }, output, makeCase())).toMatchObject({
      pass: true,
      reason: 'type: "document" matches /^doc/',
    });
    expect(await runCheck({ type: 'tool-args', tool: 'canvas', path: 'type', one_of: ['code', 'slides'] }, output, makeCase())).toMatchObject({
      pass: false,
      reason: 'type: expected one of "code", "slides", got "document"',
    });
  });

  it('with no expectation, only requires the argument', async () => {
    const output = makeOutput({ toolCalls: [call('canvas', { type: 'document' })] });
    expect(await runCheck({ type: 'tool-args', tool: 'canvas', path: '$.type' }, output, makeCase())).toMatchObject({ pass: true, reason: 'type: "document"' });
  });

  it('resolves relative dates against the case now', async () => {
    const spec = { type: 'tool-args', tool: 'create_reminder', path: 'date', equals: 'tomorrow', normalize: 'date' };
    const kase = makeCase({ now: '2026-11-26T09:00:00' });
    expect((await runCheck(spec, reminder({ date: '2026-11-27' }), kase)).pass).toBe(true);
    const noNow = await runCheck(spec, reminder({ date: '2026-11-27' }), makeCase());
    expect(noNow).toMatchObject({ pass: false, reason: 'date: expected value "tomorrow" is relative but the case has no "now" (set a now column or the suite\'s now)' });
  });

  it('names the column of a bad expected value', async () => {
    const kase = makeCase({ columns: { expected_time: '25:00' } });
    expect(await runCheck(timeSpec, reminder({ time: '19:00' }), kase)).toMatchObject({ pass: false, reason: 'column "expected_time": "25:00" is not a time' });
  });

  it('reports an empty expected value, unless `if` says the check does not apply', async () => {
    const spec = { ...timeSpec, if: '{{should_remind}}' };
    const applies = makeCase({ columns: { expected_time: '', should_remind: 'yes' } });
    expect((await runCheck(spec, makeOutput(), applies)).reason).toBe('expected_time is empty');
    const skipped = makeCase({ columns: { expected_time: '', should_remind: 'no' } });
    expect(await runCheck(spec, makeOutput(), skipped)).toMatchObject({ pass: true, reason: 'not applicable (if: no)' });
  });

  it('is validated when the suite loads', () => {
    expect(validateCheckSpec({ type: 'tool-args', tool: 'x', path: 'items[', equals: 'a' }, [])).toEqual(['tool-args option "path": cannot read path "items[" at "["']);
    expect(validateCheckSpec({ type: 'tool-args', tool: 'x', path: 'a', equals: 'a', matches: 'b' }, [])).toEqual(['tool-args: use one of equals, matches, one_of or same_as, not equals and matches']);
    expect(validateCheckSpec({ type: 'tool-args', tool: 'x', path: 'a', normalize: 'clock' }, [])[0]).toMatch(/^tool-args option "normalize": /);
    expect(validateCheckSpec({ type: 'tool-args', tool: 'x', path: 'a', equals: 'soon', normalize: 'time' }, [])).toEqual(['tool-args option "equals": "soon" is not a time']);
  });
});

describe('tool-args same_as: the expected value is the argument a recorded call holds', () => {
  // The template's check: the PM types the time once, in the ideal, and the model's call is held to it.
  const idealSpec = { type: 'tool-args', tool: 'create_reminder', path: 'time', same_as: '{{ideal_behavior}}', normalize: 'time' };
  const withIdeal = (ideal: string) => makeCase({ columns: { ideal_behavior: ideal } });
  const ideal = withIdeal('→ create_reminder(title: "Dentist", time: "15:15")\nDone: I\'ll remind you at 3:15 PM.');

  it('fails naming the argument when the model sets another value, and passes on the same one', async () => {
    expect(await runCheck(idealSpec, reminder({ title: 'Dentist', time: '09:00' }), ideal)).toMatchObject({ pass: false, reason: 'time: expected 15:15, got 09:00' });
    expect(await runCheck(idealSpec, reminder({ title: 'Dentist', time: '3:15 PM' }), ideal)).toMatchObject({ pass: true, reason: 'time: 15:15' });
  });

  it('fails when the model does not call the tool the ideal calls', async () => {
    expect((await runCheck(idealSpec, makeOutput({ text: 'Sure!' }), ideal)).reason).toBe('create_reminder was not called');
  });

  it('does not apply where the ideal records no such call or argument, or is empty', async () => {
    const answer = makeOutput({ text: 'Canberra.' });
    expect(await runCheck(idealSpec, answer, withIdeal('Canberra.'))).toMatchObject({ pass: true, reason: 'not applicable (no create_reminder call to compare with)' });
    expect(await runCheck(idealSpec, answer, withIdeal('→ create_reminder(title: "Dentist")'))).toMatchObject({
      pass: true,
      reason: 'not applicable (the expected create_reminder call records no time)',
    });
    expect(await runCheck(idealSpec, answer, withIdeal(''))).toMatchObject({ pass: true, reason: 'not applicable (no create_reminder call to compare with)' });
  });

  it('reads JSON recordings and nested paths, and compares exactly without a normalizer', async () => {
    const json = withIdeal('{"name": "canvas", "arguments": {"type": "document", "meta": {"pages": 3}}}');
    const spec = { type: 'tool-args', tool: 'canvas', path: 'type', same_as: '{{ideal_behavior}}' };
    expect(await runCheck(spec, makeOutput({ toolCalls: [call('canvas', { type: 'code' })] }), json)).toMatchObject({ pass: false, reason: 'type: expected "document", got "code"' });
    const pages = { ...spec, path: 'meta.pages' };
    expect((await runCheck(pages, makeOutput({ toolCalls: [call('canvas', { meta: { pages: 3 } })] }), json)).pass).toBe(true);
  });

  it('is one expectation among equals, matches and one_of', async () => {
    expect((await runCheck({ ...idealSpec, equals: '19:00' }, reminder({ time: '15:15' }), ideal)).reason).toBe('tool-args: use one of equals, matches, one_of or same_as, not equals and same_as');
    expect(validateCheckSpec(idealSpec, ['ideal_behaviour'])[0]).toMatch(/no column "ideal_behavior" in the dataset \(did you mean "ideal_behaviour"\?\)/);
  });
});
