import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// What `evals run` loads before its first model request is what its start-up costs (issue 14:
// spawn to first request). Every chunk the run command imports statically is read, compiled and
// evaluated before a case is sent; these tests read the built bundle (`npm run build`) and follow
// those imports, so a change that pulls something heavy into that path is caught here, not by a
// benchmark weeks later.

const bundleDir = path.join(repoRoot, 'dist', 'bundle');

function chunkText(file: string): string {
  return readFileSync(path.join(bundleDir, file), 'utf8');
}

/** The chunk `main.js` loads for `evals run` (an `import()`, so other commands do not load it). */
function runCommandChunk(): string {
  const match = /import\("\.\/(run-[A-Z0-9]+\.js)"\)/.exec(chunkText('main.js'));
  if (!match) throw new Error('dist/bundle/main.js has no import() of a run-*.js chunk: is the bundle built?');
  return match[1];
}

/** Every chunk reachable from `entry` through static imports (`import … from "./x.js"`, `import "./x.js"`). */
function staticallyLoaded(entry: string): Map<string, string> {
  const loaded = new Map<string, string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    const text = chunkText(file);
    loaded.set(file, text);
    for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)) visit(match[1]);
  };
  visit(entry);
  return loaded;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('what evals run loads before its first request', () => {
  it('src/ imports zod as a namespace, so the bundle keeps only the schemas we use', () => {
    // `import { z } from 'zod'` makes `z` an object holding all of zod: its 40 locales and its
    // JSON Schema converters (~580 KB) were compiled by every run. `import * as z` lets esbuild
    // keep what is used (~145 KB).
    const offenders = sourceFiles('src').filter((file) => /import\s+(?:type\s+)?\{\s*z\s*\}\s+from\s+'zod'/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  it("has zod's English messages and no other language's", () => {
    const loaded = [...staticallyLoaded(runCommandChunk()).values()].join('\n');
    expect(loaded).toContain('Invalid input: expected');
    // From zod's German locale, the marker that the 40 locales came along.
    const everyChunk = readdirSync(bundleDir).filter((file) => file.endsWith('.js'));
    expect(everyChunk.filter((file) => chunkText(file).includes('Eingabe: erwartet'))).toEqual([]);
  });

  it('leaves what runs after the answers (judging, assessment, statistics, reports, history, tables) to chunks loaded later', () => {
    // Named by functions the bundle keeps (whitespace and syntax are minified, names are not).
    const afterAnswers = {
      'pairwise judging': 'judgeRun',
      'the assessment against the baseline': 'assessRun',
      McNemar: 'mcnemarExact',
      'Bradley-Terry': 'fitBradleyTerry',
      'the report writers and the history record': 'finishRun',
      'the history record': 'recordRun',
      'the terminal summary table': 'renderSummaryTable',
      'the suite outcome printed': 'printSuiteOutcome',
      'cli-table3 (terminal tables)': 'truncateWidth',
    };
    const everyChunk = readdirSync(bundleDir).filter((file) => file.endsWith('.js'));
    const loaded = [...staticallyLoaded(runCommandChunk())];
    const definedIn = (name: string, chunks: Array<[string, string]>) => chunks.filter(([, text]) => text.includes(`function ${name}(`)).map(([file]) => file);
    for (const [what, name] of Object.entries(afterAnswers)) {
      // Still in the bundle (so the check below can fail), just not loaded before the first request.
      expect(
        definedIn(
          name,
          everyChunk.map((file) => [file, chunkText(file)]),
        ),
        `${what}: ${name} in the bundle`,
      ).toHaveLength(1);
      expect(definedIn(name, loaded), `${what}: ${name} loaded by evals run before its first request`).toEqual([]);
    }
  });

  it('is a handful of files: the run command and what it imports are one chunk', () => {
    // Node's module loader pays for every file and every import between files (~1 ms a chunk on a
    // 2-core machine); scripts/run-path-chunk.mjs keeps what the run command imports statically
    // together instead of cut into one chunk per combination of commands sharing it (58 before).
    const loaded = [...staticallyLoaded(runCommandChunk()).keys()];
    expect(loaded.length, loaded.join(', ')).toBeLessThanOrEqual(5);
  });
});

describe("evals run's first request", () => {
  // Touching any of Node's fetch classes (Headers, Response, FormData, fetch) loads all of undici:
  // ~50 ms and ~9 MB of start-up. A plain JSON request goes over node:http (keep-alive-fetch.ts) with
  // the SDKs' Headers and FormData injected by the bundle (src/cli/bundle-globals.ts), so undici must
  // not be loaded when the first request leaves; a new SDK version touching another fetch class, or
  // a change that drops the injection, shows here.
  const detector = path.join(repoRoot, 'tests', 'fixtures', 'start-up', 'undici-at-first-request.cjs');
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
  });
  afterAll(() => server.close());

  function undiciWhenFirstRequestLeft(report: string): boolean {
    return (JSON.parse(readFileSync(report, 'utf8')) as { undici: boolean }).undici;
  }

  it('the detector sees undici once a fetch class is touched (so the checks below can fail)', async () => {
    const report = path.join(makeTempDir('undici'), 'report.json');
    const script = `void new Headers(); require('node:http').request('${server.openaiBaseUrl}/models').on('error', () => {}).end();`;
    await new Promise((resolve) => spawn(process.execPath, ['--require', detector, '-e', script], { env: { ...process.env, UNDICI_REPORT: report }, stdio: 'ignore' }).on('close', resolve));
    expect(undiciWhenFirstRequestLeft(report)).toBe(true);
  });

  it.each([
    ['OpenAI', ['--set', 'candidate.provider=openai:fake-gpt']],
    ['Anthropic', ['--set', 'candidate.provider=anthropic:fake-claude']],
  ])('goes out through the %s SDK without loading undici', async (_sdk, set) => {
    const project = copyFixtureProject('toy');
    const report = path.join(project, 'undici.json');
    const env = cleanEnv({
      OPENAI_BASE_URL: server.openaiBaseUrl,
      OPENAI_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      NODE_OPTIONS: `--require ${detector}`,
      UNDICI_REPORT: report,
    });
    const before = server.requests.length;
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', ...set], { cwd: project, env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.length - before).toBe(10);
    expect(undiciWhenFirstRequestLeft(report)).toBe(false);
  });
});

describe('what evals --version and --help load', () => {
  it('is the entry and its few static imports: no zod, no yaml, no node:crypto', () => {
    const loaded = staticallyLoaded('main.js');
    // Positive controls: the run command's chunks do hold zod and yaml (esbuild names each CommonJS module by its path).
    const run = [...staticallyLoaded(runCommandChunk()).values()].join('\n');
    expect(run).toContain('Invalid input: expected');
    expect(run).toContain('node_modules/yaml/');
    const text = [...loaded.values()].join('\n');
    expect(loaded.size).toBeLessThanOrEqual(4);
    expect(text).not.toContain('Invalid input: expected');
    expect(text).not.toContain('node_modules/yaml/');
    // An ES import of node:crypto costs ~10 ms (its facade loads webcrypto); the run loads it later.
    expect(text).not.toMatch(/from\s*"node:crypto"/);
  });
});
