// An esbuild plugin for the CLI bundle: zod's locales index (40 languages, ~290 KB of the ~580 KB
// zod puts in the bundle) becomes a module with English alone. Every `import { z } from 'zod'`
// materialises `z` as a namespace, and `z.locales` with it, so esbuild cannot drop the unused
// languages itself; reading and compiling them cost `evals run` ~40 ms of CPU before its first
// request (median of 15, main thread: 451 -> 411 ms). zod's own default
// messages come from `locales/en.js`, imported directly, so nothing we print changes; nothing in
// src/ calls `z.config(z.locales.xx())`. The library (dist/index.js) is not bundled and keeps them all.
import path from 'node:path';

export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), '../locales/index.js'), namespace: 'zod-english-only' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};
