import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { inPieces } from '../store/in-pieces.js';
import { closeReportData, type ReportData } from './report-data.js';
import { renderResultsCsv } from './results-csv.js';

/** A whole file, or its pieces in order (large reports are written as they are rendered). */
type Rendered = string | Buffer | Iterable<string>;

/** One reporter: the name `--format`/`reporters` use, the file it writes in the run folder, its renderer. */
export interface ReporterEntry {
  name: string;
  file: string;
  render: (data: ReportData) => Rendered | Promise<Rendered>;
}

/** Each format's renderer and file name in the run folder: adding a report is a line here. */
const REPORTERS = {
  md: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
  junit: { file: 'junit.xml', render: renderJunit },
  csv: { file: 'results.csv', render: renderResultsCsv },
  // exceljs takes ~170 ms to load: only when a workbook is asked for.
  xlsx: { file: 'results.xlsx', render: async (data: ReportData) => (await import('./xlsx-writeback.js')).renderResultsXlsx(data) },
} satisfies Record<string, Omit<ReporterEntry, 'name'>>;

type BuiltInFormat = keyof typeof REPORTERS;
/** A reporter's name: a built-in one, or one added with `registerReporter`. */
export type ReportFormat = BuiltInFormat | (string & {});

const ALIASES: Record<string, ReportFormat> = { markdown: 'md', xml: 'junit' };
/** `list` and `terminal` name the terminal table, which is always printed: no file to write. */
const TERMINAL = new Set(['list', 'terminal']);

/** The built-in formats; `reporterNames()` adds the registered ones. */
export const REPORT_FORMATS = Object.keys(REPORTERS) as BuiltInFormat[];

const registry = new Map<string, ReporterEntry>(Object.entries(REPORTERS).map(([name, entry]) => [name, { name, ...entry }]));

/**
 * Add a reporter at runtime (a plugin, a test's fixture). Returns the function that removes it
 * again. Throws when the name is taken (by a reporter, an alias, `all`, `list` or `terminal`).
 */
export function registerReporter(entry: ReporterEntry): () => void {
  const { name } = entry;
  // --format is read in lower case, so a name with capitals could never be asked for.
  if (name !== name.toLowerCase()) throw new Error(`reporter "${name}": names are lower case`);
  if (registry.has(name) || Object.hasOwn(ALIASES, name) || TERMINAL.has(name) || name === 'all') throw new Error(`reporter "${name}" is already registered`);
  registry.set(name, entry);
  return () => {
    if (registry.get(name) === entry) registry.delete(name);
  };
}

/** Every known format, in registration order, for help texts and "did you mean". */
function reporterNames(): string[] {
  return [...registry.keys()];
}

/**
 * Parse `--format md,html` / `--reporter list,junit`: a comma list, `all` for every file format.
 * Unknown names are a ConfigurationError with a "did you mean".
 */
export function parseFormats(text: string): ReportFormat[] {
  const formats = new Set<ReportFormat>();
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name || TERMINAL.has(name)) continue;
    if (name === 'all') reporterNames().forEach((f) => formats.add(f));
    else if (registry.has(name)) formats.add(name);
    else if (Object.hasOwn(ALIASES, name)) formats.add(ALIASES[name]);
    else {
      const known = [...reporterNames(), ...Object.keys(ALIASES), ...TERMINAL, 'all'];
      throw new ConfigurationError(`unknown report format "${raw.trim()}"${didYouMean(name, known)}; use ${[...reporterNames(), 'all'].join(', ')} (comma-separated)`);
    }
  }
  return [...formats];
}

/** Render the requested formats into the run folder; returns each written file's path. */
export async function writeReports(data: ReportData, formats: ReportFormat[]): Promise<Record<string, string>> {
  const written: Record<string, string> = {};
  try {
    for (const format of formats) {
      const reporter = registry.get(format);
      if (!reporter) throw new ConfigurationError(`unknown report format "${format}"${didYouMean(format, reporterNames())}; use ${reporterNames().join(', ')}`);
      const { file, render } = reporter;
      const target = path.join(data.runDir, file);
      const rendered = await render(data);
      await writeFile(target, typeof rendered === 'string' || Buffer.isBuffer(rendered) ? rendered : inPieces(rendered));
      written[format] = target;
    }
  } finally {
    // Reading again reopens them: this only keeps file handles from outliving the reports.
    closeReportData(data);
  }
  return written;
}
