/// <reference lib="webworker" />
// A worker of the explore pool: runs one job per message (a basin-map slice or one sweep trial).
import { answerJob } from './exploreJobs.ts';
import type { FromExploreWorker, ToExploreWorker } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ToExploreWorker>) => {
  const reply = answerJob(event.data);
  if (reply.type === 'result' && reply.result.kind === 'basin') scope.postMessage(reply, [reply.result.codes.buffer as ArrayBuffer]);
  else scope.postMessage(reply);
};

scope.postMessage({ type: 'ready' } satisfies FromExploreWorker);
