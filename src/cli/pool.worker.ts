// A worker thread of the command line's pool: the app's explore-worker protocol over
// node:worker_threads, running each job with the same code as the page's workers.
import { parentPort } from 'node:worker_threads';
import { answerJob } from '../sim/exploreJobs.ts';
import type { FromExploreWorker, ToExploreWorker } from '../sim/protocol.ts';

const port = parentPort;
if (!port) throw new Error('pool.worker.ts runs only as a worker thread');

port.on('message', (msg: ToExploreWorker) => port.postMessage(answerJob(msg)));
port.postMessage({ type: 'ready' } satisfies FromExploreWorker);
