/// <reference lib="webworker" />
// A worker of the explore pool: runs one job per message (a basin-map slice or one sweep trial).
import { runExploreJob } from './exploreJobs.ts';
import type { FromExploreWorker, ToExploreWorker } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ToExploreWorker>) => {
  const { jobId, job } = event.data;
  const t0 = performance.now();
  let reply: FromExploreWorker;
  try {
    reply = { type: 'result', jobId, result: runExploreJob(job), computeMs: performance.now() - t0 };
  } catch (err) {
    reply = { type: 'error', jobId, message: err instanceof Error ? err.message : String(err) };
  }
  if (reply.type === 'result' && reply.result.kind === 'basin') scope.postMessage(reply, [reply.result.codes.buffer as ArrayBuffer]);
  else scope.postMessage(reply);
};
