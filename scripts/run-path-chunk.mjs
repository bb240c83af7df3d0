// An esbuild plugin for the CLI bundle: everything `evals run` imports statically lands in one chunk
// instead of ~60 small ones.
//
// Why: esbuild puts each module in a chunk by the set of entry points (main.js and every `import()`
// target) that reach it, so the modules of the run command were cut into as many chunks as there
// are combinations of commands sharing them. Node's ES module loader pays for each file and each
// import between files (find, read, link: ~1 ms a chunk on this machine), and loading the run
// command's 58 chunks cost ~60 ms more than the same code in one file.
//
// How: every module that some `import()` loads (a command, the after-run steps, a provider, a report
// writer) also imports the run command. Then every module the run command reaches is reached by
// every entry but main.js, and esbuild puts them all in one chunk. Nothing is loaded twice (a module
// is still in exactly one chunk), `evals --version` and `--help` (main.js alone) load none of it, and
// what is lazy stays lazy: the chunk holds the run command's static imports only. The cost: a command
// that needs little of it (init, history, cache) reads the run command's chunk as well.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file of ours that some file in `dist` loads with `import('./relative.js')`. */
function lazilyImported(dist) {
  const targets = new Set();
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.startsWith(path.join(dist, 'bundle') + path.sep)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/\bimport\(\s*'(\.\.?\/[^']+\.js)'\s*\)/g)) {
      targets.add(path.resolve(path.dirname(file), match[1]));
    }
  }
  return targets;
}

export function runPathChunk({ dist, runCommand }) {
  const runCommandFile = path.resolve(runCommand);
  const targets = lazilyImported(path.resolve(dist));
  return {
    name: 'run-path-chunk',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        if (!targets.has(args.path) || args.path === runCommandFile) return undefined;
        const source = readFileSync(args.path, 'utf8');
        return { contents: `import ${JSON.stringify(runCommandFile)};\n${source}`, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
