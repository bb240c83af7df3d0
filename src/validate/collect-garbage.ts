import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection, asked for where the duplicate check has just let go of tens of megabytes
// of typed arrays. V8 frees an ArrayBuffer only when a major collection finds its wrapper dead, and it
// schedules those by the growth of its heap, not of the memory outside it: at a million templated rows
// the 90 MB of sketches already dropped were still held while the next pass filled the heap, and
// validate peaked at 291 MB. `--expose-gc` set at run time gives `gc` to new contexts only, so nothing
// else of the process sees it, and no Node flag is asked of the user.

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
