/// <reference lib="webworker" />
// The module worker: all integration happens here, never on the page's thread.
import { FlowSession } from './flowSession.ts';
import { historyTransferables, transferablesOf, type FromWorker, type ToWorker } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new FlowSession((progress) => scope.postMessage(progress));

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const reply: FromWorker | null = session.handle(event.data);
  if (!reply) return;
  if (reply.type === 'frame') scope.postMessage(reply, [...transferablesOf(reply.buffers), ...historyTransferables(reply.history)]);
  else scope.postMessage(reply);
};

scope.postMessage({ type: 'ready' } satisfies FromWorker);
