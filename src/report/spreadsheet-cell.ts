// Spreadsheet cells that start with these characters are read as formulas by Excel, LibreOffice and
// Google Sheets (CSV/formula injection, OWASP). Model output and dataset text are untrusted, so
// such cells get a leading apostrophe: shown as text, never evaluated.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell value that a spreadsheet shows as text, never runs as a formula. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
