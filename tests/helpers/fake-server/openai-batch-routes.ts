import { askBrain, isDoneAt, type FakeBatchControl } from './batch-control.js';
import { replyToResponse } from './model-route.js';
import { openaiDialect } from './openai-dialect.js';
import { fakeId, isObject, type Json } from './shared.js';
import type { FakeBrain, Route, RouteRequest, RouteResponse } from './types.js';

// OpenAI's Batch API as the official SDK uses it: upload a JSONL file (`files.create`, multipart),
// create a batch from it, poll `batches.retrieve`, download `files.content` of the output and
// error files. Each line's body is answered by the brain through the Chat Completions dialect, so a
// batched answer looks exactly like a normal one.

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
  createdAt: number;
}

interface StoredBatch {
  body: Json;
  lines: { custom_id: string; body: unknown }[];
  polls: number;
}

const now = () => Math.floor(Date.now() / 1000);

function error(status: number, message: string): RouteResponse {
  return { status, body: openaiDialect.errorBody(status, message) };
}

function fileObject(file: StoredFile): Json {
  return { id: file.id, object: 'file', bytes: Buffer.byteLength(file.content), created_at: file.createdAt, filename: file.filename, purpose: file.purpose, status: 'processed', status_details: null };
}

/** The named fields of a multipart/form-data body (text only: batch files are JSONL). */
function parseMultipart(request: RouteRequest): Map<string, { filename?: string; value: string }> {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const fields = new Map<string, { filename?: string; value: string }>();
  if (!boundary) return fields;
  for (const part of request.rawBody.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    fields.set(name, { filename, value: part.slice(split + 4).replace(/\r\n$/, '') });
  }
  return fields;
}

/** Parse the input JSONL, or say what the real API would reject. */
function parseInput(content: string): StoredBatch['lines'] | string {
  const lines: StoredBatch['lines'] = [];
  const seen = new Set<string>();
  for (const [index, text] of content.split('\n').entries()) {
    if (!text.trim()) continue;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      return `line ${index + 1}: invalid JSON`;
    }
    if (!isObject(line) || typeof line.custom_id !== 'string') return `line ${index + 1}: custom_id is required`;
    if (line.method !== 'POST' || line.url !== '/v1/chat/completions') return `line ${index + 1}: method must be POST and url /v1/chat/completions`;
    if (seen.has(line.custom_id)) return `line ${index + 1}: duplicate custom_id ${line.custom_id}`;
    seen.add(line.custom_id);
    lines.push({ custom_id: line.custom_id, body: line.body });
  }
  return lines.length ? lines : 'the input file has no requests';
}

