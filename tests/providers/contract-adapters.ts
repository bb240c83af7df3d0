import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProviderCapabilities } from '../../src/providers/registry.js';
import type { Case, ErrorInfo, SystemConfig } from '../../src/types.js';
import { startFakeModelServer, type FakeModelServer, type FakeReply } from '../helpers/fake-model-server.js';
import { canvasTool, makeCase, makeSystem } from './support.js';

// One adapter per provider for tests/providers/contract.test.ts: each sets its provider up to give
// the same scripted answers, in its own medium (a fake model API, a command, a service, a cell).
// Where a provider legitimately differs, the adapter says so in data; the test never skips.

/** The answers every provider is made to give. */
export const SCRIPT = {
  text: 'The capital of France is Paris.',
  toolText: 'Opening a canvas.',
  call: { name: 'canvas', arguments: { type: 'document', title: 'Printing press' } },
  usage: { input: 12, output: 3 },
  /** How long a live backend takes to answer the text scenario, so measured latency is checkable. */
  delayMs: 60,
} as const;

/** A failure a provider must turn into a classified ProviderError (and the runner into an error result). */
interface ExpectedFailure {
  scenario: string;
  kind: ErrorInfo['kind'];
  status?: number;
  retryable: boolean;
  /** A phrase the error message carries, so a report can say why. */
  says: string;
}

export type Scenario = 'text' | 'tool' | 'garbled' | (string & {});

export interface Setup {
  system: SystemConfig;
  case: Case;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface ContractAdapter {
  name: string;
  /** What the registry entry must declare. */
  capabilities: Pick<ProviderCapabilities, 'cacheable' | 'batchable' | 'recorded'>;
  /** The key variable the registry names (and missingCredential reports when unset); none for the team's own code. */
  keyEnv?: string;
  /** Token usage reaches the Output when the backend reports it. */
  reportsUsage: boolean;
  /** latencyMs is measured; recorded outputs have none (0). */
  measuresLatency: boolean;
  /** What an answer that starts as JSON but is cut short becomes: an error, or (a typed cell) its text. */
  garbled: 'malformed' | 'text';
  failures: ExpectedFailure[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Make the provider give the scenario's answer, and return what to build and call it with. */
  setup(scenario: Scenario): Setup;
  /** The same system with no credentials in the environment. */
  unconfigured(): Setup;
}

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const plainCase = () => makeCase({ messages: [{ role: 'user', content: 'Write an essay on the printing press' }] });
const tools = [canvasTool];
const GARBLED = '{"text": "The capital of';

// --- openai: and anthropic: against the fake model server ---------------------------------------

function brainReply(scenario: Scenario): FakeReply {
  switch (scenario) {
    case 'text':
      return { text: SCRIPT.text, usage: SCRIPT.usage, delayMs: SCRIPT.delayMs };
    case 'tool':
      return { text: SCRIPT.toolText, toolCalls: [SCRIPT.call], usage: SCRIPT.usage };
    case 'garbled':
      return { rawBody: GARBLED, headers: { 'content-type': 'application/json' } };
    case 'server-error':
      return { status: 500, text: 'The server had an error processing your request' };
    case 'bad-key':
      return { status: 401, text: 'Invalid API key provided' };
    default:
      throw new Error(`no scenario ${scenario}`);
  }
}

const SDK_FAILURES: ExpectedFailure[] = [
  { scenario: 'server-error', kind: 'http', status: 500, retryable: true, says: 'The server had an error' },
  { scenario: 'bad-key', kind: 'http', status: 401, retryable: false, says: 'Invalid API key' },
];

function sdkAdapter(name: 'openai' | 'anthropic', model: string, keyEnv: string): ContractAdapter {
  let server: FakeModelServer | undefined;
  const baseUrl = () => (name === 'openai' ? server!.openaiBaseUrl : server!.anthropicBaseUrl);
  return {
    name,
    capabilities: { cacheable: true, batchable: true, recorded: false },
    keyEnv,
    reportsUsage: true,
    measuresLatency: true,
    garbled: 'malformed',
    failures: SDK_FAILURES,
    async start() {
      server = await startFakeModelServer();
    },
    stop: () => server!.close(),
    setup(scenario) {
      const reply = brainReply(scenario);
      server!.setBrain(() => reply);
      return { system: makeSystem(`${name}:${model}`, { baseUrl: baseUrl(), tools }), case: plainCase(), env: { [keyEnv]: 'sk-contract-key' }, cwd: process.cwd() };
    },
    unconfigured: () => ({ system: makeSystem(`${name}:${model}`, { baseUrl: 'https://api.example.com/v1', tools }), case: plainCase(), env: {}, cwd: process.cwd() }),
  };
}

// --- exec: and http: speak the same service contract ------------------------------------------

interface ServiceReply {
  status: number;
  body: string;
  delayMs?: number;
}

function serviceReply(scenario: Scenario): ServiceReply {
  const usage = { input_tokens: SCRIPT.usage.input, output_tokens: SCRIPT.usage.output };
  switch (scenario) {
    case 'text':
      return { status: 200, body: JSON.stringify({ text: SCRIPT.text, usage }), delayMs: SCRIPT.delayMs };
    case 'tool':
      // Arguments as a JSON string, the way OpenAI sends them and bots often pass them on.
      return { status: 200, body: JSON.stringify({ text: SCRIPT.toolText, tool_calls: [{ name: SCRIPT.call.name, arguments: JSON.stringify(SCRIPT.call.arguments) }], usage }) };
    case 'garbled':
      return { status: 200, body: GARBLED };
    case 'crash':
    case 'server-error':
      return { status: 500, body: 'internal error: model unavailable' };
    default:
      throw new Error(`no scenario ${scenario}`);
  }
}

const execAdapter: ContractAdapter = {
  name: 'exec',
  capabilities: { cacheable: false, batchable: false, recorded: false },
  reportsUsage: true,
  measuresLatency: true,
  garbled: 'malformed',
  failures: [{ scenario: 'crash', kind: 'other', retryable: false, says: 'exited with code 3' }],
  start: async () => undefined,
  stop: async () => undefined,
  setup(scenario) {
    const reply = serviceReply(scenario);
    const failed = reply.status !== 200;
    const env = {
      ...process.env,
      CONTRACT_STDOUT: failed ? '' : reply.body,
      CONTRACT_STDERR: failed ? `Traceback (most recent call last):\nRuntimeError: ${reply.body}` : '',
      CONTRACT_EXIT: failed ? '3' : '0',
      CONTRACT_DELAY: String(reply.delayMs ?? 0),
    };
    return { system: makeSystem('exec:node contract-bot.mjs', { tools }), case: plainCase(), env, cwd: fixtures };
  },
  unconfigured: () => ({ system: makeSystem('exec:node contract-bot.mjs', { tools }), case: plainCase(), env: {}, cwd: fixtures }),
};

function httpAdapter(): ContractAdapter {
  let server: Server | undefined;
  let reply: ServiceReply = { status: 200, body: '' };
  const id = () => `http:http://127.0.0.1:${(server!.address() as AddressInfo).port}/bot`;
  return {
    name: 'http',
    capabilities: { cacheable: false, batchable: false, recorded: false },
    reportsUsage: true,
    measuresLatency: true,
    garbled: 'malformed',
    failures: [{ scenario: 'server-error', kind: 'http', status: 500, retryable: true, says: 'model unavailable' }],
    async start() {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          JSON.parse(body); // the case arrives as JSON
          const { status, body: answer, delayMs = 0 } = reply;
          setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(answer), delayMs);
        });
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    },
    stop() {
      server!.closeAllConnections();
      return new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    setup(scenario) {
      reply = serviceReply(scenario);
      return { system: makeSystem(id(), { tools }), case: plainCase(), env: {}, cwd: process.cwd() };
    },
    unconfigured: () => ({ system: makeSystem(id(), { tools }), case: plainCase(), env: {}, cwd: process.cwd() }),
  };
}

