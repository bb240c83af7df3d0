// Every writer (LibreOffice, exceljs, JSZip) stamps each zip entry with the time it was written, so two
// runs on the same inputs give different bytes and every regeneration would show as a change. Only
// those stamps are rewritten, in place: the entries' compressed bytes are the program's own.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
// MS-DOS date 1980-01-01 (the earliest a zip can hold), time 00:00.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** `zip` with every entry dated 1980-01-01 00:00; throws on what it cannot pin (extra time fields). */
export function pinZipDates(zip: Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(zip);
  const view = new DataView(bytes.buffer);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error('not a zip file: no end-of-directory record');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error(`zip directory entry ${n} is malformed`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    // An extra field may carry a second timestamp (0x5455); none of our writers adds one, so refuse
    // rather than leave a date behind.
    if (extraLength > 0) throw new Error('zip entry has extra fields: dates may hide there');
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`zip entry ${n} has no local header`);
    if (view.getUint16(local + 28, true) > 0) throw new Error('zip entry has extra fields: dates may hide there');
    for (const [time, date] of [
      [at + 12, at + 14],
      [local + 10, local + 12],
    ]) {
      view.setUint16(time, DOS_TIME, true);
      view.setUint16(date, DOS_DATE, true);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return bytes;
}
