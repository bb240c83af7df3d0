import { existsSync } from 'node:fs';
import sparticuz from '@sparticuz/chromium';
import type { TestProject } from 'vitest/node';

// The browser tests need a Chromium and no machine is asked to install one: @sparticuz/chromium ships
// a headless build in the npm package. It is unpacked here, once per run in the main process (into
// the real temp folder, where later runs find it again), and workers get the path through inject().
// EVALS_CHROMIUM=/path/to/chromium uses a system browser instead.

export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ChromiumLaunch;
  }
}

/** Without internet, Chromium otherwise floods the log with refused connections to Google's services. */
const OFFLINE = ['--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The flags Debian's headless Chromium has always been launched with. */
const SYSTEM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', ...OFFLINE];

/**
 * Flags of the package left out. --single-process (for AWS Lambda's sandbox): the whole browser dies
 * when a test closes its first page or context. The other two: the report and judging tests check
 * what a page can do in the browser a reviewer opens it in, which keeps the same-origin policy and
 * blocks mixed content.
 */
const DROPPED = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

async function resolveChromium(): Promise<ChromiumLaunch> {
  const system = process.env.EVALS_CHROMIUM;
  if (system) {
    if (!existsSync(system)) throw new Error(`EVALS_CHROMIUM=${system}: no such file`);
    return { executablePath: system, args: SYSTEM_ARGS };
  }
  // Must run before temp-root.ts moves TMPDIR: the package unpacks into, and looks in, os.tmpdir().
  const executablePath = await sparticuz.executablePath();
  return { executablePath, args: [...sparticuz.args.filter((arg) => !DROPPED.has(arg)), ...OFFLINE] };
}

export async function setup(project: TestProject): Promise<void> {
  project.provide('chromium', await resolveChromium());
}
