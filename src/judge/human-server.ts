import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '../errors.js';
import { decidedKeys, judgmentsPath, JudgmentsWriter, readJudgments } from './judgments-store.js';
import { humanItems, itemView, raterKey, rubricItemView, rubricRaterKey, shownLeft, type HumanItem } from './human-items.js';
import { rubricItems, type RubricItem } from './rubric-items.js';
import { appendRubricLabel, readRubricLabels } from './rubric-labels.js';
import type { Case } from '../types.js';
import { humanPageHtml } from './human-page.js';
import { raterNameProblem } from './rater-name.js';
import { loadJudgeableRun } from './run-pairs.js';
import { humanJudgeName, type JudgmentRecord, type Winner } from './types.js';

// The local web server behind `evals judge <run> --human`: one page, a tiny JSON API, every
// judgment appended to judgments.jsonl the moment it is posted. Bound to 127.0.0.1 only.

export interface HumanJudgingOptions {
  /** The rater's name; when absent the page asks for it (several raters can share one server). */
  rater?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Project root for rubric paths; default three levels above the run folder. */
  root?: string;
  /** Called after each judgment is stored. */
  onJudgment?: (record: JudgmentRecord) => void;
}

export interface HumanJudging {
  /** The page's address, with `?rater=` when a rater was given. */
  url: string;
  /** Pairs per rater. */
  total: number;
  close(): Promise<void>;
}

type Choice = 'left' | 'right' | 'tie' | 'pass' | 'fail';
const CHOICES: readonly string[] = ['left', 'right', 'tie', 'pass', 'fail'];

/** A pair to judge, or an output to label pass/fail against a rubric (for grader calibration). */
type Item = HumanItem | RubricItem;

function isRubricItem(item: Item): item is RubricItem {
  return 'kind' in item && item.kind === 'rubric';
}

function keyOf(rater: string, item: Item): string {
  return isRubricItem(item) ? rubricRaterKey(rater, item) : raterKey(rater, item);
}
const MAX_BODY = 64 * 1024;

/** A rater name, trimmed; a 400 saying what is wrong with it (shown by the page) when it cannot be used. */
function raterFrom(value: unknown): string {
  const problem = raterNameProblem(value);
  if (problem) throw new HttpError(400, problem);
  return (value as string).trim();
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // Only JSON posts: a form on another site cannot send this content type without CORS consent.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'expected application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'body must be a JSON object');
}

function send(res: ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...headers });
  res.end(body);
}

/** What every rater's page shares: who judged and skipped what, and the journal each judgment goes to. */
interface Session {
  next(rater: string): Record<string, unknown>;
  record(rater: string, item: Item, choice: Choice, comment: string | undefined): void;
  itemFrom(body: Record<string, unknown>): Item;
  skipsOf(rater: string): Set<string>;
}

interface SessionStore {
  runDir: string;
  cases: Map<string, Case>;
  writer: JudgmentsWriter;
  onJudgment: HumanJudgingOptions['onJudgment'];
}

function createSession(items: Item[], judged: Set<string>, { runDir, cases, writer, onJudgment }: SessionStore): Session {
  const byId = new Map(items.map((item) => [item.id, item]));
  const skipped = new Map<string, Set<string>>();

  const progress = (rater: string) => ({ done: items.filter((item) => judged.has(keyOf(rater, item))).length, total: items.length });
  const skipsOf = (rater: string) => skipped.get(rater) ?? skipped.set(rater, new Set()).get(rater)!;

  function next(rater: string): Record<string, unknown> {
    const skips = skipsOf(rater);
    const item = items.find((candidate) => !judged.has(keyOf(rater, candidate)) && !skips.has(candidate.id));
    const skippedLeft = items.filter((candidate) => skips.has(candidate.id) && !judged.has(keyOf(rater, candidate))).length;
    return { progress: progress(rater), skipped: skippedLeft, ...(item ? { item: isRubricItem(item) ? rubricItemView(item, cases.get(item.caseId)!) : itemView(rater, item) } : { done: true }) };
  }

  function record(rater: string, item: HumanItem, choice: Choice, comment: string | undefined): void {
    if (judged.has(keyOf(rater, item))) return; // a double click, or two tabs: the first answer stands
    if (isRubricItem(item)) {
      if (choice !== 'pass' && choice !== 'fail') throw new HttpError(400, 'a rubric item takes pass or fail');
      const { caseId, system, repeat, rubric } = item;
      appendRubricLabel(runDir, { caseId, system, repeat, rubric, pass: choice === 'pass', ...(comment ? { comment } : {}), rater, at: new Date().toISOString() });
      judged.add(keyOf(rater, item));
      skipsOf(rater).delete(item.id);
      return;
    }
    if (choice === 'pass' || choice === 'fail') throw new HttpError(400, 'a pair takes left, right or tie');
    const left = shownLeft(rater, item);
    const right = left === 'a' ? 'b' : 'a';
    const winner: Winner = choice === 'tie' ? 'tie' : choice === 'left' ? left : right;
    const { pair } = item;
    const entry: JudgmentRecord = {
      caseId: pair.case.id,
      repeat: pair.repeat,
      a: pair.a,
      b: pair.b,
      judge: humanJudgeName(rater),
      winner,
      shownLeft: left,
      ...(comment ? { comment } : {}),
      at: new Date().toISOString(),
    };
    writer.append(entry);
    judged.add(keyOf(rater, item));
    skipsOf(rater).delete(item.id);
    onJudgment?.(entry);
  }

  function itemFrom(body: Record<string, unknown>): Item {
    const item = typeof body.id === 'string' ? byId.get(body.id) : undefined;
    if (!item) throw new HttpError(404, 'no such item');
    return item;
  }
  return { next, record, itemFrom, skipsOf };
}

