/// <reference lib="webworker" />
// The module worker: all integration happens here, never on the page's thread.
import { FlowSession } from './flowSession.ts';
import { historyTransferables, transferablesOf, type FromWorker, type ToWorker } from './protocol.ts';

const session = new FlowSession();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const reply: FromWorker | null = session.handle(event.data);
  if (!reply) return;
  if (reply.type === 'frame') scope.postMessage(reply, [...transferablesOf(reply.buffers), ...historyTransferables(reply.history)]);
  else scope.postMessage(reply);
};
