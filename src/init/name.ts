import { ConfigurationError } from '../errors.js';

// A behaviour's name becomes three file names and the suite's `name:`, so it must be safe as both:
// the suite schema's rule, minus anything a shell or a file system could misread.

const DEFAULT_NAME = 'my-behaviour';
const NAME = /^[a-z0-9][a-z0-9._-]*$/i;
const MAX_LENGTH = 64;

/**
 * The name as given (trimmed), or a ConfigurationError saying what a good one looks like. Use
 * before creating any file from it.
 */
export function checkBehaviourName(raw: string | undefined): string {
  const name = (raw ?? DEFAULT_NAME).trim();
  const hint = 'use letters, digits, - _ and ., starting with a letter or digit, e.g. canvas-trigger';
  if (name === '') throw new ConfigurationError(`the name is empty: ${hint}`);
  if (!NAME.test(name) || name.includes('..') || /[.]$/.test(name)) throw new ConfigurationError(`"${name}" is not a usable name: ${hint}`);
  if (name.length > MAX_LENGTH) throw new ConfigurationError(`"${name}" is too long (at most ${MAX_LENGTH} characters)`);
  return name;
}
