import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LineFile } from '../store/file-lines.js';
import { EntryIndex } from './entry-index.js';
import { pruneLegacy } from './legacy-entries.js';
import { entryHead, indexPackHeads, PACK_FOLDER, PACK_SUFFIX, packFiles } from './pack-files.js';

// `evals cache prune`: the pack files only ever grow (a `--no-cache` run or an answer asked again
// after a week appends a newer line; the older one stays), so a cache kept between CI runs would grow
// without end and every run would scan every line ever written. Pruning copies each key's newest line,
// when it is young enough to be served, into one new pack, then removes the packs it read.
//
// Safe beside running commands: a pack whose writer is still running on this machine (its pid is in
// the pack's name) is left as it is, so nothing it appends is lost; its lines still count as newer
// answers. A run that had indexed a removed pack finds those answers missing and asks again (a miss,
// never a wrong answer), and the new pack's lines are whole before its name ends in `.jsonl`.

export interface PruneOutcome {
  /** Answers kept (each key once). */
  kept: number;
  /** Lines dropped because a newer answer for the same key exists. */
  replaced: number;
  /** Answers dropped because they are older than the age limit (they would not be served). */
  expired: number;
  /** Lines that were not whole entries (a write cut short, a garbled line). */
  unreadable: number;
  bytesBefore: number;
  bytesAfter: number;
  /** Packs left as they are because the evals writing them is still running: their pids. */
  running: number[];
}

/** The pid in a pack's name (`<time>-<pid>-<random>.jsonl`), if it has one. */
function writerPid(name: string): number | undefined {
  const pid = Number(name.split('-')[1]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid; assume it may be a writer.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A new file written a megabyte at a time (a write per line would be a system call per answer), synced on close. */
class BufferedFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'wx');
  }

  /** Append `text`; its length in bytes. */
  write(text: string): number {
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > this.buffer.length) this.flush();
    if (bytes > this.buffer.length) this.writeAll(Buffer.from(text));
    else this.used += this.buffer.write(text, this.used);
    return bytes;
  }

  close(): void {
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(bytes: Buffer): void {
    for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done);
  }
}

/** Whether a whole line is an entry that parses (a line garbled past its head is dropped, as a run would not serve it). */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function pruneCache(dir: string, maxAgeMs: number, now = Date.now()): PruneOutcome {
  const folder = path.join(dir, PACK_FOLDER);
  const names = packFiles(dir);
  // Each key's newest line over all packs: the one a run would serve, so the only one kept.
  const index = new EntryIndex();
  const { bytes: packBytes } = indexPackHeads(folder, names, index);
  const outcome: PruneOutcome = { kept: 0, replaced: 0, expired: 0, unreadable: 0, bytesBefore: packBytes, bytesAfter: 0, running: [] };

  const pruned = names.map((name) => {
    const pid = writerPid(name);
    if (pid !== undefined && pid !== process.pid && isRunning(pid)) {
      outcome.running.push(pid);
      return false;
    }
    return true;
  });

  const name = `${now.toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}${PACK_SUFFIX}`;
  const partial = path.join(folder, `${name}.partial`);
  let out: BufferedFile | undefined;
  try {
    names.forEach((packName, pack) => {
      if (!pruned[pack]) return;
      const lines = new LineFile(path.join(folder, packName));
      try {
        for (const line of lines.lines()) {
          const head = line.ended ? entryHead(line.text) : undefined;
          const newest = head && index.get(head.key);
          if (!head || !newest || !parses(line.text)) outcome.unreadable++;
          else if (newest.pack !== pack || newest.offset !== line.offset) outcome.replaced++;
          else if (now - head.savedAt > maxAgeMs) outcome.expired++;
          else {
            out ??= new BufferedFile(partial);
            outcome.bytesAfter += out.write(`${line.text}\n`);
            outcome.kept++;
          }
        }
      } finally {
        lines.close();
      }
    });
    if (out !== undefined) {
      out.close();
      out = undefined;
      renameSync(partial, path.join(folder, name));
    }
  } catch (error) {
    out?.close();
    rmSync(partial, { force: true });
    throw error;
  }
  names.forEach((packName, pack) => {
    if (pruned[pack]) rmSync(path.join(folder, packName), { force: true });
    else outcome.bytesAfter += statSync(path.join(folder, packName), { throwIfNoEntry: false })?.size ?? 0;
  });

  const legacy = pruneLegacy(dir, index, now - maxAgeMs);
  outcome.kept += legacy.kept;
  outcome.replaced += legacy.replaced;
  outcome.expired += legacy.expired;
  outcome.bytesBefore += legacy.bytesBefore;
  outcome.bytesAfter += legacy.bytesAfter;
  return outcome;
}
