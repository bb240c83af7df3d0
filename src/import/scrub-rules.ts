import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { ConfigurationError, type Problem } from '../errors.js';
import { parseYaml, zodProblems } from '../suite/yaml-problems.js';

// What `evals import` scrubs from production conversations before they become candidate cases. The
// built-in rules run first, in this order (a card number is taken before the phone rule could read
// it as a phone number), then the user's rules from `--scrub-rules`, in file order.

export interface ScrubRule {
  name: string;
  pattern: RegExp;
  replacement: string;
  /** A second look at a match: a card number must pass the Luhn check. */
  accept?: (match: string) => boolean;
}

/** The Luhn checksum every payment card number carries; 16 random digits pass it one time in ten. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const digitCount = (text: string) => text.replace(/\D/g, '').length;
const STREET = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy';

/** Capitalized words that follow "I'm" without being a name. */
const NOT_NAMES = new Set(
  (
    'American British English Canadian French German Spanish Italian Portuguese Dutch Irish Scottish Welsh Swiss Swedish ' +
    'Norwegian Danish Finnish Polish Russian Ukrainian Greek Turkish Chinese Japanese Korean Indian Pakistani Mexican ' +
    'Brazilian Argentinian Australian African Nigerian Egyptian Israeli Arab Arabic Persian Vietnamese Thai Filipino ' +
    'Indonesian Catholic Christian Jewish Muslim Hindu Buddhist Sorry Not Just Also Still Here Back Done Ready Sure Fine Good'
  ).split(' '),
);

export const BUILT_IN_RULES: ScrubRule[] = [
  { name: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, replacement: '[EMAIL]' },
  {
    name: 'card',
    // 13 to 19 digits, optionally grouped by spaces or dashes, as cards are printed and typed.
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g,
    replacement: '[CARD]',
    accept: (match) => luhnValid(match.replace(/\D/g, '')),
  },
  {
    name: 'phone',
    // +44 20 7946 0958, (415) 555-0134, 415-555-0134, 020 7946 0958: groups of digits with separators,
    // 9 to 15 digits in all, not part of a longer run of digit groups (a card that failed the Luhn check).
    // Dates (2026-11-26) and times (19:00) have too few digits in a group.
    pattern: /(?<!\d[\s.-]?)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b(?![\s.-]?\d)/g,
    replacement: '[PHONE]',
    accept: (match) => digitCount(match) >= 9 && digitCount(match) <= 15,
  },
  {
    name: 'phone',
    // A local number without its area code: 555-0134. Three digits, a dash, four, standing alone (not a
    // date, a range of years or part of a longer number); an order number written so is scrubbed too.
    pattern: /(?<![\p{L}\p{N}.\-+/])\d{3}-\d{4}(?![\p{L}\p{N}\-]|[.,]\d)/gu,
    replacement: '[PHONE]',
  },
  {
    name: 'name',
    // A name where a person gives it: "my name is Anna Kowalska", "call me Ben", "I'm Carla". Only the
    // name goes; one or two capitalized words, not a nationality or language ("I'm Canadian").
    pattern: /(?<=\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame's|[Cc]all me|I'm|I’m|I am)\s+)\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?/gu,
    replacement: '[NAME]',
    accept: (match) => !NOT_NAMES.has(match.split(/[ -]/)[0]),
  },
  {
    name: 'address',
    // A house number, one to three capitalized words, a street type: "221 Baker Street", "1600 Pennsylvania Ave".
    pattern: new RegExp(`\\b\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][\\p{L}'-]*\\s+){1,3}(?:${STREET})\\b\\.?`, 'gu'),
    replacement: '[ADDRESS]',
  },
];

const ruleSchema = z.strictObject({
  name: z.string().min(1),
  pattern: z.string().min(1),
  replacement: z.string().optional(),
  /** Regular-expression flags besides g: i, m, s, u. */
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'use only the flags i, m, s, u')
    .optional(),
});
const fileSchema = z.strictObject({ rules: z.array(ruleSchema) });

/**
 * The user's rules, from a YAML file: `rules: [{name, pattern, replacement?, flags?}]`. The replacement
 * defaults to the name in capitals and brackets (`[ORDER-ID]`). A bad pattern is a problem naming the
 * file, the line and the rule.
 */
export async function loadScrubRules(file: string, cwd: string): Promise<ScrubRule[]> {
  const shown = path.relative(cwd, path.resolve(cwd, file)) || file;
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch {
    throw new ConfigurationError([{ file: shown, message: 'cannot be read (no such file?)' }]);
  }
  const yaml = parseYaml(text, shown);
  if (yaml.problems.length) throw new ConfigurationError(yaml.problems);
  const parsed = fileSchema.safeParse(yaml.data);
  if (!parsed.success) throw new ConfigurationError(zodProblems(parsed.error, shown, yaml));
  const problems: Problem[] = [];
  const rules: ScrubRule[] = [];
  parsed.data.rules.forEach((rule, index) => {
    try {
      rules.push({ name: rule.name, pattern: new RegExp(rule.pattern, `g${rule.flags ?? ''}`), replacement: rule.replacement ?? `[${rule.name.toUpperCase()}]` });
    } catch (error) {
      problems.push({ file: shown, row: yaml.lineOf(['rules', index, 'pattern']), message: `rules[${index}] (${rule.name}): pattern is not a regular expression: ${(error as Error).message}` });
    }
  });
  if (problems.length) throw new ConfigurationError(problems);
  return rules;
}
