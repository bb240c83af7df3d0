import type { FakeBrain, FakeModelServer } from '../tests/helpers/fake-model-server.js';

/** A zero-latency brain that keeps no request log: a million recorded requests would weigh on the bench process itself. */
export function forgetfulBrain(server: FakeModelServer, onRequest: () => void = () => {}): FakeBrain {
  return (request) => {
    onRequest();
    server.requests.length = 0;
    const last = request.messages[request.messages.length - 1]?.content ?? '';
    return last.startsWith('Write') ? { toolCalls: [{ name: 'canvas', arguments: { title: 'x' } }], usage: { input: 20, output: 5 } } : { text: 'Short answer.', usage: { input: 20, output: 3 } };
  };
}
