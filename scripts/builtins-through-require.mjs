// An esbuild plugin for the CLI bundle: Node's own modules are loaded with `require()` (the bundle's
// banner makes one), not with an ES `import`, and commander's `node:child_process` only when a
// command spawns one.
//
// Why: an ES `import … from 'node:fs'` makes Node build a module facade that reads every export of
// the built-in once, and reading some of them loads more of Node: `fs` its streams, `crypto` all of
// webcrypto, `util` parseArgs, `buffer` File. `require()` hands back the object and reads nothing.
// commander requires `node:child_process` at load (with `dgram` and the rest of what it loads) for
// executable subcommands, which evals has none of; `evals --version` and `evals run` paid for it.
//
// How: an `import` of a built-in resolves to a small module that requires it and exports each of
// its names as `/* @__PURE__ */ Reflect.get(builtin, "name")`; esbuild drops the names nobody imports, so only
// what the bundle uses is read, when its chunk loads (as the facade did). A name the built-in does
// not have fails the build (esbuild: "No matching export"), as the facade would fail at run time.
import { builtinModules, createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const identifier = /^[A-Za-z_$][\w$]*$/;

function requiringModule(name) {
  const names = Object.keys(requireHere(`node:${name}`)).filter((key) => identifier.test(key) && key !== 'default');
  return [
    `const builtin = require(${JSON.stringify(`node:${name}`)});`,
    'export default builtin;',
    ...names.map((key) => `export const ${key} = /* @__PURE__ */ Reflect.get(builtin, ${JSON.stringify(key)});`),
  ].join('\n');
}

// commander calls only `childProcess.spawn`, for executable subcommands; this loads the real one then.
const lazyChildProcess = "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };";

export function builtinsThroughRequire() {
  return {
    name: 'builtins-through-require',
    setup(build) {
      build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (!builtins.has(name)) return undefined;
        if (args.kind === 'require-call' && name === 'child_process' && /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)) {
          return { path: 'child_process', namespace: 'lazy-child-process' };
        }
        if (args.kind !== 'import-statement') return undefined;
        // One module per importing file, so that it lands in the importer's chunk: a module shared
        // by several chunks would be a chunk of its own, one more file for Node to load.
        return { path: name, namespace: 'builtin-through-require', pluginData: { name }, suffix: `?${args.importer}` };
      });
      build.onLoad({ filter: /.*/, namespace: 'builtin-through-require' }, (args) => ({ contents: requiringModule(args.pluginData.name), loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({ contents: lazyChildProcess, loader: 'js' }));
    },
  };
}
