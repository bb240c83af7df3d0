import { describe, expect, it } from 'vitest';
import { fileSystemProblem } from '../../src/store/fs-problem.js';

function systemError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, ...(file ? { path: file } : {}) });
}

describe('fileSystemProblem', () => {
  it('says which path and why, for the failures a full or locked-down disk gives', () => {
    const cwd = '/project';
    expect(fileSystemProblem(systemError('EROFS', 'mkdir', '/project/reports/x'), cwd)).toBe('cannot create the folder reports/x: read-only file system');
    expect(fileSystemProblem(systemError('ENOSPC', 'write'), cwd, '/project/reports/x/results.jsonl')).toBe('cannot write reports/x/results.jsonl: no space left on device');
    expect(fileSystemProblem(systemError('EACCES', 'open', '/elsewhere/report.md'), cwd)).toBe('cannot write /elsewhere/report.md: permission denied');
  });

  it('leaves other errors to the caller', () => {
    expect(fileSystemProblem(new Error('boom'), '/')).toBeUndefined();
    expect(fileSystemProblem(systemError('ECONNRESET', 'read', '/x'), '/')).toBeUndefined();
  });
});
