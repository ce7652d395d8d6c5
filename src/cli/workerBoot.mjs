// Entry of the command line's worker threads. A worker does not inherit tsx's module hooks from
// the thread that started it, and `--import tsx` in a worker's execArgv is not applied to its
// entry module on Node 20, so the hooks are registered here before the TypeScript entry loads.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
