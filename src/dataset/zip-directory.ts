import { createInflateRaw } from 'node:zlib';

// An .xlsx file is a zip. exceljs (through JSZip) inflates every part whole into memory, trusting the
// sizes the zip declares; a 6 KB zip can declare, or hide, gigabytes of XML. This reads the zip's own
// directory, as JSZip does, so its parts can be measured before exceljs sees them.

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; JSZip knows no others, so neither do we. */
  method: number;
  compressedSize: number;
  /** As the central directory declares it: a bomb may lie, so streamEntry holds the data to it. */
  uncompressedSize: number;
  /** Where the compressed bytes start, past the local header. */
  dataOffset: number;
}

/** A zip whose directory declares sizes of 4 GB or more (ZIP64): no spreadsheet dataset needs that. */
export class Zip64Error extends Error {}

/** The inflated data would be larger than `limit` bytes. */
export class InflateLimitError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

/**
 * Every entry of the zip in `bytes`, or undefined when it is not a zip we can read (exceljs then
 * reports it as unreadable). Throws Zip64Error for ZIP64 markers.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end record is the last thing in the file, before a comment of up to 64 KB; JSZip takes the last one too.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - MAX_16); at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryOffset = u32(end + 16);
  if (count === MAX_16 || directorySize === MAX_32 || directoryOffset === MAX_32) throw new Zip64Error('the zip uses ZIP64');
  // Bytes prepended to the zip shift every offset; JSZip allows for them the same way.
  const shift = end - (directoryOffset + directorySize);
  if (shift < 0) return undefined;
  const entries: ZipEntry[] = [];
  // Read every consecutive directory record, as JSZip does, whatever count the end record claims.
  for (let at = directoryOffset + shift; at + 46 <= bytes.length && u32(at) === CENTRAL;) {
    const nameLength = u16(at + 28);
    const compressedSize = u32(at + 20);
    const uncompressedSize = u32(at + 24);
    const localOffset = u32(at + 42);
    if (at + 46 + nameLength > bytes.length) return undefined;
    if (compressedSize === MAX_32 || uncompressedSize === MAX_32 || localOffset === MAX_32) throw new Zip64Error('the zip uses ZIP64');
    const local = localOffset + shift;
    if (local + 30 > bytes.length || u32(local) !== LOCAL) return undefined;
    entries.push({
      name: Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8'),
      method: u16(at + 10),
      compressedSize,
      uncompressedSize,
      dataOffset: local + 30 + u16(local + 26) + u16(local + 28),
    });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}

/**
 * Stream the entry's data to `onData`, inflated to at most its declared size: a part that inflates to
 * more rejects with InflateLimitError at the first chunk past it, so a bomb is never held in memory.
 * Resolves false when the data is not readable (a method JSZip cannot read either, or corrupt deflate
 * data): exceljs reports that itself.
 */
export function streamEntry(bytes: Uint8Array, entry: ZipEntry, onData: (chunk: Buffer) => void): Promise<boolean> {
  if (entry.dataOffset > bytes.length) return Promise.resolve(false);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset + entry.dataOffset, Math.min(entry.compressedSize, bytes.length - entry.dataOffset));
  if (entry.method === 0) {
    onData(data);
    return Promise.resolve(true);
  }
  if (entry.method !== 8) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > entry.uncompressedSize) {
        inflate.destroy();
        reject(new InflateLimitError(`${entry.name} inflates to more than the ${entry.uncompressedSize} bytes it declares`));
        return;
      }
      onData(chunk);
    });
    inflate.on('error', () => resolve(false));
    inflate.on('end', () => resolve(true));
    inflate.end(data);
  });
}
