import type { ApiDialect, FakeReply, FakeRequest, Route, RouteContext, RouteResponse } from './types.js';
import { retryAfterHeaders } from './rate-limit.js';
import { estimateTokens } from './shared.js';

/** Turn a brain's reply into an HTTP response in the dialect's wire format. */
export function replyToResponse(dialect: ApiDialect, reply: FakeReply, render: () => unknown): RouteResponse {
  const base = { headers: reply.headers, delayMs: reply.delayMs, destroy: reply.destroy };
  const status = reply.status ?? 200;
  if (reply.rawBody !== undefined) return { ...base, status, rawBody: reply.rawBody };
  if (status >= 400) {
    return { ...base, status, body: reply.errorBody ?? dialect.errorBody(status, reply.text ?? `fake error ${status}`) };
  }
  return { ...base, status, body: render() };
}

/** A synchronous model endpoint: parse the request, ask the brain, answer like the real API. */
export function modelRoute(path: string, dialect: ApiDialect): Route {
  return {
    method: 'POST',
    path,
    async handle(request, context) {
      const parsed = dialect.parse(request.body, request.headers);
      if (typeof parsed === 'string') return { status: 400, body: dialect.errorBody(400, parsed) };
      context.record(parsed);
      const reply = await context.brain()(parsed);
      const limited = context.limiter && limit(context.limiter, dialect, reply, parsed);
      if (limited?.refused) return limited.refused;
      const stated = limited ? { ...reply, headers: { ...limited.headers, ...reply.headers } } : reply;
      return replyToResponse(dialect, stated, () => dialect.render(stated, parsed));
    },
  };
}

/**
 * Count a request against the server's limit: a 429 when it is beyond it, else the limit headers every
 * answer carries. The brain's own errors (scripted 429s, 500s) are not counted but carry the headers too.
 */
function limit(limiter: NonNullable<RouteContext['limiter']>, dialect: ApiDialect, reply: FakeReply, request: FakeRequest): { headers: Record<string, string>; refused?: RouteResponse } {
  if ((reply.status ?? 200) >= 400) return { headers: limiter.headers(dialect.api) };
  const input = reply.usage?.input ?? estimateTokens([request.system ?? '', ...request.messages.map((m) => m.content)].join('\n'));
  const output = reply.usage?.output ?? estimateTokens(reply.text ?? JSON.stringify(reply.toolCalls ?? []));
  const admitted = limiter.admit(input + output);
  const headers = limiter.headers(dialect.api);
  if (admitted.ok) return { headers };
  const message = `Rate limit reached: please try again in ${Math.ceil(admitted.retryAfterMs)}ms.`;
  return { headers, refused: { status: 429, headers: { ...headers, ...retryAfterHeaders(dialect.api, admitted.retryAfterMs) }, body: dialect.errorBody(429, message) } };
}
