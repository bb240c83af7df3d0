import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { startHumanJudging } from '../../src/judge/human-server.js';
import { writeRunFixture } from '../helpers/run-fixture.js';

function fixture(compare = [{ a: 'new', b: 'old', judge: 'human' }]) {
  return writeRunFixture({ cases: [{ id: 'c1' }, { id: 'c2' }], outputs: { new: { c1: 'N1', c2: null }, old: { c1: 'O1', c2: 'O2' } }, compare });
}

/** A raw request, so tests can send the headers a browser on another site would. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('startHumanJudging', () => {
  it('serves only pairs where both systems answered, on 127.0.0.1, with a strict CSP', async () => {
    const session = await startHumanJudging(fixture().runDir, { rater: 'ana' });
    try {
      expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?rater=ana$/);
      expect(session.total).toBe(1);
      const page = await fetch(session.url);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const next = (await (await fetch(new URL('/api/next?rater=ana', session.url))).json()) as { progress: { total: number }; item: { left: { text: string } } };
      expect(next.progress.total).toBe(1);
      expect(['N1', 'O1']).toContain(next.item.left.text);
    } finally {
      await session.close();
    }
  });

  it('refuses form posts, unknown hosts and unnamed raters', async () => {
    const session = await startHumanJudging(fixture().runDir);
    try {
      const api = new URL('/api/judgment', session.url).toString();
      const form = await send(api, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'rater=x&choice=left' });
      expect(form.status).toBe(415);
      const rebound = await send(session.url, { headers: { host: 'evil.example:80' } });
      expect(rebound.status).toBe(421);
      const unnamed = await send(new URL('/api/next', session.url).toString(), {});
      expect(unnamed).toMatchObject({ status: 400, body: '{"error":"a rater name is required"}' });
    } finally {
      await session.close();
    }
  });

  it('explains a run without comparisons, and a port in use', async () => {
    await expect(startHumanJudging(fixture([]).runDir)).rejects.toThrow(/no comparisons to judge; add e\.g\. "compare:/);
    const first = await startHumanJudging(fixture().runDir);
    try {
      const port = Number(new URL(first.url).port);
      const error = await startHumanJudging(fixture().runDir, { port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toBe(`port ${port}: already in use; choose another with --port, or --port 0 for any free port`);
    } finally {
      await first.close();
    }
  });
});
