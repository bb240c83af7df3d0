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

export type ReportFormat = 'md' | 'html' | 'junit' | 'csv' | 'xlsx';

/** Each format's renderer and file name in the run folder: adding a report is a line here. */
/** A whole file, or its pieces in order (large reports are written as they are rendered). */
type Rendered = string | Buffer | Iterable<string>;

const REPORTERS: Record<ReportFormat, { file: string; render: (data: ReportData) => Rendered | Promise<Rendered> }> = {
  md: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
  junit: { file: 'junit.xml', render: renderJunit },
  csv: { file: 'results.csv', render: renderResultsCsv },
  // exceljs takes ~170 ms to load: only when a workbook is asked for.
  xlsx: { file: 'results.xlsx', render: async (data) => (await import('./xlsx-writeback.js')).renderResultsXlsx(data) },
};

const ALIASES: Record<string, ReportFormat> = { markdown: 'md', xml: 'junit' };
/** `list` and `terminal` name the terminal table, which is always printed: no file to write. */
const TERMINAL = new Set(['list', 'terminal']);

export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

/**
 * Parse `--format md,html` / `--reporter list,junit`: a comma list, `all` for every file format.
 * Unknown names are a ConfigurationError with a "did you mean".
 */
export function parseFormats(text: string): ReportFormat[] {
  const formats = new Set<ReportFormat>();
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name || TERMINAL.has(name)) continue;
    if (name === 'all') REPORT_FORMATS.forEach((f) => formats.add(f));
    else if (name in REPORTERS) formats.add(name as ReportFormat);
    else if (name in ALIASES) formats.add(ALIASES[name]);
    else {
      const known = [...REPORT_FORMATS, ...Object.keys(ALIASES), ...TERMINAL, 'all'];
      throw new ConfigurationError(`unknown report format "${raw.trim()}"${didYouMean(name, known)}; use ${[...REPORT_FORMATS, 'all'].join(', ')} (comma-separated)`);
    }
  }
  return [...formats];
}

/** Render the requested formats into the run folder; returns each written file's path. */
export async function writeReports(data: ReportData, formats: ReportFormat[]): Promise<Partial<Record<ReportFormat, string>>> {
  const written: Partial<Record<ReportFormat, string>> = {};
  try {
    for (const format of formats) {
      const { file, render } = REPORTERS[format];
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
