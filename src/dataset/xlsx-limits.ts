import { ConfigurationError } from '../errors.js';
import { InflateLimitError, Zip64Error, readZipDirectory, streamEntry, type ZipEntry } from './zip-directory.js';
import { sheetNamesByPart } from './xlsx-sheet-parts.js';

// exceljs reads a whole workbook into memory, every tab of it, at a few hundred bytes per cell: past
// about two million cells it exhausts the CLI's 1 GB heap and Node dies with a native stack trace
// instead of a message. So a workbook is measured from its zip before exceljs sees it, and refused
// (exit 2, naming the file) when it is beyond what loads in a few hundred MB. Datasets that large
// belong in CSV or JSONL, which have no such limits.

/** All parts of the workbook together, unzipped (a 100,000-row, 6-column sheet is about 45 MB). */
export const MAX_UNZIPPED_BYTES = 100_000_000;

/** Cells in every sheet of the workbook, empty cells that only carry formatting included. */
export const MAX_WORKBOOK_CELLS = 1_000_000;

/** The tab that is read: rows holding text × columns up to the last one holding text. */
export const MAX_SHEET_CELLS = 1_000_000;

const BIGGER = 'save large datasets as CSV UTF-8 or JSONL';

/** Rows in one sheet: Excel's own maximum, so only a file no spreadsheet program wrote has more. */
const MAX_SHEET_ROWS = 1_048_576;

/** A `<c>` or `<row>` element, with or without a namespace prefix (`<x:c r="A1">`); not `<col>` or `<rowBreaks>`. */
const SHEET_TAG = /<(?:[A-Za-z_][\w.-]*:)?(c|row)[\s/>]/g;

/** Matches what exceljs reads as a worksheet (it does not anchor its pattern either), and more. */
const WORKSHEET_PART = /xl\/worksheets\/[^/]+\.xml$/;

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${count(Math.ceil(bytes / 1_000_000))} MB`;

/**
 * Reject with ConfigurationError when the workbook in `bytes` unzips to more than MAX_UNZIPPED_BYTES
 * (as declared, or as it really inflates: a compression bomb may lie), holds more than
 * MAX_WORKBOOK_CELLS cells, or a sheet has more rows than Excel allows. Nothing is inflated beyond
 * the size its zip declares, and no part is ever held whole but the two that name the tabs.
 */
export async function checkWorkbookSize(bytes: Uint8Array, file: string): Promise<void> {
  const refuse = (message: string): never => {
    throw new ConfigurationError([{ file, message }]);
  };
  let entries: ZipEntry[] | undefined;
  try {
    entries = readZipDirectory(bytes);
  } catch (error) {
    if (error instanceof Zip64Error) refuse(`the workbook is a ZIP64 archive, for contents of 4 GB or more, beyond the ${megabytes(MAX_UNZIPPED_BYTES)} a workbook may unzip to; ${BIGGER}`);
    throw error;
  }
  // Not a zip we can read: exceljs says so in its own words.
  if (!entries) return;
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > MAX_UNZIPPED_BYTES) {
    const largest = entries.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
    refuse(`the workbook unzips to ${megabytes(declared)} (${largest.name}: ${megabytes(largest.uncompressedSize)}), over the limit of ${megabytes(MAX_UNZIPPED_BYTES)}; ${BIGGER}`);
  }
  const countsByPart = new Map<string, TagCounter>();
  let workbookXml = '';
  let relsXml = '';
  for (const entry of entries) {
    const name = entry.name.replace(/^\//, '');
    const counter = WORKSHEET_PART.test(name) ? new TagCounter() : undefined;
    const keep = name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' ? ([] as Buffer[]) : undefined;
    try {
      // Every part, not only sheets: exceljs inflates them all, so a bomb may hide in any of them.
      await streamEntry(bytes, entry, (chunk) => {
        counter?.push(chunk);
        keep?.push(chunk);
      });
    } catch (error) {
      if (error instanceof InflateLimitError)
        refuse(`${entry.name} unzips to more than the ${count(entry.uncompressedSize)} bytes the zip declares for it: the file is damaged or built to exhaust memory`);
      throw error;
    }
    if (counter) countsByPart.set(name, counter);
    if (name === 'xl/workbook.xml') workbookXml = Buffer.concat(keep ?? []).toString('utf8');
    if (name === 'xl/_rels/workbook.xml.rels') relsXml = Buffer.concat(keep ?? []).toString('utf8');
  }
  const names = sheetNamesByPart(workbookXml, relsXml);
  const sheet = (part: string) => (names.has(part) ? `sheet ${JSON.stringify(names.get(part))}` : part);
  for (const [part, { rows }] of countsByPart) {
    if (rows > MAX_SHEET_ROWS) refuse(`${sheet(part)} has ${count(rows)} rows, more than the ${count(MAX_SHEET_ROWS)} Excel allows: no spreadsheet program wrote this file`);
  }
  const cells = [...countsByPart.values()].reduce((sum, counter) => sum + counter.cells, 0);
  if (cells > MAX_WORKBOOK_CELLS) {
    const parts = [...countsByPart].sort((a, b) => b[1].cells - a[1].cells).map(([part, counter]) => `${sheet(part)}: ${count(counter.cells)}`);
    refuse(
      `the workbook has ${count(cells)} cells (${parts.join(', ')}), over the limit of ${count(MAX_WORKBOOK_CELLS)}; ` +
        `empty cells with formatting count too, so clear the formatting of unused rows and columns, or ${BIGGER}`,
    );
  }
}

/** Counts `<c>` and `<row>` elements in a worksheet's XML as it streams past, never holding more than a chunk. */
class TagCounter {
  cells = 0;
  rows = 0;
  /** The end of the last chunk that may hold the start of a tag cut in two. */
  private tail = '';

  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    let counted = 0;
    for (const match of text.matchAll(SHEET_TAG)) {
      if (match[1] === 'c') this.cells += 1;
      else this.rows += 1;
      counted = match.index + match[0].length;
    }
    // Tags are short; keep enough to complete one, but nothing already counted.
    this.tail = text.slice(Math.max(counted, text.length - 64));
  }
}
