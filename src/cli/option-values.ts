import { InvalidArgumentError } from 'commander';

// What the CLI's option values are parsed into, each refusing a bad value with commander's
// InvalidArgumentError (printed with the option's name, exit 2).

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number, 0 or more');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

export function rate(value: string): number {
  const n = Number(value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a rate between 0 and 1 (or a percentage like 90%)');
  return n;
}

/** A share strictly between 0 and 1: a split that leaves one side empty is not a split. */
export function trainShare(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new InvalidArgumentError('expected a share between 0 and 1, e.g. 0.9');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return n;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `12h`, `7d`, `30m` or a number of days, in milliseconds. */
export function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(m|h|d)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected an age like 30m, 12h or 7d');
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'd').toLowerCase() as 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
