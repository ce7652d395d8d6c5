// A pool of explore workers sized to the machine. Batches of jobs share one FIFO queue; each
// worker holds one job at a time, so the page only ever merges one small result per message.
// Cancelling a batch drops its queued jobs and replaces the workers busy with it, so a
// superseded basin map never delays the next one.
// A worker that crashes, exits or stays silent longer than its job can take (supervisor.ts) is
// replaced and its job handed out again: every job's result depends on the job alone, so the
// batch's answers are the same. A job that loses its worker twice fails its batch.
import { jobName } from './jobName.ts';
import { JobPace } from './jobPace.ts';
import type { ExploreJob, ExploreResult, FromExploreWorker, ToExploreWorker } from './protocol.ts';
import { realTimers, seconds, Watchdog, type Timers } from './supervisor.ts';
import { jobUnits } from './workUnits.ts';

export interface PoolWorker {
  postMessage(msg: ToExploreWorker): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromExploreWorker>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

export const MAX_POOL_SIZE = 8;

/**
 * One worker per core but one, clamped to [1, MAX_POOL_SIZE] (1 when the count is unknown or
 * nonsense): the spared core keeps the page's own thread (and the flow worker) responsive
 * while a sweep saturates the others.
 */
export function poolSize(hardwareConcurrency: number | undefined): number {
  const n = Math.floor(Number(hardwareConcurrency));
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.max(1, Math.min(MAX_POOL_SIZE, n - 1));
}

export interface BatchHandlers {
  onResult(result: ExploreResult, index: number, computeMs: number): void;
  /** every job has answered */
  onDone(): void;
  /** a job threw, or lost its worker twice; the batch is cancelled */
  onError(message: string): void;
}

export interface BatchHandle {
  cancel(): void;
  readonly total: number;
}

export interface PoolOptions {
  timers?: Timers;
  /** how messages name one worker ("an explore worker", "a worker thread") */
  workerName?: string;
  /** a worker was lost while busy and its job is handed out again */
  onRetry?(message: string): void;
}

/** A job runs again once after losing its worker; the second loss fails its batch. */
const LOSSES_TO_FAIL = 2;

interface Batch {
  id: number;
  jobs: ExploreJob[];
  next: number;
  /** jobs whose worker was lost, to hand out before new ones */
  again: number[];
  losses: Uint8Array;
  answered: number;
  handlers: BatchHandlers;
  live: boolean;
  /** each job's units of work (workUnits.ts), NaN until asked */
  units: Float64Array;
}

interface Slot {
  worker: PoolWorker;
  watchdog: Watchdog;
  /** its worker has not answered a job yet */
  fresh: boolean;
  busy: { batch: Batch; index: number; jobId: number } | null;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly batches: Batch[] = [];
  private batchId = 0;
  private jobId = 0;
  /** what each class of work has taken here: every batch of it is bounded once one job has answered */
  private readonly pace = new JobPace();
  private readonly timers: Timers;
  private readonly workerName: string;

  constructor(
    private readonly createWorker: () => PoolWorker,
    readonly size: number,
    private readonly options: PoolOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.workerName = options.workerName ?? 'an explore worker';
  }

  /** Queues a batch; results arrive in completion order with the job's index. */
  run(jobs: ExploreJob[], handlers: BatchHandlers): BatchHandle {
    const batch: Batch = {
      id: ++this.batchId, jobs, next: 0, again: [], losses: new Uint8Array(jobs.length), answered: 0, handlers, live: true,
      units: new Float64Array(jobs.length).fill(NaN),
    };
    if (jobs.length === 0) {
      queueMicrotask(() => batch.live && handlers.onDone());
    } else this.batches.push(batch);
    this.pump();
    return { cancel: () => this.cancel(batch), total: jobs.length };
  }

  /** Workers alive right now (they are started on demand). */
  get workers(): number {
    return this.slots.length;
  }

  dispose(): void {
    for (const b of [...this.batches]) this.cancel(b);
    for (const s of this.slots) {
      s.watchdog.dispose();
      s.worker.terminate();
    }
    this.slots.length = 0;
  }

  private cancel(batch: Batch): void {
    if (!batch.live) return;
    batch.live = false;
    const i = this.batches.indexOf(batch);
    if (i >= 0) this.batches.splice(i, 1);
    for (const slot of this.slots) {
      if (slot.busy?.batch === batch) this.replace(slot);
    }
    this.pump();
  }

