// What a rater may be called, checked in three places with one rule: as the name is typed in the
// judging page (which shows what is wrong), by the server that stores it with every judgment (a 400
// the page shows), and for `--rater`. A name is a label in reports and a key in judgments.jsonl, so
// it is short and plain; letters of any script are fine.

export const RATER_MAX_LENGTH = 60;

/** Letters and marks of any script, digits, spaces and `. _ - ' @ +` (so an e-mail address works). */
export const RATER_PATTERN = /^[\p{L}\p{M}\p{N} ._'@+-]+$/u;

export const RATER_RULE = `a rater name is 1 to ${RATER_MAX_LENGTH} characters: letters, digits, spaces and . _ - ' @ +`;

/** What is wrong with a rater name, or undefined when it can be used (after trimming). */
export function raterNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'a rater name is required';
  const name = value.trim();
  if ([...name].length > RATER_MAX_LENGTH) return `this name is ${[...name].length} characters long; ${RATER_RULE}`;
  if (!RATER_PATTERN.test(name)) return `this name has characters that are not allowed; ${RATER_RULE}`;
  return undefined;
}
