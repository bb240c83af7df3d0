import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ConfigurationError, formatProblem } from '../../src/errors.js';
import type { Case } from '../../src/types.js';
import { loadDataset, type Dataset, type LoadDatasetOptions } from '../../src/dataset/load.js';

// Datasets are written to a fresh temp project per test, so each test shows its whole file.

/** A temp project dir holding `files` (path → text or bytes). */
export async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evals-dataset-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** Write one dataset file and load it, its cases read into an array (the loader re-reads them on each pass). */
export async function load(file: string, content: string | Uint8Array, options: Partial<LoadDatasetOptions> = {}): Promise<Dataset & { cases: Case[] }> {
  const baseDir = await project({ [file]: content });
  return inArray(await loadDataset(file, { baseDir, ...options }));
}

/** `dataset` with its cases read once into an array, for tests that index them. */
export function inArray(dataset: Dataset): Dataset & { cases: Case[] } {
  return { ...dataset, cases: [...dataset.cases] };
}

/** The formatted problems loading `content` raises (fails the test when it loads fine). */
export async function problems(file: string, content: string | Uint8Array, options: Partial<LoadDatasetOptions> = {}): Promise<string[]> {
  try {
    await load(file, content, options);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error(`expected ${file} to fail to load`);
}

type CellInput = ExcelJS.CellValue;

/** An .xlsx file with one tab per entry; `setup` may merge cells or set formats. */
export async function workbook(sheets: Record<string, CellInput[][]>, setup?: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((cells, index) => {
      cells.forEach((value, column) => {
        if (value !== null && value !== undefined) sheet.getCell(index + 1, column + 1).value = value;
      });
    });
  }
  setup?.(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
