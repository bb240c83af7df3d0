import { wrapProse, type FittedTable } from '../fit-table.js';
import { paint, type CliIO } from './io.js';

// What the CLI prints at the end of a command, fitted to the terminal (io.columns): tables come
// fitted by their renderers, prose is wrapped at spaces here. Without a width both print as is.

/** Columns already said to be left out, per output: `--all` prints a table per suite, the note once. */
const announced = new WeakMap<CliIO, Set<string>>();

/** A line (or lines) of prose, wrapped to the terminal's width. */
export function say(io: CliIO, text: string): void {
  io.out(wrapProse(text, io.columns));
}

/** A fitted table, then once per column left out to fit, which ones and how to see them. */
export function printTable(io: CliIO, table: FittedTable): void {
  io.out(table.text);
  const seen = announced.get(io) ?? new Set<string>();
  announced.set(io, seen);
  const fresh = table.dropped.filter((head) => !seen.has(head));
  if (!fresh.length) return;
  for (const head of fresh) seen.add(head);
  say(io, paint(io, 'dim', `(left out to fit ${io.columns} columns: ${fresh.join(', ')}; a wider window shows them, or COLUMNS=200)`));
}
