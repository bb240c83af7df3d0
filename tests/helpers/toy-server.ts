import { afterAll, beforeAll } from 'vitest';
import { cleanEnv } from './cli.js';
import { startFakeModelServer, type FakeModelServer } from './fake-model-server.js';
import { canvasBrain, TOY_TRIGGER_IDS } from './toy-brain.js';

/**
 * For a describe block running the toy fixture: a fake model that opens Canvas for the toy's trigger
 * cases, started before its tests and closed after, and the environment that points the CLI at it.
 */
export function useToyModelServer(): { readonly server: FakeModelServer; readonly env: NodeJS.ProcessEnv } {
  const toy = {} as { server: FakeModelServer; env: NodeJS.ProcessEnv };
  beforeAll(async () => {
    toy.server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS));
    toy.env = cleanEnv({ OPENAI_BASE_URL: toy.server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => toy.server.close());
  return toy;
}
