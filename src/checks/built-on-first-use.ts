/**
 * A value built on its first use and kept: the check types' option schemas.
 *
 * Why: building a zod schema runs a good deal of zod (every object, union and refinement is
 * constructed and wired up), and the registry holds every check type while a suite uses a few.
 * Built when the module loaded, all sixteen types' schemas cost `evals run` ~5 ms of start-up
 * before its first request; built on first use, a run pays for the checks its suites name.
 */
export function builtOnFirstUse<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
