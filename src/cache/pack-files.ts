import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LineFile } from '../store/file-lines.js';
import type { Output } from '../types.js';
import { EntryIndex, type EntryPlace } from './entry-index.js';

// The cache's answers, appended as JSON lines to pack files in `<cache>/packs/`, one file per writer
// (a run, a synth, a judge command): a fully cached rerun of 20,000 cases reads one file instead of
// opening 20,000, and a fresh answer costs one write instead of write, close and rename.
//
// What the per-answer files promised still holds:
// - An answer is written (one write of one whole line) as soon as it comes (a run writes it once the
//   request taking its slot has left, and before its result is recorded), so a run killed after it
//   loses none of it.
// - A torn entry is never served: each writer has a file of its own, created new, so only a file's
//   last line can be cut short; a line is taken only once its newline is there, and read back only
//   when it parses and names the key asked for.
// - Runs sharing a cache folder never write into each other's files; each sees what the others
//   wrote before it looked (and looks again, at most once a second, when it misses).
// - A newer answer for a key (`--no-cache` refreshing it) wins over an older one by its `savedAt`.

export const PACK_FOLDER = 'packs';
export const PACK_SUFFIX = '.jsonl';
const HEAD = '{"key":"';
const KEY_LENGTH = 64;
const SAVED_AT = '","savedAt":';
/** Enough of a line for its key and time: a scan decodes no more of it. */
const HEAD_BYTES = 128;
/** Served lines are read a block at a time: a rerun asks for them in about the order a run wrote them. */
const BLOCK = 256 * 1024;
/** Pack files kept open for reading at once (their descriptors); older ones are closed and reopened on demand. */
const OPEN_FILES = 32;

/** One cache entry as a line of its pack: the key and time first, so a scan reads them without parsing the answer. */
function entryLine(key: string, savedAt: number, output: Output): string {
  return `${HEAD}${key}${SAVED_AT}${savedAt},"output":${JSON.stringify(output)}}\n`;
}

/** The key and time at the head of a pack line, or undefined for a line that is not an entry. */
export function entryHead(text: string): { key: string; savedAt: number } | undefined {
  if (!text.startsWith(HEAD) || text.slice(HEAD.length + KEY_LENGTH, HEAD.length + KEY_LENGTH + SAVED_AT.length) !== SAVED_AT) return undefined;
  const start = HEAD.length + KEY_LENGTH + SAVED_AT.length;
  const end = text.indexOf(',', start);
  const savedAt = Number(text.slice(start, end));
  return end > start && Number.isFinite(savedAt) ? { key: text.slice(HEAD.length, HEAD.length + KEY_LENGTH), savedAt } : undefined;
}

/** The answer in a whole line, only if it parses and is the entry of `key`. */
function entryOutput(text: string, key: string): Output | undefined {
  const entry = JSON.parse(text) as { key?: unknown; output?: unknown };
  return entry.key === key && typeof entry.output === 'object' && entry.output !== null ? (entry.output as Output) : undefined;
}

function isPackFile(name: string): boolean {
  return name.endsWith(PACK_SUFFIX);
}

/** The pack files in `dir`'s packs folder (none when it does not exist). */
export function packFiles(dir: string): string[] {
  try {
    return readdirSync(path.join(dir, PACK_FOLDER)).filter(isPackFile).sort();
  } catch {
    return [];
  }
}

