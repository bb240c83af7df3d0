import JSZip from 'jszip';
import { SHEET } from '../../tests/workbooks/example-data.js';
import { excelValue, type Formulas } from './excel-like.js';

// An .xlsx with the markup of Google Sheets' File → Download → Microsoft Excel, written by hand
// because exceljs cannot produce it. What is reproduced:
// - no docProps, no theme, no <dimension>: Google writes only workbook, styles, sheets (and strings);
// - Google's sheet defaults (<sheetFormatPr customHeight="1" defaultColWidth="12.63" ...>), Arial fonts,
//   a frozen first row as a <pane>;
// - strings either shared with a style on every cell, as Google's exports are reported to be
//   (CoreOffice/CoreXLSX#47), or inline (t="inlineStr", no style on plain cells), as Sheets and other
//   web exporters (Power BI, DataTables) have written them: the loader must read both;
// - dates and "1,000" as numbers with custom formats, booleans as t="b", a formula with a cached
//   string result (t="str"), and bare <c r="A61"/> cells in the trailing empty row.

export type StringStorage = 'shared' | 'inline';

// Serial day numbers count from 1899-12-30 in the 1900 date system.
const EPOCH = Date.UTC(1899, 11, 30);
const STYLE = { plain: 0, header: 1, isoDay: 2, ukDay: 3, thousands: 4, wrap: 5 } as const;
const FORMAT_STYLE: Record<string, number> = { 'yyyy-mm-dd': STYLE.isoDay, 'dd/mm/yyyy': STYLE.ukDay, '#,##0': STYLE.thousands };

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

class StringTable {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  add(text: string): number {
    const known = this.index.get(text);
    if (known !== undefined) return known;
    this.items.push(text);
    this.index.set(text, this.items.length - 1);
    return this.items.length - 1;
  }
}

function cellXml(ref: string, shown: string, style: number, strings: StringStorage, table: StringTable, formula?: string): string {
  // Shared-string exports style every cell; inline ones only cells that look different.
  const s = strings === 'shared' || style !== STYLE.plain ? ` s="${style}"` : '';
  if (shown === '') return `<c r="${ref}"${strings === 'shared' ? s : ''}/>`;
  const typed = excelValue(shown);
  const f = formula ? `<f>${xml(formula)}</f>` : '';
  if (typeof typed.value === 'boolean') return `<c r="${ref}"${s} t="b">${f}<v>${typed.value ? 1 : 0}</v></c>`;
  if (typeof typed.value === 'number') return `<c r="${ref}"${s}>${f}<v>${typed.value}</v></c>`;
  if (typed.value instanceof Date) return `<c r="${ref}"${s}>${f}<v>${(typed.value.getTime() - EPOCH) / 86_400_000}</v></c>`;
  if (formula) return `<c r="${ref}"${s} t="str">${f}<v>${xml(shown)}</v></c>`;
  if (strings === 'shared') return `<c r="${ref}"${s} t="s"><v>${table.add(shown)}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xml(shown)}</t></is></c>`;
}

function sheetXml(rows: string[][], strings: StringStorage, table: StringTable, formulas: Formulas): string {
  const header = rows[0];
  const body = rows
    .map((cells, r) => {
      const row = cells
        .map((shown, c) => {
          const numFmt = excelValue(shown).numFmt;
          const style = r === 0 ? STYLE.header : numFmt ? FORMAT_STYLE[numFmt] : shown.includes('\n') ? STYLE.wrap : STYLE.plain;
          return cellXml(`${columnName(c)}${r + 1}`, shown, style, strings, table, formulas[cells[0]]?.[header[c]]);
        })
        .join('');
      return `<row r="${r + 1}">${row}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" ?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr>' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr customHeight="1" defaultColWidth="12.63" defaultRowHeight="15.75"/>' +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

const STYLES =
  '<?xml version="1.0" ?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/>' +
  '<numFmt numFmtId="166" formatCode="#,##0"/></numFmts>' +
  '<fonts count="2"><font><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font>' +
  '<font><b/><color theme="1"/><name val="Arial"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="lightGray"/></fill></fills>' +
  '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/></cellStyleXfs>' +
  '<cellXfs count="6"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"><alignment readingOrder="0" shrinkToFit="0" vertical="bottom" wrapText="0"/></xf>' +
  '<xf borderId="0" fillId="0" fontId="1" numFmtId="0" xfId="0" applyFont="1"/>' +
  '<xf borderId="0" fillId="0" fontId="0" numFmtId="164" xfId="0" applyNumberFormat="1"/>' +
  '<xf borderId="0" fillId="0" fontId="0" numFmtId="165" xfId="0" applyNumberFormat="1"/>' +
  '<xf borderId="0" fillId="0" fontId="0" numFmtId="166" xfId="0" applyNumberFormat="1"/>' +
  '<xf borderId="0" fillId="0" fontId="0" numFmtId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>';

/** An .xlsx holding `rows` (header first) on one tab, as Google Sheets exports it. */
export async function googleSheetsWorkbook(rows: string[][], strings: StringStorage, formulas: Formulas = {}): Promise<Uint8Array> {
  const table = new StringTable();
  const sheet = sheetXml(rows, strings, table, formulas);
  const shared = strings === 'shared';
  const zip = new JSZip();
  const part = (name: string, type: string) => `<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml" PartName="/xl/${name}"/>`;
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" ?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default ContentType="application/xml" Extension="xml"/><Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>' +
      part('worksheets/sheet1.xml', 'worksheet') +
      part('styles.xml', 'styles') +
      part('workbook.xml', 'sheet.main') +
      (shared ? part('sharedStrings.xml', 'sharedStrings') : '') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" ?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" ?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      rel('rId1', 'styles', 'styles.xml') +
      (shared ? rel('rId2', 'sharedStrings', 'sharedStrings.xml') : '') +
      rel('rId3', 'worksheet', 'worksheets/sheet1.xml') +
      '</Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" ?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/>' +
      `<sheets><sheet state="visible" name="${xml(SHEET)}" sheetId="1" r:id="rId3"/></sheets><definedNames/><calcPr/></workbook>`,
  );
  zip.file('xl/styles.xml', STYLES);
  zip.file('xl/worksheets/sheet1.xml', sheet);
  if (shared) {
    const items = table.items.map((text) => `<si><t xml:space="preserve">${xml(text)}</t></si>`).join('');
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" ?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${table.items.length}" uniqueCount="${table.items.length}">${items}</sst>`,
    );
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
