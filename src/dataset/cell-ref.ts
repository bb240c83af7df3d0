// Spreadsheet-style names for places in a sheet, so an error points where Excel shows the data.

/** `A` for column 0, `Z` for 25, `AA` for 26. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// Excel quotes sheet names with spaces or punctuation; a plain `canvas-trigger!C14` reads better
// and is unambiguous, so quote only when the name would otherwise be misread.
function sheetPrefix(sheet: string): string {
  return /[\s!']/.test(sheet) ? `'${sheet.replace(/'/g, "''")}'!` : `${sheet}!`;
}

/** `canvas-trigger!C14` for 0-based column 2, row 14. */
export function cellName(sheet: string, column: number, row: number): string {
  return `${sheetPrefix(sheet)}${columnLetter(column)}${row}`;
}

/** `canvas-trigger!1:1`: a whole row, for problems about the header. */
export function rowName(sheet: string, row: number): string {
  return `${sheetPrefix(sheet)}${row}:${row}`;
}
