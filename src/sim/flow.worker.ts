/// <reference lib="webworker" />
// The module worker: all integration happens here, never on the page's thread.
import { FlowSession } from './flowSession.ts';
import type { PartLink } from './partsLookahead.ts';
import { sliceQueue } from './slices.ts';
import { historyTransferables, transferablesOf, type FromPart, type FromWorker, type ToWorker } from './protocol.ts';

/** Longest stretch of idle work (lookahead.ts) before the worker looks for messages again. */
const IDLE_SLICE_MS = 8;

const scope = self as unknown as DedicatedWorkerGlobalScope;

/**
 * Part workers for online SGD (partsLookahead.ts): as many as the cores less this one, at least
 * two and at most four, made on the first run that uses them and kept for the next. None where
 * workers cannot start workers or there is one core: the fork then steps in this worker's idle
 * time.
 */
let links: PartLink[] | null = null;
function openParts(): PartLink[] {
  if (links) return links;
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  if (typeof Worker === 'undefined' || cores < 2) return (links = []);
  const count = Math.min(4, Math.max(2, cores - 1));
  let workers: Worker[];
  try {
    workers = Array.from({ length: count }, () => new Worker(new URL('./part.worker.ts', import.meta.url), { type: 'module' }));
  } catch {
    return (links = []);
  }
  const close = () => {
    for (const w of workers) w.terminate();
    if (links === opened) links = null;
  };
  const opened: PartLink[] = workers.map((worker, part) => {
    worker.onmessage = (event: MessageEvent<FromPart>) => {
      session.partMessage(part, event.data);
      queueIdle();
    };
    // a part worker that cannot run: this run's fork steps here from now on, and so do the next runs'
    worker.onerror = (event) => {
      event.preventDefault();
      close();
      links = [];
      session.partMessage(part, { type: 'part-error', generation: -1, message: event.message || 'a part worker failed' });
      queueIdle();
    };
    return { post: (msg) => worker.postMessage(msg), close };
  });
  return (links = opened);
}

function send(msg: FromWorker): void {
  if (msg.type === 'frame') scope.postMessage(msg, [...transferablesOf(msg.buffers), ...historyTransferables(msg.history)]);
  else scope.postMessage(msg);
}

const session = new FlowSession(send, undefined, openParts);

/** How often a frame waiting for the part workers looks again (a silent part is noticed so). */
const WAIT_TICK_MS = 100;
let waitTimer: ReturnType<typeof setInterval> | null = null;
function watchWaiting(): void {
  if (!session.isWaiting || waitTimer !== null) return;
  waitTimer = setInterval(() => {
    session.tick();
    if (!session.isWaiting && waitTimer !== null) {
      clearInterval(waitTimer);
      waitTimer = null;
    }
  }, WAIT_TICK_MS);
}

// idle work runs in slices queued behind the page's messages
const queueIdle = sliceQueue(() => session.idle(IDLE_SLICE_MS));

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const reply: FromWorker | null = session.handle(event.data);
  if (reply) send(reply);
  watchWaiting();
  queueIdle();
};

scope.postMessage({ type: 'ready' } satisfies FromWorker);