/** One request: the page, the next item for a rater, or a judgment, skip or unskip posted by it. */
async function handle(req: IncomingMessage, res: ServerResponse, origin: string, session: Session, { page, nonce }: { page: string; nonce: string }): Promise<void> {
  // Refuse other host names, so a web page cannot reach this server through DNS rebinding.
  if (req.headers.host !== new URL(origin).host && req.headers.host !== `localhost:${new URL(origin).port}`) throw new HttpError(421, 'wrong host');
  const url = new URL(req.url ?? '/', origin);
  if (req.method === 'GET' && url.pathname === '/') {
    const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`;
    return send(res, 200, page, 'text/html; charset=utf-8', { 'content-security-policy': csp });
  }
  if (req.method === 'GET' && url.pathname === '/api/next') {
    const rater = raterFrom(url.searchParams.get('rater'));
    return send(res, 200, JSON.stringify(session.next(rater)), 'application/json');
  }
  if (req.method === 'POST' && ['/api/judgment', '/api/skip', '/api/unskip'].includes(url.pathname)) {
    const body = await readJson(req);
    const rater = raterFrom(body.rater);
    if (url.pathname === '/api/unskip') session.skipsOf(rater).clear();
    else if (url.pathname === '/api/skip') session.skipsOf(rater).add(session.itemFrom(body).id);
    else {
      const choice = body.choice;
      if (typeof choice !== 'string' || !CHOICES.includes(choice)) throw new HttpError(400, 'choice must be left, right or tie (a pair), or pass or fail (a rubric item)');
      const comment = typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim().slice(0, 4000) : undefined;
      session.record(rater, session.itemFrom(body), choice as Choice, comment);
    }
    return send(res, 200, JSON.stringify(session.next(rater)), 'application/json');
  }
  throw new HttpError(404, 'not found');
}

/** Listen on 127.0.0.1 only; a port taken or refused is the user's to change (ConfigurationError). */
async function listenLocally(server: Server, port: number | undefined): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new ConfigurationError(`port ${port}: ${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}; choose another with --port, or --port 0 for any free port`);
    }
    throw error;
  }
}

/**
 * Serve blind pairwise judging for a stored run on 127.0.0.1 and return its URL. Use from
 * `evals judge --human` (which keeps it open until Ctrl-C) and from tests that drive the page.
 * Throws ConfigurationError when the run has no comparisons.
 */
export async function startHumanJudging(runDir: string, options: HumanJudgingOptions = {}): Promise<HumanJudging> {
  const run = await loadJudgeableRun(runDir, options.root);
  const labels = await rubricItems(run);
  const items: Item[] = [...(await humanItems(run, labels.length)), ...labels];
  const judged = decidedKeys(await readJudgments(runDir));
  for (const label of readRubricLabels(runDir)) judged.add(rubricRaterKey(label.rater, label));
  const writer = new JudgmentsWriter(judgmentsPath(runDir));
  const nonce = randomBytes(16).toString('base64');
  const page = humanPageHtml(nonce);
  const session = createSession(items, judged, { runDir, cases: new Map(run.cases.map((c) => [c.id, c])), writer, onJudgment: options.onJudgment });

  let origin = '';
  const server = createServer((req, res) => {
    handle(req, res, origin, session, { page, nonce }).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent) send(res, status, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }), 'application/json');
    });
  });
  try {
    await listenLocally(server, options.port);
  } catch (error) {
    writer.close();
    throw error;
  }
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // `evals judge --rater` checks the name first; a library caller's bad name leaves the page to ask.
  const rater = raterNameProblem(options.rater) ? undefined : options.rater?.trim();
  return {
    url: `${origin}/${rater ? `?rater=${encodeURIComponent(rater)}` : ''}`,
    total: items.length,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) =>
        server.close(() => {
          writer.close();
          resolve();
        }),
      );
    },
  };
}
