import { statSync } from 'node:fs';
import path from 'node:path';

// A reports folder that cannot be written (read-only, full, owned by someone else, a file where a
// folder should be) used to surface as Node's own words, `internal error: ENOENT … mkdir`. This turns
// such an error into which path and why, in plain words, for an exit 3 (the run could not be completed).

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'a folder is in the way',
  EMFILE: 'too many open files',
};

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** The nearest of `file` and its parents that exists but is not a folder: the file where a folder should be. */
function fileInTheWay(file: string): string | undefined {
  for (let at = file; ; at = path.dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // Not there: look further up.
    }
    if (path.dirname(at) === at) return undefined;
  }
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * `cannot create the folder reports/x/20261126-…: a file is in the way: reports` for a file-system
 * error while writing, or undefined for any other error (left to the caller). `cwd` shortens paths;
 * `file` names the file when the error does not (a write to an open file descriptor).
 */
export function fileSystemProblem(error: unknown, cwd: string, file?: string): string | undefined {
  // A rename (the last step of every atomic write) fails for its destination, the file being written.
  const at = isSystemError(error) ? ((error as { dest?: string }).dest ?? error.path ?? file) : undefined;
  if (!isSystemError(error) || at === undefined) return undefined;
  const target = path.resolve(cwd, at);
  const what = error.syscall === 'mkdir' ? `cannot create the folder ${shown(target, cwd)}` : `cannot write ${shown(target, cwd)}`;
  if (error.code === 'ENOTDIR' || error.code === 'EEXIST') {
    const file = fileInTheWay(target);
    return file ? `${what}: a file is in the way: ${shown(file, cwd)} (move it, or remove it if it is not yours)` : undefined;
  }
  if (error.code === 'ENOENT' && error.syscall === 'mkdir') return `${what}: a folder on its path disappeared or is a broken link`;
  const reason = error.code ? REASONS[error.code] : undefined;
  return reason ? `${what}: ${reason}` : undefined;
}
