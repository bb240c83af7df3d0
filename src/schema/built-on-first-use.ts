/**
 * A value built on its first use and kept: zod schemas that a command may never need.
 *
 * Why: building a zod schema runs a good deal of zod (every object, union and refinement is
 * constructed and wired up), and `evals run` loads in one chunk every module its command reaches,
 * with every schema they define. The check registry holds all sixteen check types while a suite
 * names a few, and a champion or calibration file is read only by suites that have one: built when
 * their modules load, these schemas cost `evals run` ~5 ms of start-up before its first request.
 */
export function builtOnFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
