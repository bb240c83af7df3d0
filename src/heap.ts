import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeV8FlagsChange } from './launcher-hooks.js';

// The two ways the commands that stream a million rows ask V8 to hold less garbage, without a Node
// flag from the user (issue 14: a million-case suite validates and runs under 250 MB).

let collect: (() => void) | undefined;

/**
 * A full garbage collection, asked for where a command has just let go of tens of megabytes of typed
 * arrays (validate's sketches, a baseline's index). V8 frees an ArrayBuffer only when a major
 * collection finds its wrapper dead, and it schedules those by the growth of its heap, not of the
 * memory outside it: at a million templated rows the 90 MB of sketches already dropped were still held
 * while the next pass filled the heap, and validate peaked at 291 MB. `--expose-gc` set at run time
 * gives `gc` to new contexts only, so nothing else of the process sees it.
 */
export function collectGarbage(): void {
  if (!collect) {
    beforeV8FlagsChange();
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/**
 * How far V8 lets its old generation grow past what the last full collection kept, in percent. Its
 * own factor for a small heap is up to 4×, and a pass over a CSV promotes most of what the parser
 * allocates (a row's cells outlive a scavenge), so each pass held ~60 MB of dead rows before V8
 * collected: with a million rows' typed arrays alive beside them, validate peaked at 256–263 MB.
 * At 20% a pass over 100,000 templated rows peaks at ~125 MB instead of ~158, in the same CPU time
 * (a full collection of a heap this small takes milliseconds).
 */
const HEAP_GROWING_PERCENT = 20;

/**
 * For the rest of the process, collect the old generation when it grows by HEAP_GROWING_PERCENT, not by V8's
 * default factor. Set it after the built-ins a command needs have loaded where start-up matters: once a flag
 * changes, V8 refuses Node's built-in code cache and compiles every built-in loaded later from source.
 */
export function tightenHeapGrowth(): void {
  beforeV8FlagsChange();
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
