import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { didYouMean } from '../suggest.js';
import { singleVariable } from '../template.js';
import type { Case, CheckResult, CheckSpec, Output } from '../types.js';
import { containsCheck } from './contains.js';
import { equalsCheck } from './equals.js';
import { jsCheck } from './js.js';
import { jsonSchemaCheck } from './json-schema.js';
import { jsonValidCheck } from './json-valid.js';
import { maxLatencyCheck } from './max-latency.js';
import { maxTokensCheck } from './max-tokens.js';
import { notContainsCheck } from './not-contains.js';
import { oneOfCheck } from './one-of.js';
import { decisionProblems, withDecision } from './decision.js';
import { editAppliesCheck } from './edit-applies.js';
import { editKindCheck } from './edit-kind.js';
import { editScopeCheck } from './edit-scope.js';
import { labelOption } from './option-types.js';
import { regexCheck } from './regex.js';
import { columnOf, formatOptionPath, referencedColumns, renderDeep, stringLeaves, valueAt } from './template-options.js';
import { toolArgsCheck } from './tool-args.js';
import { toolCalledCheck } from './tool-called.js';
import { rubricCheck } from './rubric.js';
import type { CheckContext, CheckDefinition } from './types.js';

/** Check types by the name a suite writes in `type:`. Adding a check is a file and a line here. */
const checkDefinitions: Record<string, CheckDefinition> = {
  equals: equalsCheck,
  contains: containsCheck,
  'not-contains': notContainsCheck,
  regex: regexCheck,
  'one-of': oneOfCheck,
  'json-valid': jsonValidCheck,
  'json-schema': jsonSchemaCheck,
  'tool-called': toolCalledCheck,
  'tool-args': toolArgsCheck,
  'edit-kind': editKindCheck,
  'edit-applies': editAppliesCheck,
  'edit-scope': editScopeCheck,
  'max-latency': maxLatencyCheck,
  'max-tokens': maxTokensCheck,
  js: jsCheck,
  rubric: rubricCheck,
};

const registry = new Map<string, CheckDefinition>(Object.entries(checkDefinitions));

/**
 * Add a check type at runtime (a plugin, a test's fixture), before the suites that use it are
 * loaded. Returns the function that removes it again. Throws when the type is taken.
 */
export function registerCheck<Options>(definition: CheckDefinition<Options>): () => void {
  if (registry.has(definition.type)) throw new Error(`check "${definition.type}" is already registered`);
  const entry = definition as CheckDefinition;
  registry.set(definition.type, entry);
  return () => {
    if (registry.get(definition.type) === entry) registry.delete(definition.type);
  };
}

/** Every known check type, in registration order, for help texts and "did you mean". */
export function checkTypes(): string[] {
  return [...registry.keys()];
}

/** The option of `type` that is the case's yes/no label (tool-called's `expect`), or undefined. */
export function decisionLabelOf(type: string): string | undefined {
  return getCheck(type)?.decisionLabel;
}

/** The definition for `type` by exact name (never a prototype key), or undefined. */
function getCheck(type: string): CheckDefinition | undefined {
  return registry.get(type);
}

/** Template names every case provides besides its columns. */
const BUILT_IN_VARIABLES = ['now'];

/** Options every check takes, besides its own: when it applies, the decision label it answers, what its errors cost. */
const GENERIC_OPTIONS = ['if', 'label', 'costs'];

/** The spec's options: everything but `type` and the generic ones. */
function optionsOf(spec: CheckSpec): Record<string, unknown> {
  const { type: _type, if: _if, label: _label, costs: _costs, ...options } = spec;
  return options;
}

/** Column options given as a bare name, or left out: the name each one reads. */
function bareColumns(definition: CheckDefinition, options: Record<string, unknown>): Array<{ key: string; column: string }> {
  return Object.entries(definition.columnOptions ?? {}).flatMap(([key, fallback]) => {
    const value = options[key] ?? fallback;
    return typeof value === 'string' && referencedColumns(value).length === 0 ? [{ key, column: value.trim() }] : [];
  });
}