  private replace(slot: Slot): void {
    slot.watchdog.dispose();
    slot.worker.onmessage = null;
    slot.worker.onerror = null;
    slot.worker.terminate();
    slot.busy = null;
    this.spawn(slot);
  }

  private spawn(slot: Slot): void {
    const w = this.createWorker();
    slot.worker = w;
    slot.fresh = true;
    slot.watchdog = new Watchdog(this.timers, (silent) => this.lose(slot, `${this.workerName} did not answer for ${seconds(silent)}`));
    w.onmessage = (ev) => {
      slot.watchdog.heard();
      this.receive(slot, ev.data);
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.lose(slot, `${this.workerName} crashed: ${ev.message || 'unknown error'}`);
    };
  }

  /** The slot's worker is gone: a fresh one takes its place, and its job runs again (once). */
  private lose(slot: Slot, message: string): void {
    const busy = slot.busy;
    this.replace(slot);
    if (busy && busy.batch.live) {
      const { batch, index } = busy;
      if (++batch.losses[index] >= LOSSES_TO_FAIL) {
        this.fail(batch, `${jobName(batch.jobs[index])} lost its worker twice (${message})`);
      } else {
        this.options.onRetry?.(`${message}; ${jobName(batch.jobs[index])} runs again on a new worker`);
        batch.again.push(index);
        if (!this.batches.includes(batch)) this.batches.unshift(batch);
      }
    }
    this.pump();
  }

  private nextJob(): { batch: Batch; index: number } | null {
    while (this.batches.length > 0) {
      const b = this.batches[0];
      if (b.again.length > 0) return { batch: b, index: b.again.shift()! };
      if (b.next < b.jobs.length) return { batch: b, index: b.next++ };
      // every job handed out: the batch leaves the queue but stays live until answered
      this.batches.shift();
    }
    return null;
  }

  private pump(): void {
    for (;;) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.size && this.hasQueued()) {
        const fresh = { busy: null } as Slot;
        this.spawn(fresh);
        this.slots.push(fresh);
        slot = fresh;
      }
      if (!slot) return;
      const job = this.nextJob();
      if (!job) return;
      const jobId = ++this.jobId;
      slot.busy = { ...job, jobId };
      slot.worker.postMessage({ type: 'job', jobId, job: job.batch.jobs[job.index] });
      this.bound(slot);
    }
  }

  private hasQueued(): boolean {
    return this.batches.some((b) => b.again.length > 0 || b.next < b.jobs.length);
  }

  private unitsOf(batch: Batch, index: number): number {
    if (Number.isNaN(batch.units[index])) batch.units[index] = Math.max(1, jobUnits(batch.jobs[index]));
    return batch.units[index];
  }

  /** The busy slot's worker is silent for no longer than its job should take. */
  private bound(slot: Slot): void {
    const { batch, index } = slot.busy!;
    slot.watchdog.wait(this.pace.expected(batch.jobs[index], this.unitsOf(batch, index), slot.fresh));
  }

  /** An answer times its class of work: the jobs still running get their bound (or a longer one). */
  private measure(batch: Batch, index: number, computeMs: number, first: boolean): void {
    if (!this.pace.learn(batch.jobs[index], this.unitsOf(batch, index), computeMs, first)) return;
    for (const s of this.slots) if (s.busy) this.bound(s);
  }

  private receive(slot: Slot, msg: FromExploreWorker): void {
    if (msg.type === 'ready') return;
    const busy = slot.busy;
    if (!busy || busy.jobId !== msg.jobId) return;
    slot.busy = null;
    slot.watchdog.idle();
    const first = slot.fresh;
    slot.fresh = false;
    const { batch, index } = busy;
    if (batch.live) {
      if (msg.type === 'error') this.fail(batch, msg.message);
      else {
        batch.answered++;
        this.measure(batch, index, msg.computeMs, first);
        batch.handlers.onResult(msg.result, index, msg.computeMs);
        if (batch.answered === batch.jobs.length && batch.live) {
          batch.live = false;
          batch.handlers.onDone();
        }
      }
    }
    this.pump();
  }

  private fail(batch: Batch, message: string): void {
    if (!batch.live) return;
    this.cancel(batch);
    batch.handlers.onError(message);
  }
}
