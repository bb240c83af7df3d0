import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { BatchCreateParams } from '@anthropic-ai/sdk/resources/messages/batches';
import { anthropicRequestBody, normalizeMessage } from '../providers/anthropic.js';
import { classifySdkError, redact } from '../providers/errors.js';
import { isObject } from '../providers/json-output.js';
import { ProviderError, type ProviderContext } from '../providers/types.js';
import { createAnthropicClient } from '../providers/anthropic-client.js';
import { ANTHROPIC_ENV, clientSettings, endpointOf, transferTimeout, type ClientSettings } from '../providers/sdk-clients.js';
import type { BatchClient, BatchItem, BatchItemResult, BatchState } from './types.js';

// Anthropic's Message Batches API: the Messages bodies normal calls send, as `{custom_id, params}`;
// once the batch has ended its results stream back as JSONL, one line per request, in any order.

const SDK_ERRORS = { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError };

/** One `result` of a results line as an item result. */
export function anthropicResult(result: unknown, secrets: string[] = []): BatchItemResult {
  if (!isObject(result)) return { ok: false, error: { kind: 'malformed', message: 'anthropic batch: malformed result line: no result' } };
  if (result.type === 'succeeded') {
    try {
      return { ok: true, output: normalizeMessage(result.message, 0) };
    } catch (error) {
      if (error instanceof ProviderError) return { ok: false, error: error.info };
      throw error;
    }
  }
  if (result.type === 'errored') {
    const outer = isObject(result.error) ? result.error : {};
    const inner = isObject(outer.error) ? outer.error : outer;
    const message = `anthropic batch: ${String(inner.type ?? 'error')}: ${String(inner.message ?? 'no message')}`;
    return { ok: false, error: { kind: 'other', message: redact(message, secrets) } };
  }
  if (result.type === 'expired') return { ok: false, error: { kind: 'timeout', message: 'anthropic batch: the request expired before it was processed' } };
  return { ok: false, error: { kind: 'other', message: `anthropic batch: the request was ${String(result.type)}` } };
}

/** The Message Batches client for an `anthropic:` system. Use through createBatchClient. */
export function createAnthropicBatchClient(context: ProviderContext): BatchClient {
  let settings: ClientSettings | undefined;
  let sdk: Anthropic | undefined;
  const client = () => {
    settings ??= clientSettings(context.system, context.env, ANTHROPIC_ENV);
    sdk ??= createAnthropicClient(settings);
    return { sdk, settings };
  };
  const entry = (item: BatchItem) => ({ custom_id: item.customId, params: anthropicRequestBody(context.target, item.request, context) });
  // A connection or timeout message names the server that did not answer, as a plain run's does.
  const endpoint = endpointOf(context.system.baseUrl, context.env, ANTHROPIC_ENV);
  const classify = (error: unknown, signal?: AbortSignal) =>
    classifySdkError(error, { sdk: SDK_ERRORS, secrets: [settings?.apiKey], signal, timeoutMs: settings?.timeoutMs ?? 0, label: 'anthropic batch', endpoint });

  return {
    provider: 'anthropic',
    // The documented ceilings are 100,000 requests and 256 MB per batch; keep a margin on bytes.
    limits: { maxItems: 100_000, maxBytes: 250_000_000 },
    measure: (item) => Buffer.byteLength(JSON.stringify(entry(item))) + 1,

    async submit(items, submission, { signal }) {
      const submittedAt = submission.startedAt;
      try {
        const { sdk, settings } = client();
        const requests = items.map(entry) as unknown as BatchCreateParams['requests'];
        const batch = await sdk.messages.batches.create({ requests }, { signal, timeout: transferTimeout(settings) });
        const state: BatchState = { provider: 'anthropic', system: context.system.name, batchId: batch.id, customIds: items.map((i) => i.customId), submittedAt, status: 'submitted' };
        return state;
      } catch (error) {
        throw classify(error, signal);
      }
    },

    async poll(state, signal) {
      try {
        const { sdk, settings } = client();
        const batch = await sdk.messages.batches.retrieve(state.batchId, {}, { signal });
        const c = batch.request_counts;
        const total = c.processing + c.succeeded + c.errored + c.canceled + c.expired;
        const progress = { finished: total - c.processing, total };
        if (batch.processing_status !== 'ended') return { status: 'pending', providerStatus: batch.processing_status, ...progress };
        const results = new Map<string, BatchItemResult>();
        const stream = await sdk.messages.batches.results(state.batchId, {}, { signal, timeout: transferTimeout(settings) });
        for await (const line of stream) results.set(line.custom_id, anthropicResult(line.result, [settings.apiKey]));
        for (const id of state.customIds) {
          if (!results.has(id)) results.set(id, { ok: false, error: { kind: 'other', message: `anthropic batch ${state.batchId} ended without a result for this request` } });
        }
        return { status: 'done', providerStatus: batch.processing_status, ...progress, results };
      } catch (error) {
        throw classify(error, signal);
      }
    },
  };
}