// --- column: outputs typed into the sheet, in the PM form -------------------------------------

const COLUMN = 'current_behavior';
const CELLS: Record<string, Record<string, string>> = {
  text: { [COLUMN]: SCRIPT.text },
  tool: { [COLUMN]: `${SCRIPT.toolText}\n→ canvas(type: document, title: Printing press)` },
  // parseRecordedOutput never throws: a cell that only looks like broken JSON is what was typed.
  garbled: { [COLUMN]: GARBLED },
  'empty-cell': { [COLUMN]: '   ' },
  'missing-column': { other: SCRIPT.text },
};

const columnAdapter: ContractAdapter = {
  name: 'column',
  capabilities: { cacheable: false, batchable: false, recorded: true },
  reportsUsage: false,
  measuresLatency: false,
  garbled: 'text',
  failures: [
    { scenario: 'empty-cell', kind: 'config', retryable: false, says: `no output recorded in column ${COLUMN}` },
    { scenario: 'missing-column', kind: 'config', retryable: false, says: `no column "${COLUMN}"` },
  ],
  start: async () => undefined,
  stop: async () => undefined,
  setup(scenario) {
    const kase = makeCase({ messages: plainCase().messages, columns: CELLS[scenario] });
    return { system: makeSystem(`column:${COLUMN}`, { tools }), case: kase, env: {}, cwd: process.cwd() };
  },
  unconfigured: () => columnAdapter.setup('text'),
};

export const contractAdapters: ContractAdapter[] = [
  sdkAdapter('openai', 'gpt-4o-mini', 'OPENAI_API_KEY'),
  sdkAdapter('anthropic', 'claude-haiku-4-5', 'ANTHROPIC_API_KEY'),
  execAdapter,
  httpAdapter(),
  columnAdapter,
];
