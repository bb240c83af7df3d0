// What the CLI's loader (launch/load-bundle.cts) offers the bundled code, through a global because the
// loader is not part of the bundle. The library (dist/index.js) has no loader: every hook falls back
// to what a plain ES module does.

/** The global the loader sets. */
export const LAUNCHER_HOOKS = Symbol.for('evals-harness.launcher-hooks');

export interface LauncherHooks {
  /** import() for a module outside the bundle: a script compiled with a code cache cannot call import() itself. */
  importModule(url: string): Promise<Record<string, unknown>>;
  /** Called before a V8 flag is set: the code caches must be written while V8's flags are those they are loaded with. */
  beforeV8FlagsChange(): void;
}

function hooks(): LauncherHooks | undefined {
  return (globalThis as Record<symbol, unknown>)[LAUNCHER_HOOKS] as LauncherHooks | undefined;
}

/** import() of a user's module (a js check), through the loader when the CLI runs from its bundle. */
export function importOutsideBundle(url: string): Promise<Record<string, unknown>> {
  const loader = hooks();
  return loader ? loader.importModule(url) : (import(url) as Promise<Record<string, unknown>>);
}

/** Tells the loader a V8 flag is about to change (see LauncherHooks.beforeV8FlagsChange). */
export function beforeV8FlagsChange(): void {
  hooks()?.beforeV8FlagsChange();
}
