// Ground-truth labels PMs type: yes/no/true/false/1/0/y/n, any case. Anything else is an error,
// never a silent "no".

const TRUE = new Set(['yes', 'y', 'true', '1']);
const FALSE = new Set(['no', 'n', 'false', '0']);

/** true/false for a label, undefined when the text is not a label. */
export function parseLabel(value: string): boolean | undefined {
  const text = value.trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

export const LABEL_HELP = 'is not yes/no (use yes, no, true, false, y, n, 1 or 0)';
