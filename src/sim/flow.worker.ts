/// <reference lib="webworker" />
// The module worker: all integration happens here, never on the page's thread.
import { FlowSession } from './flowSession.ts';
import { historyTransferables, transferablesOf, type FromWorker, type ToWorker } from './protocol.ts';

/** Longest stretch of idle work (lookahead.ts) before the worker looks for messages again. */
const IDLE_SLICE_MS = 8;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new FlowSession((progress) => scope.postMessage(progress));

// idle work runs in slices queued behind the page's messages: a message posted to a channel of
// our own is a task like the page's requests, with none of setTimeout's clamping
const idleChannel = new MessageChannel();
let idleQueued = false;
const queueIdle = () => {
  if (idleQueued) return;
  idleQueued = true;
  idleChannel.port2.postMessage(null);
};
idleChannel.port1.onmessage = () => {
  idleQueued = false;
  if (session.idle(IDLE_SLICE_MS)) queueIdle();
};

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const reply: FromWorker | null = session.handle(event.data);
  if (reply) {
    if (reply.type === 'frame') scope.postMessage(reply, [...transferablesOf(reply.buffers), ...historyTransferables(reply.history)]);
    else scope.postMessage(reply);
  }
  queueIdle();
};

scope.postMessage({ type: 'ready' } satisfies FromWorker);