/** The options with every bare column name written as its template, so both forms render the same way. */
function withColumnTemplates(definition: CheckDefinition, options: Record<string, unknown>): Record<string, unknown> {
  const templated = { ...options };
  for (const { key, column } of bareColumns(definition, options)) templated[key] = `{{${column}}}`;
  return templated;
}

/** The options rendered with the case's columns here, and those the check renders itself (see `ownTemplates`). */
function splitOwnTemplates(definition: CheckDefinition, options: Record<string, unknown>): { rendered: Record<string, unknown>; own: Record<string, unknown> } {
  const names = definition.ownTemplates?.options ?? [];
  const rendered: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) (names.includes(key) ? own : rendered)[key] = value;
  return { rendered, own };
}

function unknownType(type: unknown): string {
  const name = String(type);
  const hint = didYouMean(name, checkTypes());
  return `unknown check type "${name}"${hint || ` (use one of: ${checkTypes().join(', ')})`}`;
}

function shapeOf(definition: CheckDefinition): Record<string, z.ZodType> | undefined {
  return definition.options instanceof z.ZodObject ? (definition.options.shape as Record<string, z.ZodType>) : undefined;
}

function issueMessage(type: string, issue: z.core.$ZodIssue, shapeKeys: string[], options: Record<string, unknown> = {}): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${type} has no option "${key}"${didYouMean(key, [...shapeKeys, ...GENERIC_OPTIONS])}`).join('; ');
  }
  if (issue.code === 'invalid_value' && issue.path.length === 1) {
    // An enum option (normalize: tme): name the value and the closest allowed one, like other typos.
    const value = options[String(issue.path[0])];
    const allowed = issue.values.map(String);
    return `${type} option "${String(issue.path[0])}": ${JSON.stringify(value)} is not one of ${allowed.join(', ')}${typeof value === 'string' ? didYouMean(value, allowed) : ''}`;
  }
  return issue.path.length > 0 ? `${type} option "${formatOptionPath(issue.path)}": ${issue.message}` : `${type}: ${issue.message}`;
}

/**
 * Structural validation at suite-load time, before any case: unknown type (with did-you-mean),
 * unknown/missing option keys (with did-you-mean), `{{column}}` templates naming columns not in
 * `columns`, and option values written without templates. Returns human messages, empty when
 * fine; `where` (e.g. "checks[0]") prefixes each one when given.
 */
export function validateCheckSpec(spec: CheckSpec, columns: string[], where?: string): string[] {
  const messages = collectProblems(spec, columns);
  return where ? messages.map((message) => `${where}: ${message}`) : messages;
}

function collectProblems(spec: CheckSpec, columns: string[]): string[] {
  const definition = getCheck(spec.type);
  if (!definition) return [unknownType(spec.type)];
  const messages: string[] = [];
  const written = optionsOf(spec);
  // With no columns the dataset itself failed to load, and said so.
  for (const { key, column } of columns.length > 0 ? bareColumns(definition, written) : []) {
    if (!columns.includes(column)) messages.push(`${key}: no column "${column}" in the dataset${didYouMean(column, columns)}`);
  }
  if (messages.length > 0) return messages;
  const options = withColumnTemplates(definition, written);
  const shape = shapeOf(definition) ?? {};
  const shapeKeys = Object.keys(shape);
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(shape, key)) messages.push(`${spec.type} has no option "${key}"${didYouMean(key, [...shapeKeys, ...GENERIC_OPTIONS])}`);
  }
  for (const key of shapeKeys) {
    if (!(key in options) && !shape[key].safeParse(undefined).success) messages.push(`${spec.type} needs option "${key}"`);
  }
  const known = [...columns, ...BUILT_IN_VARIABLES];
  messages.push(...decisionProblems(spec, definition));
  const { rendered: templated, own } = splitOwnTemplates(definition, options);
  for (const name of referencedColumns({ ...templated, if: spec.if, label: spec.label })) {
    if (!known.includes(name)) messages.push(`{{${name}}}: no column "${name}" in the dataset${didYouMean(name, columns)}`);
  }
  const ownVariables = [...known, ...(definition.ownTemplates?.variables ?? [])];
  for (const name of referencedColumns(own)) {
    if (!ownVariables.includes(name)) messages.push(`{{${name}}}: no column "${name}" in the dataset${didYouMean(name, [...columns, ...(definition.ownTemplates?.variables ?? [])])}`);
  }
  if (spec.type === 'js' && typeof options.module === 'string' && !existsSync(resolve(process.cwd(), options.module))) {
    messages.push(`js: module not found: ${options.module}`);
  }
  if (messages.length > 0) return messages;
  // Values written without templates can be checked now rather than once per case.
  if (spec.if !== undefined && referencedColumns(spec.if).length === 0) {
    const parsed = labelOption().safeParse(spec.if);
    if (!parsed.success) messages.push(`if: ${parsed.error.issues[0].message}`);
  }
  if (referencedColumns(templated).length === 0) {
    const parsed = definition.options.safeParse(options);
    if (!parsed.success) messages.push(...parsed.error.issues.map((issue) => issueMessage(spec.type, issue, shapeKeys, options)));
    return messages;
  }
  for (const [key, value] of Object.entries(options)) {
    if (referencedColumns(value).length > 0 && !(key in own)) continue;
    const parsed = shape[key].safeParse(value);
    if (!parsed.success) messages.push(...parsed.error.issues.map((issue) => issueMessage(spec.type, { ...issue, path: [key, ...issue.path] }, shapeKeys)));
  }
  return messages;
}

/** `expected`: the case's yes/no label when the check has a generic `label:` (the check then says whether the behaviour happened). */
export type ResolvedCheck = { ok: true; options: unknown; applies: boolean; expected?: boolean } | { ok: false; column?: string; message: string };

function missingMessage(name: string): string {
  return name === 'now' ? '{{now}}: the case has no "now" (set a now column or the suite\'s now)' : `{{${name}}}: the case has no column "${name}"`;
}

/** Render and parse a generic yes/no option (`if`, `label`); undefined when the spec has none. */
function resolveYesNo(raw: unknown, name: string, vars: Record<string, string | undefined>): { ok: true; value?: boolean } | { ok: false; column?: string; message: string } {
  if (raw === undefined) return { ok: true };
  const column = columnOf(raw);
  const rendered = renderDeep(raw, vars);
  if (rendered.missing.length > 0) return { ok: false, column, message: missingMessage(rendered.missing[0]) };
  if (column && String(rendered.value).trim() === '') return { ok: false, column, message: `${column} is empty` };
  const parsed = labelOption().safeParse(rendered.value);
  if (!parsed.success) return { ok: false, column, message: `${column ? '' : `${name}: `}${parsed.error.issues[0].message}` };
  return { ok: true, value: parsed.data };
}

/**
 * Render `{{column}}` templates in every string option (deeply) with the case's columns (+ `now`),
 * then parse with the type's zod schema. A failure names the column whose value was bad when the
 * option was a single template, so the dataset layer can say `file:row: column "x": ...`. An
 * empty single-template value is a problem unless the check's `if` makes it not applicable, or the
 * check declares that option `mayBeEmpty`.
 */
export function resolveCheck(spec: CheckSpec, kase: Pick<Case, 'columns' | 'now'>): ResolvedCheck {
  const definition = getCheck(spec.type);
  if (!definition) return { ok: false, message: unknownType(spec.type) };
  let memo = resolutions.get(spec);
  if (!memo || memo.definition !== definition) {
    memo = { definition, names: templateNamesOf(spec, definition), byValues: new Map() };
    resolutions.set(spec, memo);
  }
  // The values of the templates the spec names, in order; null for a column the case lacks.
  const key = JSON.stringify(memo.names.map((name) => (name === 'now' && kase.now !== undefined ? kase.now : Object.hasOwn(kase.columns, name) ? kase.columns[name] : null)));
  const known = memo.byValues.get(key);
  if (known) return known;
  const resolved = resolveWith(spec, definition, kase);
  if (resolved.ok && resolved.options !== undefined) deepFreeze(resolved.options);
  if (memo.byValues.size < MEMO_SIZE) memo.byValues.set(key, resolved);
  return resolved;
}

/**
 * A spec resolves the same for every case whose values of the templates it names are the same: a
 * label column holds yes or no, an expected tool name a handful of values. Resolving (rendering,
 * then zod) was a tenth of a fully cached rerun, done when the sheet is checked and again when each
 * answer is scored; each spec keeps up to MEMO_SIZE resolutions, so columns unique to each case
 * (a time, a text) cost one map lookup and hold no more memory.
 */
const resolutions = new WeakMap<CheckSpec, { definition: CheckDefinition; names: string[]; byValues: Map<string, ResolvedCheck> }>();
const MEMO_SIZE = 1024;

/** Every template name resolving `spec` reads: in `if`, `label` and the options rendered here (not the check's own). */
function templateNamesOf(spec: CheckSpec, definition: CheckDefinition): string[] {
  const { rendered } = splitOwnTemplates(definition, withColumnTemplates(definition, optionsOf(spec)));
  return referencedColumns([spec.if ?? null, spec.label ?? null, rendered]);
}

/** Options shared by every case resolving alike: frozen, so a check that changed them would fail loudly, not score other cases wrong. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

function resolveWith(spec: CheckSpec, definition: CheckDefinition, kase: Pick<Case, 'columns' | 'now'>): ResolvedCheck {
  const vars: Record<string, string | undefined> = { ...kase.columns, ...(kase.now !== undefined ? { now: kase.now } : {}) };
  const condition = resolveYesNo(spec.if, 'if', vars);
  if (!condition.ok) return condition;
  if (condition.value === false) return { ok: true, options: undefined, applies: false };
  const label = resolveYesNo(spec.label, 'label', vars);
  if (!label.ok) return label;
  const expected = label.value === undefined ? {} : { expected: label.value };
  const { rendered: raw, own } = splitOwnTemplates(definition, withColumnTemplates(definition, optionsOf(spec)));
  const renderedOnly = renderDeep(raw, vars);
  const rendered = { ...renderedOnly, value: { ...(renderedOnly.value as Record<string, unknown>), ...own } };
  if (rendered.missing.length > 0) return { ok: false, column: rendered.missing[0], message: missingMessage(rendered.missing[0]) };
  for (const leaf of stringLeaves(raw)) {
    if (definition.mayBeEmpty?.includes(String(leaf.path[0]))) continue;
    const column = singleVariable(leaf.text);
    if (column && String(valueAt(rendered.value, leaf.path)).trim() === '') return { ok: false, column, message: `${column} is empty` };
  }
  const parsed = definition.options.safeParse(rendered.value);
  if (parsed.success) return { ok: true, options: parsed.data, applies: true, ...expected };
  const issue = parsed.error.issues[0];
  const column = columnOf(valueAt(raw, issue.path));
  if (column) return { ok: false, column, message: issue.message };
  return { ok: false, message: issueMessage(spec.type, issue, Object.keys(shapeOf(definition) ?? {})) };
}

/** The tools whose arguments `spec` judges on this case, as its definition declares (none for most checks). */
export function toolsJudgedBy(spec: CheckSpec, kase: Case): string[] {
  const judges = getCheck(spec.type)?.judgesArgumentsOf;
  if (!judges) return [];
  const resolved = resolveCheck(spec, kase);
  return resolved.ok && resolved.applies ? judges(resolved.options) : [];
}

/** Resolve + run one check on one output. Never throws: a problem becomes a failing result with the message. */
export async function runCheck(spec: CheckSpec, output: Output, kase: Case, context: CheckContext = {}): Promise<CheckResult> {
  const resolved = resolveCheck(spec, kase);
  if (!resolved.ok) {
    const { column, message } = resolved;
    const reason = column && !message.includes(column) ? `column "${column}": ${message}` : message;
    return { spec, pass: false, reason };
  }
  if (!resolved.applies) return { spec, pass: true, reason: 'not applicable (if: no)' };
  try {
    const definition = getCheck(spec.type)!;
    const verdict = await definition.run(output, resolved.options, kase, context);
    if (verdict.error) return { spec, pass: verdict.pass, reason: verdict.reason, error: true, ...(verdict.grade ? { grade: verdict.grade } : {}) };
    const result = withDecision(spec, definition, resolved, verdict);
    return verdict.grade ? { ...result, grade: verdict.grade } : result;
  } catch (error) {
    return { spec, pass: false, error: true, reason: `${spec.type} check failed to run: ${error instanceof Error ? error.message : String(error)}` };
  }
}
