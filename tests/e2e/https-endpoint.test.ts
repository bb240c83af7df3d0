import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyFixtureProject, repoRoot, runCli } from '../helpers/cli.js';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-model-server.js';
import { canvasBrain, TOY_TRIGGER_IDS } from '../helpers/toy-brain.js';

// Real providers are https. The keep-alive fetch the SDKs are given loads node:https (and tls) only for
// the first https URL, so a run against a local http endpoint starts without them: this is the other
// side, an https endpoint through both SDKs, with the certificate checked as for any provider (the test
// certificate is trusted through NODE_EXTRA_CA_CERTS, as a company proxy's would be).

const tlsDir = path.join(repoRoot, 'tests', 'fixtures', 'tls');
const certFile = path.join(tlsDir, 'localhost-cert.pem');

describe('evals run against an https endpoint', () => {
  let server: FakeModelServer;
  beforeAll(async () => {
    server = await startFakeModelServer(canvasBrain(TOY_TRIGGER_IDS), {
      tls: { key: readFileSync(path.join(tlsDir, 'localhost-key.pem'), 'utf8'), cert: readFileSync(certFile, 'utf8') },
    });
  });
  afterAll(() => server.close());

  const env = (extra: Record<string, string> = {}) =>
    cleanEnv({ OPENAI_BASE_URL: server.openaiBaseUrl, OPENAI_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: server.anthropicBaseUrl, ANTHROPIC_API_KEY: 'sk-ant-test', ...extra });

  it.each([
    ['OpenAI', 'openai:fake-gpt'],
    ['Anthropic', 'anthropic:fake-claude'],
  ])('answers every case over TLS through the %s SDK', async (_sdk, provider) => {
    expect(server.openaiBaseUrl.startsWith('https://')).toBe(true);
    const before = server.requests.length;
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', '--json', '--set', `candidate.provider=${provider}`], {
      cwd: copyFixtureProject('toy'),
      env: env({ NODE_EXTRA_CA_CERTS: certFile }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.length - before).toBe(10);
    const [summary] = JSON.parse(result.stdout) as Array<{ systems: Array<{ system: string; results: number; error: number }> }>;
    expect(summary.systems).toEqual([expect.objectContaining({ system: 'candidate', results: 10, error: 0 })]);
  });

  it('checks the certificate: one no authority vouches for errors every case, and says why', async () => {
    const result = await runCli(['run', 'toy', '--systems', 'candidate', '--no-cache', '--max-retries', '0'], { cwd: copyFixtureProject('toy'), env: env() });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/candidate: 10 errored: network: .*self-signed certificate/);
  });
});
