import * as z from 'zod';

// Field shapes the suite file's schema (suite-file.ts) and run.json's (store/run-dir.ts) share. A zod
// schema is immutable and may be a field of any number of objects, and each one built anew is several
// (`z.number().min(0).max(1).optional()` is three numbers, two checks and an optional): built once here,
// the two are ~100 fewer objects for `evals run` to make before its first request.
export const aString = z.string();
export const optionalString = aString.optional();
export const optionalStrings = z.array(aString).optional();
export const stringOrNull = aString.nullable();
export const optionalBoolean = z.boolean().optional();
export const optionalNumber = z.number().optional();
export const positiveInt = z.number().int().positive();
export const optionalPositiveInt = positiveInt.optional();
export const nonNegative = z.number().min(0);
export const optionalNonNegative = nonNegative.optional();
/** A rate or proportion: 0 to 1. */
export const optionalFraction = z.number().min(0).max(1).optional();
/** Cohen's kappa: -1 to 1. */
export const kappa = z.number().min(-1).max(1);
