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

/** The chunk `main.cjs` loads for `evals run` (an `import()` in src/, so other commands do not load it). */
function runCommandChunk(): string {
  const match = /__toESM\(require\("\.\/(run-[A-Z0-9]+\.cjs)"\)\)/.exec(chunkText('main.cjs'));
  if (!match) throw new Error('dist/bundle/main.cjs has no import() of a run-*.cjs chunk: is the bundle built?');
  return match[1];
}

/**
 * Every chunk reachable from `entry` through static imports: `require("./x.cjs")` in the CommonJS the
 * chunks are rewritten to (scripts/bundle-cli.mjs), where an import() is `__toESM(require("./x.cjs"))`
 * in a promise's callback.
 */
function staticallyLoaded(entry: string): Map<string, string> {
  const loaded = new Map<string, string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    const text = chunkText(file);
    loaded.set(file, text);
    for (const match of text.matchAll(/(?<!__toESM\()\brequire\("\.\/([^"]+\.cjs)"\)/g)) visit(match[1]);
  };
  visit(entry);
  return loaded;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// Reports which of Node's built-ins a process had loaded at its first HTTP request, or at its exit.
const detector = path.join(repoRoot, 'tests', 'fixtures', 'start-up', 'builtins-at-first-request.cjs');

interface BuiltinsReport {
  undici: boolean;
  builtins: string[];
}

function readReport(file: string): BuiltinsReport {
  return JSON.parse(readFileSync(file, 'utf8')) as BuiltinsReport;
}

/** Node with the detector preloaded, running `args`. */
async function builtinsLoaded(args: string[], env: NodeJS.ProcessEnv): Promise<BuiltinsReport> {
  const report = path.join(makeTempDir('builtins'), 'report.json');
  await new Promise((resolve) => spawn(process.execPath, ['--require', detector, ...args], { env: { ...process.env, ...env, BUILTINS_REPORT: report }, stdio: 'ignore' }).on('close', resolve));
  return readReport(report);
}

/** Loaded by an ES import of node:crypto, node:util or node:buffer, or by commander's require of child_process; never needed to start. */
const onlyForAnEsImport = ['internal/crypto/webcrypto', 'internal/util/parse_args/parse_args', 'internal/file', 'child_process'];

/**
 * Built-ins a run needs only after its first request, or never (scripts/builtins-through-require.mjs
 * loads them on first use), and Node's web streams, which reading `globalThis.ReadableStream` loads
 * (src/cli/bundle-globals.ts stands in for it): ~4 ms of start-up together.
 */
const notBeforeTheFirstRequest = ['fs/promises', 'internal/readline/interface', 'module', 'internal/modules/esm/loader', 'v8', 'os', 'internal/webstreams/readablestream'];

/** From yaml's parser: the bundle holds yaml where it holds this. */
const YAML_MARKER = 'Implicit keys need to be on a single line';

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
    const everyChunk = readdirSync(bundleDir).filter((file) => file.endsWith('.cjs'));
    expect(everyChunk.filter((file) => chunkText(file).includes('Eingabe: erwartet'))).toEqual([]);
  });

  it("has yaml's ES module build, tree-shaken, not its CommonJS one", () => {
    // scripts/bundle-cli.mjs aliases yaml to its ES build: esbuild keeps what parseDocument reaches
    // (yaml's stringifier for plain values stays: Document.toString reaches it). The CommonJS build
    // shows as modules named by path (`node_modules/yaml/dist/…`).
    const loaded = [...staticallyLoaded(runCommandChunk()).values()].join('\n');
    expect(loaded).toContain(YAML_MARKER);
    expect(loaded).not.toContain('node_modules/yaml/');
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
      // Only the edit checks write a diff, when they score an answer: edit-diff.ts imports it then.
      "diff (the edit checks' unified diffs)": 'createTwoFilesPatch',
    };
    const everyChunk = readdirSync(bundleDir).filter((file) => file.endsWith('.cjs'));
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

  it('is ASCII, the model SDK chunks too', () => {
    // The loader reads an ASCII chunk as Latin-1, a copy; one non-ASCII character makes all of it a
    // two-byte string decoded from UTF-8 a character at a time (~2% of the instructions evals run
    // spends to its first request, cachegrind, measured both as ES modules and now). esbuild escapes
    // strings but not regular expressions, so those in src/ are written with \u escapes.
    const sdkChunks = readdirSync(bundleDir).filter((file) => /^(openai|anthropic)-[A-Z0-9]+\.cjs$/.test(file));
    expect(sdkChunks).toHaveLength(2);
    const chunks = new Map([...staticallyLoaded('main.cjs'), ...staticallyLoaded(runCommandChunk()), ...sdkChunks.flatMap((file) => [...staticallyLoaded(file)])]);
    const nonAscii = [...chunks].flatMap(([file, text]) => [...text.matchAll(/.{0,40}[^\x00-\x7f].{0,20}/g)].map((match) => `${file}: ${match[0]}`));
    expect(nonAscii).toEqual([]);
    // The check can fail: markdown-it, loaded only by judging, has non-ASCII regular expressions.
    const elsewhere = readdirSync(bundleDir).filter((file) => file.endsWith('.cjs') && /[^\x00-\x7f]/.test(chunkText(file)));
    expect(elsewhere.length).toBeGreaterThan(0);
    // The loader reads the chunks the manifest calls ASCII as Latin-1: a chunk holding any other character must not be one.
    const manifest = JSON.parse(chunkText('manifest.json')) as { ascii: string[] };
    expect(manifest.ascii.filter((file) => elsewhere.includes(file))).toEqual([]);
    expect(manifest.ascii).toEqual(expect.arrayContaining([...chunks.keys()]));
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
  // a change that drops the injection, shows here. Nor must the parts of Node that only an ES import
  // of a built-in loads (scripts/builtins-through-require.mjs): webcrypto (node:crypto's facade),
  // parseArgs (node:util's), and child_process, which commander requires at load.
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
  });
  afterAll(() => server.close());

  it('the detector sees undici, webcrypto and child_process once they are loaded (so the checks below can fail)', async () => {
    const script = `void new Headers(); void require('node:crypto').webcrypto; require('node:child_process'); require('node:https'); require('node:fs/promises'); require('node:module'); require('node:v8'); require('node:os'); void globalThis.ReadableStream; require('node:http').request('${server.openaiBaseUrl}/models').on('error', () => {}).end();`;
    const loaded = await builtinsLoaded(['-e', script], {});
    expect(loaded.undici).toBe(true);
    expect(loaded.builtins).toEqual(expect.arrayContaining(['internal/crypto/webcrypto', 'child_process', 'tls', ...notBeforeTheFirstRequest]));
  });

  it.each([
    ['OpenAI', ['--set', 'candidate.provider=openai:fake-gpt']],
    ['Anthropic', ['--set', 'candidate.provider=anthropic:fake-claude']],
  ])('goes out through the %s SDK without loading undici, webcrypto, parseArgs, child_process, or tls for an http endpoint', async (_sdk, set) => {
    const project = copyFixtureProject('toy');
    const report = path.join(project, 'builtins.json');
    const env = cleanEnv({
      OPENAI_BASE_URL: server.openaiBaseUrl,
      OPENAI_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      NODE_OPTIONS: `--require ${detector}`,
      BUILTINS_REPORT: report,
    });
    const before = server.requests.length;
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', ...set], { cwd: project, env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.length - before).toBe(10);
    const loaded = readReport(report);
    expect(loaded.undici).toBe(false);
    expect(loaded.builtins.filter((name) => onlyForAnEsImport.includes(name))).toEqual([]);
    // node:https loads tls (~2% of the start-up): the keep-alive fetch requires it for the first https URL only.
    expect(loaded.builtins.filter((name) => name === 'https' || name === 'tls')).toEqual([]);
    expect(loaded.builtins.filter((name) => notBeforeTheFirstRequest.includes(name))).toEqual([]);
  });
});

