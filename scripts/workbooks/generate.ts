import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleRows, SHEET, toExcelCsv, withBadLabel } from '../../tests/workbooks/example-data.js';
import { EXPORTED, fixtureInputs, sha256, type Manifest } from '../../tests/workbooks/exported-fixtures.js';
import { excelLikeWorkbook, type Formulas } from './excel-like.js';
import { googleSheetsWorkbook } from './google-sheets.js';
import { SofficeMissing, sofficeConvert, sofficeVersion } from './soffice.js';
import { pinZipDates } from './zip-dates.js';

// `npm run fixtures:workbooks`: the example sheet as Excel, Google Sheets and LibreOffice save it, written
// to tests/fixtures/workbooks/exported for the tests to read. LibreOffice's files come from soffice
// itself, so this needs it installed; the tests do not. Everything is built in a temporary folder and
// copied over only once it is all there: a failure never leaves a half-regenerated set behind.

// Compiled to .scripts-build/scripts/workbooks/generate.js, three folders below the repository.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FORMULAS: Formulas = { 'ct-tricky-formula': { tags: 'CONCATENATE("writing",", ","draft")', score: '1/4' } };

type Files = Map<string, string | Uint8Array>;

/** `content` saved as `name`, opened in Calc and saved as `to`, with the bytes Calc wrote. */
async function calcSaveAs(name: string, content: string | Uint8Array, to: 'xlsx' | 'csv'): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evals-calc-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    const saved = readFileSync(await sofficeConvert(file, to, path.join(dir, 'out')));
    return to === 'xlsx' ? pinZipDates(saved) : saved;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function exports(rows: string[][]): Promise<Files> {
  const files: Files = new Map();
  for (const [suffix, data] of [
    ['', rows],
    ['-bad-label', withBadLabel(rows)],
  ] as const) {
    const csv = toExcelCsv(data);
    files.set(`excel/${SHEET}${suffix}.csv`, csv);
    files.set(`excel/${SHEET}${suffix}.xlsx`, pinZipDates(await excelLikeWorkbook(data, FORMULAS)));
    for (const strings of ['shared', 'inline'] as const) {
      files.set(`google-sheets-${strings}/${SHEET}${suffix}.xlsx`, pinZipDates(await googleSheetsWorkbook(data, strings, FORMULAS)));
    }
    // Calc names the tab after the CSV it opens, so every CSV it is given is called canvas-trigger.csv.
    files.set(`libreoffice/${SHEET}${suffix}.xlsx`, await calcSaveAs(`${SHEET}.csv`, csv, 'xlsx'));
  }
  files.set(`libreoffice/${SHEET}.csv`, await calcSaveAs(`${SHEET}.xlsx`, files.get(`libreoffice/${SHEET}.xlsx`)!, 'csv'));
  files.set('libreoffice/from-excel-xlsx.csv', await calcSaveAs(`${SHEET}.xlsx`, files.get(`excel/${SHEET}.xlsx`)!, 'csv'));
  return files;
}

function readme(madeWith: Manifest['madeWith']): string {
  return `# Exported workbooks: generated, do not edit

Made by \`npm run fixtures:workbooks\` (scripts/workbooks/generate.ts) from datasets/canvas-trigger.csv and
tests/fixtures/workbooks/tricky-rows.csv; tests/workbooks reads them and needs no LibreOffice. Regenerate after
changing either input or the generator (a test fails until you do); it needs \`soffice\` on the PATH
(Debian: \`apt-get install -y --no-install-recommends libreoffice-calc-nogui\`).

- \`excel/\`: the sheet as Excel stores it (exceljs ${madeWith.exceljs}) and as Excel's "CSV UTF-8" writes it.
- \`google-sheets-shared/\`, \`google-sheets-inline/\`: the markup of Google Sheets' .xlsx download, written by
  scripts/workbooks/google-sheets.ts, with shared or inline strings.
- \`libreoffice/\`: written by ${madeWith.libreoffice} (\`soffice --headless --convert-to\`):
  \`canvas-trigger.xlsx\` is excel/canvas-trigger.csv opened in Calc and saved as .xlsx, \`canvas-trigger.csv\` is that
  workbook saved as CSV, \`from-excel-xlsx.csv\` is excel/canvas-trigger.xlsx saved as CSV.
- \`*-bad-label.*\`: the same with case ct-anniversary-poem's label (C14) typed as "yess".

Zip entry dates are pinned to 1980-01-01 so that regenerating unchanged inputs changes no byte.
`;
}

async function main(): Promise<void> {
  const madeWith = { libreoffice: sofficeVersion(), exceljs: JSON.parse(readFileSync(path.join(root, 'node_modules', 'exceljs', 'package.json'), 'utf8')).version };
  const files = await exports(exampleRows(root));
  const manifest: Manifest = { inputs: fixtureInputs(root), madeWith, files: {} };
  const stage = mkdtempSync(path.join(os.tmpdir(), 'evals-exported-'));
  try {
    for (const [name, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      mkdirSync(path.dirname(path.join(stage, name)), { recursive: true });
      writeFileSync(path.join(stage, name), content);
      manifest.files[name] = sha256(content);
    }
    writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(path.join(stage, 'README.md'), readme(madeWith));
    const target = path.join(root, EXPORTED);
    rmSync(target, { recursive: true, force: true });
    cpSync(stage, target, { recursive: true });
    console.log(`wrote ${files.size} files to ${EXPORTED} with ${madeWith.libreoffice}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof SofficeMissing ? `fixtures:workbooks: ${error.message}. Nothing was written.` : error);
  process.exitCode = 1;
});
