import type { ApiDialect, FakeReply, Route, RouteResponse } from './types.js';

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
      return replyToResponse(dialect, reply, () => dialect.render(reply, parsed));
    },
  };
}
