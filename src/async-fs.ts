import { readdir as readdirWithCallback, readFile as readFileWithCallback, stat as statWithCallback, type Stats } from 'node:fs';

// The few asynchronous file reads `evals run` makes before its first request (the suite file, its
// dataset and tools file), as promises over node:fs's callback functions. node:fs/promises would do
// the same, but loading it loads readline, the directory walker and the file watchers with it
// (~1.4 ms of the ~155 a run spends before its first request, on a 2-core machine); the CLI bundle
// loads it only when something calls it (scripts/builtins-through-require.mjs).

function settle<T>(resolve: (value: T) => void, reject: (error: Error) => void) {
  return (error: Error | null, value: T) => (error ? reject(error) : resolve(value));
}

/** A file's bytes, or its text in `encoding`; rejects with Node's error (its `code` says why). */
export function readFile(file: string): Promise<Buffer>;
export function readFile(file: string, encoding: BufferEncoding): Promise<string>;
export function readFile(file: string, encoding?: BufferEncoding): Promise<Buffer | string> {
  return new Promise((resolve, reject) => readFileWithCallback(file, encoding ? { encoding } : {}, settle<Buffer | string>(resolve, reject)));
}

/** The names in a folder. */
export function readdir(folder: string): Promise<string[]> {
  return new Promise((resolve, reject) => readdirWithCallback(folder, settle(resolve, reject)));
}

export function stat(file: string): Promise<Stats> {
  return new Promise((resolve, reject) => statWithCallback(file, settle(resolve, reject)));
}
