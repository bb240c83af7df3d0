import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { exampleRows } from './example-data.js';

// The exported workbooks are made once by the real programs (`npm run fixtures:workbooks`, which needs
// LibreOffice) and committed; the tests only read them. The manifest records what they were made
// from, so a changed example or generator fails a test instead of silently testing stale files.

/** The committed folder, relative to the repository root. */
export const EXPORTED = path.join('tests', 'fixtures', 'workbooks', 'exported');
const GENERATOR = 'scripts/workbooks';

export interface Manifest {
  /** sha256 of the example rows and of the generator's source. */
  inputs: { rows: string; generator: string };
  /** Program → version, for the reader; not checked. */
  madeWith: Record<string, string>;
  /** Every file the generator wrote, relative to EXPORTED → its sha256. */
  files: Record<string, string>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** What the fixtures are made from, as the manifest records it. */
export function fixtureInputs(root: string): Manifest['inputs'] {
  const sources = [
    'tests/workbooks/example-data.ts',
    ...readdirSync(path.join(root, GENERATOR))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => `${GENERATOR}/${f}`),
  ];
  // Line endings are normalised so that a checkout with CRLF does not look stale.
  const text = sources.map((file) => `${file}\n${readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n')}`).join('\n');
  return { rows: sha256(JSON.stringify(exampleRows(root))), generator: sha256(text) };
}
