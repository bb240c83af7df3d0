import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import { checkBehaviourName } from './name.js';
import { datasetCsv, promptMarkdown, suiteYaml, toolsJson } from './templates.js';
import { evalsCommand } from '../invoked-as.js';

export interface InitOptions {
  /** Overwrite files that already exist (off by default: a PM's sheet is never clobbered). */
  force?: boolean;
}

export interface InitResult {
  name: string;
  /** Paths written, relative to the project directory, in the order a PM edits them. */
  files: { suite: string; dataset: string; prompt: string; tools: string };
}

/**
 * `evals init`: write a suite, a dataset template, a prompt and a tool schema for `name` into
 * `dir`. Refuses (ConfigurationError naming every file in the way) before writing anything when
 * any target exists, unless `force`; an invalid name is a ConfigurationError too.
 */
export async function initProject(dir: string, rawName: string | undefined, options: InitOptions = {}): Promise<InitResult> {
  const name = checkBehaviourName(rawName);
  const files = {
    suite: `suites/${name}.yaml`,
    dataset: `datasets/${name}.csv`,
    prompt: `prompts/${name}.md`,
    tools: `tools/${name}.json`,
  };
  const contents: Record<string, string> = {
    [files.suite]: suiteYaml(name),
    [files.dataset]: datasetCsv(),
    [files.prompt]: promptMarkdown(),
    [files.tools]: toolsJson(),
  };
  if (!options.force) {
    const existing = Object.keys(contents).filter((file) => existsSync(path.join(dir, file)));
    if (existing.length > 0) {
      throw new ConfigurationError(
        existing.map((file) => ({
          file,
          message: `already exists, so nothing was created (evals init never overwrites files: choose another name, e.g. \`${evalsCommand()} init my-other-behaviour\`)`,
        })),
      );
    }
  }
  for (const [file, text] of Object.entries(contents)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    // 'wx' also refuses a file that appeared since the check above.
    await writeFile(path.join(dir, file), text, { encoding: 'utf8', flag: options.force ? 'w' : 'wx' });
  }
  return { name, files };
}
