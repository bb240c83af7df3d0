import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import * as z from 'zod';
import { parseJsonText } from './json-text.js';
import type { CheckDefinition } from './types.js';
import { builtOnFirstUse } from '../schema/built-on-first-use.js';

// ajv is a seventh of the code `evals run` would load before its first request, and most suites have
// no json-schema check: it is required (it is CommonJS, so synchronously) when a schema is first compiled,
// through a require made then (making it loads node:module, which a run without such a check never needs).
let requireFromHere: NodeJS.Require | undefined;

function newAjv(draft2020: boolean) {
  requireFromHere ??= createRequire(import.meta.url);
  const options = { allErrors: true, strict: false };
  if (draft2020) return new (requireFromHere('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020(options);
  return new (requireFromHere('ajv') as typeof import('ajv')).Ajv(options);
}

// Compiling is the slow part and schemas repeat across every case, so validators are kept per schema.
const validators = new Map<string, ValidateFunction>();

/** A schema file, with errors that name the file as written and say what is wrong, not the OS error. */
function readSchemaFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(resolve(process.cwd(), file), 'utf8');
  } catch {
    throw new Error(`${file}: file not found`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

function validatorFor(schema: Record<string, unknown> | string): ValidateFunction {
  const key = typeof schema === 'string' ? `file:${resolve(process.cwd(), schema)}` : JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) return cached;
  const object = typeof schema === 'string' ? readSchemaFile(schema) : schema;
  const is2020 = typeof object.$schema === 'string' && object.$schema.includes('2020-12');
  const validate = newAjv(is2020).compile(object);
  validators.set(key, validate);
  return validate;
}

const options = builtOnFirstUse(() =>
  z
    .strictObject({
      /** The schema itself, or a JSON file path (relative to the working directory). */
      schema: z.union([z.record(z.string(), z.unknown()), z.string().min(1)]),
    })
    .superRefine(({ schema }, ctx) => {
      // A broken or missing schema is the suite's problem: say so when it loads, not once per case.
      try {
        validatorFor(schema);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['schema'], message: `cannot use the schema: ${(error as Error).message}` });
      }
    }),
);

/**
 * The reply is JSON matching a JSON Schema (draft-07, or 2020-12 when `$schema` says so). Use
 * when a structured output's shape matters. Not for tool-call arguments: use `tool-args`.
 */
export const jsonSchemaCheck: CheckDefinition<z.infer<ReturnType<typeof options>>> = {
  type: 'json-schema',
  description: 'The reply is JSON that matches a JSON Schema (inline, or a .json file path).',
  get options() {
    return options();
  },
  run(output, { schema }) {
    let validate: ValidateFunction;
    try {
      validate = validatorFor(schema);
    } catch (error) {
      return { pass: false, reason: `cannot use the schema: ${(error as Error).message}` };
    }
    const parsed = parseJsonText(output.text);
    if (!parsed.ok) return { pass: false, reason: `invalid JSON: ${parsed.message}` };
    if (validate(parsed.value)) return { pass: true, reason: 'JSON matches the schema' };
    const errors = (validate.errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
    const more = (validate.errors?.length ?? 0) > 3 ? ` (+${validate.errors!.length - 3} more)` : '';
    return { pass: false, reason: `JSON does not match the schema: ${errors.join('; ')}${more}` };
  },
};
