import { normalizeDate } from './date.js';
import { normalizeLowercase } from './lowercase.js';
import { normalizeNumber } from './number.js';
import { normalizeTime } from './time.js';
import { normalizeTrim } from './trim.js';
import type { Normalizer } from './types.js';

/** Normalizers by the name a suite writes in `normalize:`. Adding one is a file and a line here. */
export const normalizers = {
  time: normalizeTime,
  date: normalizeDate,
  lowercase: normalizeLowercase,
  trim: normalizeTrim,
  number: normalizeNumber,
} satisfies Record<string, Normalizer>;

export type NormalizerName = keyof typeof normalizers;

export const normalizerNames = Object.keys(normalizers) as NormalizerName[];

export type { NormalizeContext, NormalizeResult, Normalizer } from './types.js';