/** The OpenAI Batch routes, sharing `control` with the test. */
export function openaiBatchRoutes(control: FakeBatchControl): Route[] {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();

  const storeFile = (purpose: string, filename: string, content: string): StoredFile => {
    const file = { id: fakeId('file-'), filename, purpose, content, createdAt: now() };
    files.set(file.id, file);
    return file;
  };

  /** Run every line through the brain and write the output and error files, once. */
  async function complete(batch: StoredBatch, brain: () => FakeBrain): Promise<void> {
    const output: string[] = [];
    const errors: string[] = [];
    for (const line of batch.lines) {
      const id = fakeId('batch_req_');
      const failure = control.failures.get(line.custom_id);
      if (failure === 'error' || failure === 'expired') {
        const err =
          failure === 'expired'
            ? { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' }
            : { code: 'server_error', message: 'The batch item failed (fake).' };
        errors.push(JSON.stringify({ id, custom_id: line.custom_id, response: null, error: err }));
        continue;
      }
      let status = 500;
      let body: unknown = openaiDialect.errorBody(500, 'The server had an error while processing your request (fake).');
      if (failure !== 'status-500') {
        const parsed = openaiDialect.parse(line.body, {});
        if (typeof parsed === 'string') {
          status = 400;
          body = openaiDialect.errorBody(400, parsed);
        } else {
          const reply = await askBrain(brain(), parsed, control);
          const response = replyToResponse(openaiDialect, reply, () => openaiDialect.render(reply, parsed));
          status = response.status;
          body = response.rawBody ?? response.body;
        }
      }
      const entry = JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: status, request_id: fakeId('req_'), body }, error: null });
      (status === 200 ? output : errors).push(entry);
    }
    const at = now();
    Object.assign(batch.body, {
      status: 'completed',
      in_progress_at: batch.body.in_progress_at ?? at,
      finalizing_at: at,
      completed_at: at,
      output_file_id: output.length ? storeFile('batch_output', `${String(batch.body.id)}_output.jsonl`, output.join('\n') + '\n').id : null,
      error_file_id: errors.length ? storeFile('batch_output', `${String(batch.body.id)}_error.jsonl`, errors.join('\n') + '\n').id : null,
      request_counts: { total: batch.lines.length, completed: output.length, failed: errors.length },
    });
  }

  return [
    {
      method: 'POST',
      path: '/v1/files',
      handle(request) {
        const fields = parseMultipart(request);
        const file = fields.get('file');
        const purpose = fields.get('purpose')?.value;
        if (!file || purpose !== 'batch') return error(400, 'a file and purpose "batch" are required');
        control.counts.filesUploaded += 1;
        return { status: 200, body: fileObject(storeFile('batch', file.filename ?? 'upload.jsonl', file.value)) };
      },
    },
    {
      method: 'POST',
      path: '/v1/batches',
      handle(request) {
        const body = isObject(request.body) ? request.body : {};
        const file = typeof body.input_file_id === 'string' ? files.get(body.input_file_id) : undefined;
        if (!file) return error(400, `no such file: ${String(body.input_file_id)}`);
        if (body.endpoint !== '/v1/chat/completions') return error(400, `unsupported endpoint ${String(body.endpoint)}`);
        if (body.completion_window !== '24h') return error(400, 'completion_window must be 24h');
        const lines = parseInput(file.content);
        if (typeof lines === 'string') return error(400, lines);
        control.counts.batchesCreated += 1;
        const created = now();
        const batch: StoredBatch = {
          polls: 0,
          lines,
          body: {
            id: fakeId('batch_'),
            object: 'batch',
            endpoint: body.endpoint,
            errors: null,
            input_file_id: file.id,
            completion_window: '24h',
            status: 'validating',
            output_file_id: null,
            error_file_id: null,
            created_at: created,
            in_progress_at: null,
            expires_at: created + 86_400,
            finalizing_at: null,
            completed_at: null,
            failed_at: null,
            expired_at: null,
            cancelling_at: null,
            cancelled_at: null,
            request_counts: { total: 0, completed: 0, failed: 0 },
            metadata: isObject(body.metadata) ? body.metadata : null,
          },
        };
        batches.set(String(batch.body.id), batch);
        if (control.loseCreateAnswers > 0) {
          control.loseCreateAnswers -= 1;
          return { status: 200, body: batch.body, destroy: true };
        }
        return { status: 200, body: batch.body };
      },
    },
    {
      method: 'GET',
      path: '/v1/batches',
      handle(request) {
        control.counts.lists += 1;
        if (control.failLists > 0) {
          control.failLists -= 1;
          return { status: 503, headers: { 'retry-after': '0' }, body: openaiDialect.errorBody(503, 'Service unavailable (fake).') };
        }
        // Newest first, a page of `limit` after the `after` cursor, as the API pages.
        const all = [...batches.values()].map((b) => b.body).reverse();
        const after = request.query.get('after');
        const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
        const limit = Number(request.query.get('limit') ?? 20);
        const data = all.slice(start, start + limit);
        const body = { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < all.length };
        return { status: 200, body, delayMs: control.listDelayMs || undefined };
      },
    },
    {
      method: 'DELETE',
      path: '/v1/files/:id',
      handle(request) {
        if (!files.delete(request.params.id)) return error(404, `No such File object: ${request.params.id}`);
        control.counts.filesDeleted += 1;
        return { status: 200, body: { id: request.params.id, object: 'file', deleted: true } };
      },
    },
    {
      method: 'GET',
      path: '/v1/batches/:id',
      async handle(request, context) {
        const batch = batches.get(request.params.id);
        if (!batch) return error(404, `No batch found with id '${request.params.id}'.`);
        control.counts.polls += 1;
        batch.polls += 1;
        if (batch.body.status === 'completed') return { status: 200, body: batch.body };
        if (isDoneAt(batch.polls, control)) await complete(batch, context.brain);
        else if (batch.polls > 1) {
          const done = Math.min(batch.lines.length - 1, Math.floor((batch.lines.length * (batch.polls - 1)) / control.pollsUntilDone));
          Object.assign(batch.body, { status: 'in_progress', in_progress_at: batch.body.in_progress_at ?? now(), request_counts: { total: batch.lines.length, completed: done, failed: 0 } });
        }
        return { status: 200, body: batch.body };
      },
    },
    {
      method: 'GET',
      path: '/v1/files/:id/content',
      handle(request) {
        const file = files.get(request.params.id);
        if (!file) return error(404, `No such File object: ${request.params.id}`);
        control.counts.downloads += 1;
        return { status: 200, rawBody: file.content, headers: { 'content-type': 'application/octet-stream' } };
      },
    },
  ];
}
