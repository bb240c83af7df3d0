import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { Problem } from '../errors.js';
import { buildCases, type BuildOptions, type CaseList } from './build-cases.js';
import { readCsv, readUtf8Csv } from './csv.js';
import { fileBytes, type ByteRange } from './file-bytes.js';
import { readJsonl } from './jsonl.js';
import type { RawTable } from './raw-table.js';
import { decodeText, plainUtf8 } from './text-file.js';

export interface LoadDatasetOptions {
  /** Directory the dataset path is resolved against (the suite's project root). */
  baseDir: string;
  /** XLSX tab (default: the first visible one). */
  sheet?: string;
  /** Columns whose every non-empty cell must be a yes/no label. */
  labelColumns?: string[];
  /** Columns that must exist, besides `input`, which always must. */
  requiredColumns?: string[];
  /** Suite default for Case.now (a `now` column overrides it per row). */
  now?: string;
  /** Suite default for Case.timezone (a `timezone` column overrides it per row). */
  timezone?: string;
  /** A look at each case as the first pass builds it (the suite loader's lint): see BuildOptions. */
  inspectCases?: BuildOptions['inspectCases'];
}

export interface Dataset {
  /** Where the cases came from: the path as written, plus `#sheet` for a workbook (same as Case.file). */
  file: string;
  /** Column names in sheet order. */
  columns: string[];
  /** Built again on each pass over them (see CaseList), so a million cases never sit in memory. */
  cases: CaseList;
  /** Slips the cases were read despite (a near-miss role label): shown by validate and run, never fatal. */
  warnings: Problem[];
}

/** A dataset file not yet read: its bytes from disk a range at a time, or whole when a reader needs them so. */
interface DatasetFile {
  ranges: ByteRange;
  whole(): Promise<Uint8Array>;
}

type Reader = (source: DatasetFile, file: string, sheet?: string) => RawTable | Promise<RawTable>;

/** A reader of the whole file's bytes. */
const fromBytes =
  (read: (bytes: Uint8Array, file: string, sheet?: string) => RawTable | Promise<RawTable>): Reader =>
  async (source, file, sheet) =>
    read(await source.whole(), file, sheet);

/** A reader of decoded text; a file that decodes to nothing (a lone BOM) is as empty as 0 bytes. */
const fromText = (read: (text: string, file: string) => RawTable) =>
  fromBytes((bytes, file) => {
    const text = decodeText(bytes, file);
    if (text === '') throw emptyFile(file);
    return read(text, file);
  });

/**
 * A CSV reader: a UTF-8 file is read from disk a chunk at a time and never held (see readUtf8Csv and
 * file-bytes.ts: a million rows with recorded outputs are ~300 MB); other encodings are decoded whole first.
 */
const fromCsv =
  (preferredDelimiter?: string): Reader =>
  (source, file) => {
    const bomLength = plainUtf8(source.ranges);
    if (bomLength !== undefined) {
      if (source.ranges.length === bomLength) throw emptyFile(file);
      return readUtf8Csv(source.ranges, bomLength, file, preferredDelimiter);
    }
    return fromText((text) => readCsv(text, file, preferredDelimiter))(source, file);
  };

// The one map from extension to reader: the suite's `dataset:` and `evals validate` go through it.
const READERS: Record<string, Reader> = {
  '.csv': fromCsv(),
  '.tsv': fromCsv('\t'),
  // Excel's "Unicode Text" (UTF-16, tab-separated) and "Text (Tab delimited)" exports.
  '.txt': fromCsv('\t'),
  // exceljs is large: load it only when a workbook is read, so CSV runs start fast.
  '.xlsx': fromBytes(async (bytes, file, sheet) => (await import('./xlsx.js')).readXlsx(bytes, file, sheet)),
  '.jsonl': fromText(readJsonl),
};

/** Dataset file extensions, as a suite's `dataset:` may end. */
const DATASET_EXTENSIONS = Object.keys(READERS);

/**
 * The header was read but some rows are wrong: the columns are known, so the suite loader can still
 * check which columns its checks read in the same pass (a PM fixes everything at once).
 */
export class DatasetRowsError extends ConfigurationError {
  constructor(
    problems: ConstructorParameters<typeof ConfigurationError>[0],
    readonly columns: string[],
  ) {
    super(problems);
  }
}

function emptyFile(file: string): ConfigurationError {
  return new ConfigurationError([{ file, message: 'file is empty; it needs a header row with an "input" column' }]);
}

/**
 * Load a suite's dataset into cases. `file` is the path as the user wrote it (messages quote it);
 * it is resolved against `options.baseDir`. Throws ConfigurationError listing every problem in the
 * file, each naming its row and column (and cell, for workbooks).
 */
export async function loadDataset(file: string, options: LoadDatasetOptions): Promise<Dataset> {
  const extension = path.extname(file).toLowerCase();
  const reader = READERS[extension];
  if (!reader) {
    const shown = extension ? `"${extension}" files` : 'files without an extension';
    const hint = extension === '.xls' ? '; save it in Excel as "Excel Workbook (.xlsx)"' : '';
    throw new ConfigurationError([{ file, message: `cannot read ${shown} (supported: ${DATASET_EXTENSIONS.join(', ')})${hint}` }]);
  }
  if (options.sheet !== undefined && extension !== '.xlsx') {
    throw new ConfigurationError([{ file, message: `"sheet: ${options.sheet}" applies only to .xlsx workbooks` }]);
  }
  const absolute = path.resolve(options.baseDir, file);
  const size = sizeOf(absolute, file);
  if (size === 0) throw emptyFile(file);
  const table = await reader({ ranges: fileBytes(absolute, file, size), whole: () => readBytes(absolute, file) }, file, options.sheet);
  const built = buildCases(table, options);
  if (built.problems.length > 0) throw new DatasetRowsError(built.problems, built.columns);
  return { file: table.source, columns: built.columns, cases: built.cases, warnings: built.warnings };
}

function unreadable(error: unknown, file: string): ConfigurationError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ConfigurationError([{ file, message: 'file not found' }]);
  if (code === 'EISDIR') return new ConfigurationError([{ file, message: 'is a directory, not a dataset file' }]);
  return new ConfigurationError([{ file, message: `cannot read the file (${code ?? String(error)})` }]);
}

// Read synchronously, as the suite file is (suite/load.ts): nothing else runs while a dataset loads.
function sizeOf(absolute: string, file: string): number {
  let info;
  try {
    info = statSync(absolute);
  } catch (error) {
    throw unreadable(error, file);
  }
  if (info.isDirectory()) throw unreadable(Object.assign(new Error('directory'), { code: 'EISDIR' }), file);
  return info.size;
}

async function readBytes(absolute: string, file: string): Promise<Uint8Array> {
  try {
    return readFileSync(absolute);
  } catch (error) {
    throw unreadable(error, file);
  }
}
