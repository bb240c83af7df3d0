import { anthropicDialect } from './anthropic-dialect.js';
import { askBrain, isDoneAt, origin, type FakeBatchControl } from './batch-control.js';
import { replyToResponse } from './model-route.js';
import { errorType, fakeId, isObject, type Json } from './shared.js';
import type { FakeBrain, FakeRequest, Route, RouteResponse } from './types.js';

// Anthropic's Message Batches API as the official SDK uses it: `messages.batches.create` with
// `{requests: [{custom_id, params}]}`, `retrieve` until `processing_status` is `ended`, then
// `results()`, which fetches `results_url` as JSONL. Each item's params go through the Messages
// dialect and the brain, so a batched message looks exactly like a normal one.

interface StoredBatch {
  body: Json;
  items: { custom_id: string; request: FakeRequest }[];
  polls: number;
  /** JSONL, written once when the batch ends. */
  results?: string;
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

function error(status: number, message: string): RouteResponse {
  return { status, body: anthropicDialect.errorBody(status, message) };
}

function errored(status: number, message: string): Json {
  return { type: 'errored', error: { type: 'error', error: { type: errorType(status), message }, request_id: fakeId('req_') } };
}

/** The Anthropic Message Batches routes, sharing `control` with the test. */
export function anthropicBatchRoutes(control: FakeBatchControl): Route[] {
  const batches = new Map<string, StoredBatch>();

  async function complete(batch: StoredBatch, brain: FakeBrain, base: string): Promise<void> {
    const lines: string[] = [];
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for (const item of batch.items) {
      const failure = control.failures.get(item.custom_id);
      let result: Json;
      if (failure === 'expired') result = { type: 'expired' };
      else if (failure) result = errored(500, 'Internal server error (fake batch item failure).');
      else {
        const reply = await askBrain(brain, item.request, control);
        const response = replyToResponse(anthropicDialect, reply, () => anthropicDialect.render(reply, item.request));
        result = response.status === 200 && response.body !== undefined ? { type: 'succeeded', message: response.body } : errored(response.status, reply.text ?? `fake error ${response.status}`);
      }
      counts[result.type === 'succeeded' ? 'succeeded' : result.type === 'expired' ? 'expired' : 'errored'] += 1;
      lines.push(JSON.stringify({ custom_id: item.custom_id, result }));
    }
    batch.results = lines.join('\n') + '\n';
    Object.assign(batch.body, {
      processing_status: 'ended',
      ended_at: new Date().toISOString(),
      request_counts: counts,
      results_url: `${base}/v1/messages/batches/${String(batch.body.id)}/results`,
    });
  }

  return [
    {
      method: 'POST',
      path: '/v1/messages/batches',
      handle(request) {
        const body = isObject(request.body) ? request.body : {};
        if (!Array.isArray(body.requests) || body.requests.length === 0) return error(400, 'requests: Field required');
        const items: StoredBatch['items'] = [];
        const seen = new Set<string>();
        for (const [index, entry] of body.requests.entries()) {
          if (!isObject(entry) || typeof entry.custom_id !== 'string' || !CUSTOM_ID.test(entry.custom_id)) {
            return error(400, `requests.${index}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
          }
          if (seen.has(entry.custom_id)) return error(400, `requests.${index}.custom_id: duplicate custom_id ${entry.custom_id}`);
          seen.add(entry.custom_id);
          const parsed = anthropicDialect.parse(entry.params, request.headers);
          if (typeof parsed === 'string') return error(400, `requests.${index}.params.${parsed}`);
          items.push({ custom_id: entry.custom_id, request: parsed });
        }
        control.counts.batchesCreated += 1;
        const created = new Date();
        const batch: StoredBatch = {
          polls: 0,
          items,
          body: {
            id: fakeId('msgbatch_'),
            type: 'message_batch',
            processing_status: 'in_progress',
            request_counts: { processing: items.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
            ended_at: null,
            created_at: created.toISOString(),
            expires_at: new Date(created.getTime() + 86_400_000).toISOString(),
            archived_at: null,
            cancel_initiated_at: null,
            results_url: null,
          },
        };
        batches.set(String(batch.body.id), batch);
        return { status: 200, body: batch.body };
      },
    },
    {
      method: 'GET',
      path: '/v1/messages/batches/:id',
      async handle(request, context) {
        const batch = batches.get(request.params.id);
        if (!batch) return error(404, `No batch found with id '${request.params.id}'.`);
        control.counts.polls += 1;
        batch.polls += 1;
        if (!batch.results && isDoneAt(batch.polls, control)) await complete(batch, context.brain(), origin(request.headers));
        return { status: 200, body: batch.body };
      },
    },
    {
      method: 'GET',
      path: '/v1/messages/batches/:id/results',
      handle(request) {
        const batch = batches.get(request.params.id);
        if (!batch) return error(404, `No batch found with id '${request.params.id}'.`);
        if (!batch.results) return error(400, `Batch ${request.params.id} has not ended yet.`);
        control.counts.downloads += 1;
        return { status: 200, rawBody: batch.results, headers: { 'content-type': 'application/binary' } };
      },
    },
  ];
}
