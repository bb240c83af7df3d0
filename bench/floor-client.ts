import { spawn } from 'node:child_process';

/**
 * The latency row's floor: the least any client can take against the bench's own server on this machine.
 * A dozen lines of node:http (keep-alive, `concurrency` requests in flight, nothing else: no SDK, no
 * checks, no journal) send the same `n` chat requests; it prints the milliseconds from its first
 * request to its last answer. What it takes over the ideal is the server's timers, loopback and the
 * machine waking two idle processes every round, none of it evals' doing; a reader of the row sees how
 * much of the 5% is left to the harness.
 */
const script = `
const http = require('node:http');
const base = new URL(process.env.FLOOR_BASE_URL);
const [n, concurrency] = [Number(process.env.FLOOR_N), Number(process.env.FLOOR_CONCURRENCY)];
const agent = new http.Agent({ keepAlive: true });
const body = (i) => JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: (i % 2 ? 'Write a long essay' : 'Quick question') + ' number ' + i }] });
const ask = (i) => new Promise((resolve, reject) => {
  const request = http.request({ hostname: base.hostname, port: base.port, path: base.pathname + '/chat/completions', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer floor' } }, (response) => {
    const chunks = [];
    response.on('data', (chunk) => chunks.push(chunk));
    response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
  });
  request.on('error', reject);
  request.end(body(i));
});
let next = 0;
const lane = async () => { while (next < n) await ask(next++); };
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
  process.stdout.write(String(Math.round(performance.now() - started)));
  process.exit(0);
});
`;

/** Milliseconds the floor client took for `n` requests, `concurrency` at a time, against `openaiBaseUrl`. */
export function measureFloorClient(openaiBaseUrl: string, n: number, concurrency: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, FLOOR_BASE_URL: openaiBaseUrl, FLOOR_N: String(n), FLOOR_CONCURRENCY: String(concurrency) };
    const child = spawn(process.execPath, ['-e', script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && /^\d+$/.test(out) ? resolve(Number(out)) : reject(new Error(`floor client exited with ${code}: ${out}`))));
  });
}
