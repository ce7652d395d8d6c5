// A worker thread of the command line's pool: the app's explore-worker protocol over
// node:worker_threads, running each job with the same code as the page's workers.
import { parentPort } from 'node:worker_threads';
import { runExploreJob } from '../sim/exploreJobs.ts';
import type { FromExploreWorker, ToExploreWorker } from '../sim/protocol.ts';

const port = parentPort;
if (!port) throw new Error('pool.worker.ts runs only as a worker thread');

port.on('message', ({ jobId, job }: ToExploreWorker) => {
  const t0 = performance.now();
  let reply: FromExploreWorker;
  try {
    reply = { type: 'result', jobId, result: runExploreJob(job), computeMs: performance.now() - t0 };
  } catch (err) {
    reply = { type: 'error', jobId, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