/** One pack file open for reading, with the last block read from it. */
class PackReader {
  private readonly fd: number;
  private start = 0;
  private data = Buffer.alloc(0);
  /** One buffer reused for every block: each line is decoded (copied) before the next read. */
  private buffer = Buffer.alloc(0);

  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }

  /** The `bytes` bytes at `offset` as text (fewer when the file ends first: the line then does not parse). */
  text(offset: number, bytes: number): string {
    if (offset < this.start || offset + bytes > this.start + this.data.length) {
      if (this.buffer.length < Math.max(BLOCK, bytes)) this.buffer = Buffer.allocUnsafe(Math.max(BLOCK, bytes));
      const data = this.buffer;
      let done = 0;
      for (let read = -1; read !== 0 && done < data.length; done += read) read = readSync(this.fd, data, done, data.length - done, offset + done);
      this.start = offset;
      this.data = data.subarray(0, done);
    }
    return this.data.toString('utf8', offset - this.start, Math.min(offset - this.start + bytes, this.data.length));
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Every entry in the pack files of one cache folder, by key, and this writer's own file. Scans lazily:
 * the first lookup reads the heads of all lines (the answers are parsed only when served).
 */
export class PackStore {
  private readonly folder: string;
  private index: EntryIndex | undefined;
  /** Pack names by number, and how far each was scanned (the start of its first line not yet complete). */
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly scanned: number[] = [];
  private readonly open = new Map<number, PackReader>();
  private lastScan = 0;
  private own: { fd: number; pack: number; size: number } | undefined;

  constructor(dir: string) {
    this.folder = path.join(dir, PACK_FOLDER);
  }

  /** The newest entry for `key` this process knows of; on a miss, other writers' new lines are looked for (at most once a second). */
  find(key: string): EntryPlace | undefined {
    if (!this.index) this.rescan();
    const place = this.index!.get(key);
    if (place || Date.now() - this.lastScan < 1000) return place;
    this.rescan();
    return this.index!.get(key);
  }

  /** The answer at `place`, if its line still parses as the entry of `key`. */
  read(key: string, place: EntryPlace): Output | undefined {
    let file = this.open.get(place.pack);
    if (file) this.open.delete(place.pack);
    else file = new PackReader(path.join(this.folder, this.names[place.pack]));
    this.open.set(place.pack, file);
    if (this.open.size > OPEN_FILES) {
      const [oldest, reader] = this.open.entries().next().value!;
      this.open.delete(oldest);
      reader.close();
    }
    return entryOutput(file.text(place.offset, place.bytes), key);
  }

  /** Append one entry to this writer's own pack file, created on the first write, as one write of one line. */
  append(key: string, output: Output): void {
    const savedAt = Date.now();
    const line = Buffer.from(entryLine(key, savedAt, output));
    if (!this.own) {
      mkdirSync(this.folder, { recursive: true });
      const name = `${savedAt.toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}${PACK_SUFFIX}`;
      // 'ax+': created new (never another writer's file), appended to, and readable for this run's own lookups.
      this.own = { fd: openSync(path.join(this.folder, name), 'ax+'), pack: this.numberOf(name), size: 0 };
    }
    const own = this.own;
    for (let done = 0; done < line.length;) done += writeSync(own.fd, line, done);
    // Known without a scan: the rescan skips this file.
    this.index?.put(key, { pack: own.pack, offset: own.size, bytes: line.length - 1, savedAt });
    own.size += line.length;
  }

  close(): void {
    for (const file of this.open.values()) file.close();
    this.open.clear();
    if (this.own) closeSync(this.own.fd);
    this.own = undefined;
  }

  /** Read the lines other writers appended since the last scan (whole lines only: a torn or unfinished last line waits). */
  private rescan(): void {
    // This writer's own lines are indexed as they are written, once there is an index: the first scan reads them too.
    const first = !this.index;
    this.index ??= new EntryIndex();
    this.lastScan = Date.now();
    let names: string[];
    try {
      names = readdirSync(this.folder).filter(isPackFile).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const pack = this.numberOf(name);
      if (pack === this.own?.pack && !first) continue;
      try {
        this.scan(pack);
      } catch {
        // Unreadable (removed by `evals cache clear` meanwhile): its entries are misses.
      }
    }
  }

  private scan(pack: number): void {
    const lines = new LineFile(path.join(this.folder, this.names[pack]));
    try {
      for (const line of lines.lines(this.scanned[pack], HEAD_BYTES)) {
        if (!line.ended) break;
        this.scanned[pack] = line.offset + line.bytes + 1;
        const head = entryHead(line.text);
        if (head) this.index!.put(head.key, { pack, offset: line.offset, bytes: line.bytes, savedAt: head.savedAt });
      }
    } finally {
      lines.close();
    }
  }

  private numberOf(name: string): number {
    let pack = this.numbers.get(name);
    if (pack === undefined) {
      pack = this.names.push(name) - 1;
      this.numbers.set(name, pack);
      this.scanned.push(0);
    }
    return pack;
  }
}

/**
 * Each entry line's key in the packs `names` (of `folder`, numbered in that order) put into `index`: the
 * newest line of a key wins, as a run serves it. The entry lines counted and the packs' bytes on disk.
 */
export function indexPackHeads(folder: string, names: readonly string[], index: EntryIndex): { lines: number; bytes: number } {
  let bytes = 0;
  let entries = 0;
  names.forEach((name, pack) => {
    const lines = new LineFile(path.join(folder, name));
    try {
      bytes += statSync(lines.file).size;
      for (const line of lines.lines(0, HEAD_BYTES)) {
        const head = line.ended ? entryHead(line.text) : undefined;
        if (!head) continue;
        entries++;
        index.put(head.key, { pack, offset: line.offset, bytes: line.bytes, savedAt: head.savedAt });
      }
    } finally {
      lines.close();
    }
  });
  return { lines: entries, bytes };
}

/** For `evals cache stats`: each pack entry's key put into `index` (a key refreshed many times is one entry), the packs' entry lines and their bytes on disk. */
export function packStats(dir: string, index: EntryIndex): { lines: number; bytes: number } {
  return indexPackHeads(path.join(dir, PACK_FOLDER), packFiles(dir), index);
}
