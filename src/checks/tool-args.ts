import * as z from 'zod';
import { parseRecordedOutput } from '../providers/recorded-output.js';
import { callNames, formatValue, quote } from './format.js';
import { parseJsonPath, selectPath } from './json-path.js';
import { normalizerNames, normalizers, type NormalizeContext, type NormalizeResult } from './normalizers/index.js';
import { patternOption, textOption } from './option-types.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

const pathOption = builtOnFirstUse(() =>
  z.string().superRefine((path, ctx) => {
    try {
      parseJsonPath(path);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
);

const options = builtOnFirstUse(() =>
  z
    .strictObject({
      tool: z.string().trim().min(1),
      path: pathOption(),
      equals: textOption().optional(),
      matches: patternOption().optional(),
      one_of: z.array(textOption()).min(1).optional(),
      // A recorded output, usually "{{ideal_behavior}}": the expected value is the argument its call records.
      same_as: z.string().optional(),
      normalize: z.enum(normalizerNames).optional(),
    })
    .superRefine((value, ctx) => {
      const given = (['equals', 'matches', 'one_of', 'same_as'] as const).filter((key) => value[key] !== undefined);
      if (given.length > 1) ctx.addIssue({ code: 'custom', message: `use one of equals, matches, one_of or same_as, not ${given.join(' and ')}` });
      if (!value.normalize) return;
      // Catch a bad expected value ("25:00") when the case loads; relative dates wait for the case's `now`.
      const expected = value.equals !== undefined ? [{ text: value.equals, path: ['equals'] }] : (value.one_of ?? []).map((text, i) => ({ text, path: ['one_of', i] }));
      for (const { text, path } of expected) {
        const result = normalizers[value.normalize](text, {});
        if (!result.ok && !result.needsNow) ctx.addIssue({ code: 'custom', message: result.reason, path });
      }
    }),
);

type Options = z.infer<ReturnType<typeof options>>;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The value `same_as` expects: the argument at `path` in the first call to `tool` recorded in the cell,
 * or why there is none. A recording without that call or argument says nothing about it (the PM wrote
 * `→ create_reminder` because the arguments do not matter), so the check does not apply.
 */
function recordedExpectation(cell: string, tool: string, rawPath: string, path: string): { text: string } | { notApplicable: string } {
  const recorded = parseRecordedOutput(cell).toolCalls.find((candidate) => candidate.name === tool);
  if (!recorded) return { notApplicable: `not applicable (no ${tool} call to compare with)` };
  const selected = selectPath(recorded.arguments, parseJsonPath(rawPath));
  if (!selected.found || selected.value === undefined) return { notApplicable: `not applicable (the expected ${tool} call records no ${path})` };
  return { text: asText(selected.value) };
}

/**
 * A value inside a tool call's arguments: the first call to `tool`, at `path` (`time`,
 * `reminder.time`, `items[0].when`), `equals` / `matches` / `one_of` the expectation, or `same_as` a
 * recorded output's call (the ideal's `→ create_reminder(time: 15:15)`, so the PM types the time once),
 * after an optional normalizer (time, date, lowercase, trim, number) so "7pm" = "19:00". With no
 * expectation it only requires the argument to be present. Use after `tool-called` for "the
 * reminder says 19:00". Not for whether the tool was called at all.
 */
export const toolArgsCheck: CheckDefinition<Options> = {
  type: 'tool-args',
  description:
    'An argument of the first call to a tool equals / matches / is one of the expected value(s), or is the same as in a recorded call (same_as: "{{ideal_behavior}}"), optionally normalized (time, date, lowercase, trim, number).',
  get options() {
    return options();
  },
  // An empty ideal records nothing to compare with: not a problem with the row.
  mayBeEmpty: ['same_as'],
  run(output, { tool, path: rawPath, equals: literal, matches, one_of, same_as, normalize }, kase) {
    // Reasons name the argument as a PM would: `time`, not `$.time`.
    const path = rawPath.trim().replace(/^\$\.?/, '') || '$';
    let equals = literal;
    if (same_as !== undefined) {
      const expectation = recordedExpectation(same_as, tool, rawPath, path);
      if ('notApplicable' in expectation) return { pass: true, reason: expectation.notApplicable };
      equals = expectation.text;
    }
    const call = output.toolCalls.find((candidate) => candidate.name === tool);
    if (!call) return { pass: false, reason: `${tool} was not called${output.toolCalls.length > 0 ? ` (called ${callNames(output.toolCalls)})` : ''}` };
    const selected = selectPath(call.arguments, parseJsonPath(rawPath));
    if (!selected.found || selected.value === undefined) return { pass: false, reason: `${path}: missing from the ${tool} call` };
    const context: NormalizeContext = { now: kase.now, timezone: kase.timezone };
    const norm = (text: string): NormalizeResult => (normalize ? normalizers[normalize](text, context) : { ok: true, value: text });
    const actual = norm(asText(selected.value));
    if (!actual.ok) return { pass: false, reason: `${path}: got ${formatValue(selected.value)}, ${actual.reason.replace(/^".*?" (is )?/, '')}` };
    const shown = normalize ? actual.value : formatValue(selected.value);
    if (matches !== undefined) {
      const ok = new RegExp(matches).test(actual.value);
      return { pass: ok, reason: ok ? `${path}: ${shown} matches /${matches}/` : `${path}: ${shown} does not match /${matches}/` };
    }
    const expectedTexts = equals !== undefined ? [equals] : one_of;
    if (expectedTexts === undefined) return { pass: true, reason: `${path}: ${shown}` };
    const expected: string[] = [];
    for (const text of expectedTexts) {
      const result = norm(text);
      if (!result.ok) return { pass: false, reason: `${path}: expected value ${result.reason}` };
      expected.push(result.value);
    }
    const display = (text: string): string => (normalize ? text : quote(text, 40));
    if (expected.includes(actual.value)) return { pass: true, reason: `${path}: ${shown}` };
    const wanted = expected.length === 1 ? display(expected[0]) : `one of ${expected.map(display).join(', ')}`;
    return { pass: false, reason: `${path}: expected ${wanted}, got ${shown}` };
  },
};
