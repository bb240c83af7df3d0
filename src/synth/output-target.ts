import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { LoadedSuite } from '../suite/load.js';

// Where `--out` points: a new CSV, or a tab of a workbook (`book.xlsx#Synth`), and the files kept
// beside it (the progress journal and the diversity report). Never the suite's own sheet: new rows
// are proposals for a PM to review, not cases until someone has.

export interface OutputTarget {
  /** As the user wrote it, for messages. */
  shown: string;
  absolute: string;
  format: 'csv' | 'xlsx';
  /** The workbook tab, for xlsx. */
  sheet?: string;
  /** `<out without extension>[.<tab>].synth-progress.jsonl` */
  progress: string;
  /** The suite's own workbook with no `sheet:`: its first tab is the sheet, and must not be replaced. */
  protectFirstTab: boolean;
  /** `<…>.diversity.md` and `.diversity.json` */
  reportMarkdown: string;
  reportJson: string;
}

const DEFAULT_TAB = 'Synth';

export function outputTarget(out: string, suite: LoadedSuite, cwd: string): OutputTarget {
  const hash = out.lastIndexOf('#');
  const file = hash === -1 ? out : out.slice(0, hash);
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') {
    throw new ConfigurationError([{ file: out, message: '--out: write a .csv file or a workbook tab such as new-cases.xlsx#Synth' }]);
  }
  const format = extension === '.csv' ? 'csv' : 'xlsx';
  if (format === 'csv' && hash !== -1) throw new ConfigurationError([{ file: out, message: '--out: "#tab" applies only to .xlsx workbooks' }]);
  const sheet = format === 'xlsx' ? (hash === -1 ? DEFAULT_TAB : out.slice(hash + 1).trim()) : undefined;
  if (sheet !== undefined && (sheet === '' || sheet.length > 31 || /[\\/?*[\]:]/.test(sheet))) {
    throw new ConfigurationError([{ file: out, message: `--out: "${sheet}" cannot name a workbook tab (1 to 31 characters, none of \\ / ? * [ ] :)` }]);
  }
  const absolute = path.resolve(cwd, file);
  const dataset = path.resolve(suite.root, suite.config.dataset);
  const intoSuiteSheet = absolute === dataset && (format === 'csv' || (suite.config.sheet !== undefined && suite.config.sheet.trim().toLowerCase() === sheet!.toLowerCase()));
  if (intoSuiteSheet) {
    throw new ConfigurationError([
      { file: out, message: `--out is the suite's own sheet (${suite.config.dataset}${suite.config.sheet ? `#${suite.config.sheet}` : ''}); synth never writes into it: name a new file or tab` },
    ]);
  }
  if (!existsSync(path.dirname(absolute))) throw new ConfigurationError([{ file: out, message: `--out: the folder ${path.dirname(file) || '.'} does not exist` }]);
  const base = absolute.slice(0, absolute.length - extension.length) + (sheet ? `.${sheet.replace(/[^\w-]+/g, '_')}` : '');
  const protectFirstTab = format === 'xlsx' && absolute === dataset && suite.config.sheet === undefined;
  return {
    shown: out,
    absolute,
    format,
    ...(sheet ? { sheet } : {}),
    protectFirstTab,
    progress: `${base}.synth-progress.jsonl`,
    reportMarkdown: `${base}.diversity.md`,
    reportJson: `${base}.diversity.json`,
  };
}
