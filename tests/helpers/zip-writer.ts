import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

// Hostile workbooks are built in the tests, never committed: a zip whose directory can say whatever
// the test needs (a size it does not have) and whose data can be a deflate stream built without
// ever holding what it inflates to.

export interface ZipPart {
  name: string;
  /** The part's bytes; ignored when `deflated` is given. */
  data?: Buffer | string;
  /** Deflate data as stored in the zip, for parts too large to build inflated (see repeatedDeflate). */
  deflated?: Buffer;
  /** What the directory declares as the unzipped size; default the real size of `data`. */
  declaredSize?: number;
}

/** A zip of `parts` (all deflated), with the sizes they declare. */
function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = part.data === undefined ? Buffer.alloc(0) : Buffer.from(part.data);
    const stored = part.deflated ?? deflateRawSync(data);
    const crc = part.deflated ? 0 : crc32(data);
    const size = part.declaredSize ?? data.length;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A raw deflate stream that inflates to `chunk` repeated `times` times. A full flush makes each
 * compressed copy of the chunk independent of the last, so the copies are simply laid end to end:
 * gigabytes of output cost `times` small copies, and nothing is ever inflated to build it.
 */
export function repeatedDeflate(chunk: Buffer, times: number): Buffer {
  const block = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  return Buffer.concat([...Array.from({ length: times }, () => block), deflateRawSync(Buffer.alloc(0))]);
}

/** The workbook `xlsx` with some parts replaced (or added), every other part as it was. */
export async function rezip(xlsx: Uint8Array, replace: ZipPart[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const replaced = new Map(replace.map((part) => [part.name, part]));
  const parts: ZipPart[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    parts.push(replaced.get(entry.name) ?? { name: entry.name, data: await entry.async('nodebuffer') });
    replaced.delete(entry.name);
  }
  return writeZip([...parts, ...replaced.values()]);
}
