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
// The built-ins in LAZY (below) are required on the first call of one of their functions instead.
import { builtinModules, createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const builtins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const identifier = /^[A-Za-z_$][\w$]*$/;

// Built-ins `evals run` needs only after its first request, or never: each is required on the first
// call of one of its functions rather than when its chunk loads. node:fs/promises loads readline, the
// directory walker and the file watchers with it (~1.4 ms on a 2-core machine), node:module Node's ES
// module loader (~0.4 ms), node:v8 its heap snapshot streams (~0.5 ms), node:os ~0.3 ms: 2.6 ms of the
// ~155 before the first request, for a flag set at the first answer (heap.ts), a temporary file's
// folder (load-snapshot.ts) and a require made for an https URL or a JSON Schema check. Only
// functions are deferred: a constant or a class (a constructor with methods) is read at load as for
// any built-in, so `new`, `instanceof` and statics behave as Node's own.
const LAZY = new Set(['fs/promises', 'module', 'os', 'v8']);

/** A class, or a constructor with methods of its own: a forwarding function would break `new` and `instanceof`. */
function isConstructor(value) {
  return /^class\b/.test(Function.prototype.toString.call(value)) || Object.getOwnPropertyNames(value.prototype ?? {}).length > 1;
}

function lazilyRequiringModule(name) {
  const builtin = requireHere(`node:${name}`);
  const names = Object.keys(builtin).filter((key) => identifier.test(key) && key !== 'default');
  const deferred = (key) => typeof builtin[key] === 'function' && !isConstructor(builtin[key]);
  return [
    'let builtin;',
    // No side effects for esbuild: a constant read through it that nobody imports is dropped, not read at load.
    `const load = /* @__NO_SIDE_EFFECTS__ */ () => (builtin ??= require(${JSON.stringify(`node:${name}`)}));`,
    // `import os from 'node:os'`: each property read goes to the built-in, loaded then.
    'export default /* @__PURE__ */ new Proxy({}, { get: (_, key) => load()[key] });',
    ...names.map((key) =>
      deferred(key) ? `export function ${key}(...args) { return load().${key}(...args); }` : `export const ${key} = /* @__PURE__ */ Reflect.get(load(), ${JSON.stringify(key)});`,
    ),
  ].join('\n');
}

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
      build.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
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
      build.onLoad({ filter: /.*/, namespace: 'builtin-through-require' }, (args) => {
        const { name } = args.pluginData;
        return { contents: LAZY.has(name) ? lazilyRequiringModule(name) : requiringModule(name), loader: 'js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({ contents: lazyChildProcess, loader: 'js' }));
    },
  };
}