describe('what evals --version and --help load', () => {
  it('is the entry and its few static imports: no zod, no yaml, no node:crypto', () => {
    const loaded = staticallyLoaded('main.cjs');
    // Positive controls: the run command's chunks do hold zod and yaml (a message of yaml's parser).
    const run = [...staticallyLoaded(runCommandChunk()).values()].join('\n');
    expect(run).toContain('Invalid input: expected');
    expect(run).toContain(YAML_MARKER);
    const text = [...loaded.values()].join('\n');
    expect(loaded.size).toBeLessThanOrEqual(4);
    expect(text).not.toContain('Invalid input: expected');
    expect(text).not.toContain(YAML_MARKER);
    // node:crypto costs a few ms to load (~10 ms as an ES import, whose facade loads webcrypto); the
    // run loads it later. The bundle requires built-ins (scripts/builtins-through-require.mjs).
    // esbuild calls require through its helper in an ES module build: `(0, import_chunk.__require)("node:fs")`.
    expect(text).toMatch(/require\)?\("node:fs"\)/);
    expect(text).not.toMatch(/require\)?\("node:crypto"\)/);
  });
});

describe('evals --version', () => {
  it('prints the version without loading child_process, webcrypto or parseArgs', async () => {
    const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const result = await runCli(['--version'], { cwd: makeTempDir('version') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(version);
    const loaded = await builtinsLoaded([path.join(repoRoot, 'bin', 'evals.cjs'), '--version'], {});
    expect(loaded.builtins).toContain('fs'); // the report is of this process (positive control)
    expect(loaded.builtins.filter((name) => onlyForAnEsImport.includes(name))).toEqual([]);
    // node:https loads tls (~2% of the start-up): the keep-alive fetch requires it for the first https URL only.
    expect(loaded.builtins.filter((name) => name === 'https' || name === 'tls')).toEqual([]);
  });
});
