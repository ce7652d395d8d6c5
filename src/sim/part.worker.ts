/// <reference lib="webworker" />
// A part worker (partSession.ts), started by the flow worker: some neurons of an online SGD run,
// stepped ahead on a core of their own.
import { PartSession } from './partSession.ts';
import type { FromPart, ToPart } from './protocol.ts';
import { sliceQueue } from './slices.ts';

/** Longest stretch of stepping before the worker looks for messages again. */
const SLICE_MS = 20;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new PartSession((msg: FromPart) => {
  if (msg.type === 'part-saved') scope.postMessage(msg, [msg.state.bytes.buffer as ArrayBuffer]);
  else scope.postMessage(msg);
});

// steps in slices queued behind the flow worker's messages
const queueSlice = sliceQueue(() => session.work(SLICE_MS));

scope.onmessage = (event: MessageEvent<ToPart>) => {
  session.handle(event.data);
  queueSlice();
};
