import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from 'openai';
import { classifySdkError, redact } from '../providers/errors.js';
import { isObject, type Json } from '../providers/json-output.js';
import { normalizeChatCompletion, openaiRequestBody } from '../providers/openai.js';
import { ProviderError, type ProviderContext } from '../providers/types.js';
import { readJsonLines } from './jsonl-stream.js';
import { createOpenAIClient } from '../providers/openai-client.js';
import { clientSettings, endpointOf, OPENAI_ENV, transferTimeout, type ClientSettings } from '../providers/sdk-clients.js';
import type { BatchClient, BatchItem, BatchItemResult, BatchPoll, BatchState, Submission } from './types.js';

// OpenAI's Batch API: the Chat Completions bodies normal calls send, as lines of an uploaded JSONL
// file; results come back as output and error files, one line per request, in any order.

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };
const ENDPOINT = '/v1/chat/completions';
const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);
/** How far back, before a submission started, to look for its batch (clock skew between us and the API). */
const RECOVER_MARGIN_S = 600;

/** The API's error text inside a response body (`{error: {message}}`), else a short description. */
function bodyMessage(body: unknown): string {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  if (error && typeof error.message === 'string') return error.message;
  return typeof body === 'string' ? body.slice(0, 200) : 'no error message';
}

/** One line of an output or error file as an item result. */
export function openaiLineResult(line: Json, secrets: string[] = []): BatchItemResult {
  if (isObject(line.error)) {
    const { code, message } = line.error;
    return { ok: false, error: { kind: 'other', message: redact(`openai batch: ${String(code ?? 'error')}: ${String(message ?? 'no message')}`, secrets) } };
  }
  const response = isObject(line.response) ? line.response : undefined;
  if (!response) return { ok: false, error: { kind: 'malformed', message: 'openai batch: malformed result line: no response and no error' } };
  const status = typeof response.status_code === 'number' ? response.status_code : 0;
  if (status !== 200) {
    const message = redact(`openai batch: HTTP ${status}: ${bodyMessage(response.body)}`, secrets);
    return { ok: false, error: { kind: status === 429 ? 'rate-limit' : 'http', message, status } };
  }
  try {
    return { ok: true, output: normalizeChatCompletion(response.body, 0) };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, error: error.info };
    throw error;
  }
}

function stateOf(batchId: string, inputFileId: string, submission: Submission): BatchState {
  return { provider: 'openai', system: submission.system, batchId, inputFileId, customIds: submission.customIds, submittedAt: submission.startedAt, status: 'submitted' };
}

/** The Batch API client for an `openai:` system. Use through createBatchClient. */
export function createOpenAIBatchClient(context: ProviderContext): BatchClient {
  let settings: ClientSettings | undefined;
  let sdk: OpenAI | undefined;
  const client = () => {
    settings ??= clientSettings(context.system, context.env, OPENAI_ENV);
    sdk ??= createOpenAIClient(settings, context.env);
    return { sdk, settings };
  };
  const encode = (item: BatchItem) => JSON.stringify({ custom_id: item.customId, method: 'POST', url: ENDPOINT, body: openaiRequestBody(context.target, item.request, context) });
  // A connection or timeout message names the server that did not answer, as a plain run's does.
  const endpoint = endpointOf(context.system.baseUrl, context.env, OPENAI_ENV);
  const classify = (error: unknown, signal?: AbortSignal) =>
    classifySdkError(error, { sdk: SDK_ERRORS, secrets: [settings?.apiKey], signal, timeoutMs: settings?.timeoutMs ?? 0, label: 'openai batch', endpoint });

  return {
    provider: 'openai',
    // The documented ceilings are 50,000 requests and a 200 MB file; keep a margin on bytes.
    limits: { maxItems: 50_000, maxBytes: 190_000_000 },
    measure: (item) => Buffer.byteLength(encode(item)) + 1,

    async submit(items, submission, { signal, onUploaded }) {
      try {
        const { sdk, settings } = client();
        const jsonl = Buffer.from(items.map(encode).join('\n') + '\n');
        const file = await sdk.files.create({ file: await toFile(jsonl, 'evals-batch.jsonl', { type: 'application/jsonl' }), purpose: 'batch' }, { signal, timeout: transferTimeout(settings) });
        onUploaded?.(file.id);
        const batch = await sdk.batches.create(
          { input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h', metadata: { source: 'evals', system: context.system.name, submission: submission.tag } },
          { signal },
        );
        return stateOf(batch.id, file.id, submission);
      } catch (error) {
        throw classify(error, signal);
      }
    },

    async recover(submission, signal) {
      try {
        const { sdk } = client();
        const since = Date.parse(submission.startedAt) / 1000 - RECOVER_MARGIN_S;
        // Newest first: stop at batches older than the submission.
        for await (const batch of sdk.batches.list({ limit: 100 }, { signal })) {
          if (batch.metadata?.submission === submission.tag) return stateOf(batch.id, batch.input_file_id, submission);
          if (batch.created_at < since) break;
        }
        if (submission.inputFileId) await sdk.files.delete(submission.inputFileId, { signal }).catch(() => undefined);
        return undefined;
      } catch (error) {
        throw classify(error, signal);
      }
    },

    async tidy(state) {
      if (state.inputFileId)
        await client()
          .sdk.files.delete(state.inputFileId)
          .catch(() => undefined);
    },

    async poll(state, signal) {
      try {
        const { sdk, settings } = client();
        return await pollBatch(sdk, settings, state, signal);
      } catch (error) {
        throw classify(error, signal);
      }
    },
  };
}

/**
 * One look at a batch: its progress while it runs; once it has ended, every request's result, read
 * from the output and error files, and an error for each request the batch ended without answering.
 */
async function pollBatch(sdk: OpenAI, settings: ClientSettings, state: BatchState, signal: AbortSignal | undefined): Promise<BatchPoll> {
  const batch = await sdk.batches.retrieve(state.batchId, { signal });
  const counts = batch.request_counts;
  const progress = counts ? { finished: counts.completed + counts.failed, total: counts.total } : {};
  if (!TERMINAL.has(batch.status)) return { status: 'pending', providerStatus: batch.status, ...progress };
  const results = new Map<string, BatchItemResult>();
  for (const fileId of [batch.output_file_id, batch.error_file_id]) {
    if (!fileId) continue;
    const response = await sdk.files.content(fileId, { signal, timeout: transferTimeout(settings) });
    for await (const line of readJsonLines(response.body)) {
      if (isObject(line) && typeof line.custom_id === 'string') results.set(line.custom_id, openaiLineResult(line, [settings.apiKey]));
    }
  }
  const why = batch.errors?.data
    ?.map((e) => e.message)
    .filter(Boolean)
    .join('; ');
  for (const id of state.customIds) {
    if (results.has(id)) continue;
    const message = `openai batch ${state.batchId} ended "${batch.status}" without a result for this request${why ? `: ${why}` : ''}`;
    results.set(id, { ok: false, error: { kind: batch.status === 'expired' ? 'timeout' : 'other', message: redact(message, [settings.apiKey]) } });
  }
  return { status: 'done', providerStatus: batch.status, ...progress, results };
}
