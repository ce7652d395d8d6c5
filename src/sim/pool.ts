// A pool of explore workers sized to the machine. Batches of jobs share one FIFO queue; each
// worker holds one job at a time, so the page only ever merges one small result per message.
// Cancelling a batch drops its queued jobs and replaces the workers busy with it, so a
// superseded basin map never delays the next one.
import type { ExploreJob, ExploreResult, FromExploreWorker, ToExploreWorker } from './protocol.ts';

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
  /** a job threw or its worker died; the batch is cancelled */
  onError(message: string): void;
}

export interface BatchHandle {
  cancel(): void;
  readonly total: number;
}

interface Batch {
  id: number;
  jobs: ExploreJob[];
  next: number;
  answered: number;
  handlers: BatchHandlers;
  live: boolean;
}

interface Slot {
  worker: PoolWorker;
  busy: { batch: Batch; index: number; jobId: number } | null;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly batches: Batch[] = [];
  private batchId = 0;
  private jobId = 0;

  constructor(
    private readonly createWorker: () => PoolWorker,
    readonly size: number,
  ) {}

  /** Queues a batch; results arrive in completion order with the job's index. */
  run(jobs: ExploreJob[], handlers: BatchHandlers): BatchHandle {
    const batch: Batch = { id: ++this.batchId, jobs, next: 0, answered: 0, handlers, live: true };
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
    for (const s of this.slots) s.worker.terminate();
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
    slot.worker.onmessage = null;
    slot.worker.onerror = null;
    slot.worker.terminate();
    slot.busy = null;
    slot.worker = this.spawn(slot);
  }

  private spawn(slot: Slot): PoolWorker {
    const w = this.createWorker();
    w.onmessage = (ev) => this.receive(slot, ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      const busy = slot.busy;
      this.replace(slot);
      if (busy) this.fail(busy.batch, `an explore worker crashed: ${ev.message || 'unknown error'}`);
      this.pump();
    };
    return w;
  }

  private nextJob(): { batch: Batch; index: number } | null {
    while (this.batches.length > 0) {
      const b = this.batches[0];
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
        const fresh: Slot = { worker: null as unknown as PoolWorker, busy: null };
        fresh.worker = this.spawn(fresh);
        this.slots.push(fresh);
        slot = fresh;
      }
      if (!slot) return;
      const job = this.nextJob();
      if (!job) return;
      const jobId = ++this.jobId;
      slot.busy = { ...job, jobId };
      slot.worker.postMessage({ type: 'job', jobId, job: job.batch.jobs[job.index] });
    }
  }

  private hasQueued(): boolean {
    return this.batches.some((b) => b.next < b.jobs.length);
  }

  private receive(slot: Slot, msg: FromExploreWorker): void {
    const busy = slot.busy;
    if (!busy || busy.jobId !== msg.jobId) return;
    slot.busy = null;
    const { batch, index } = busy;
    if (batch.live) {
      if (msg.type === 'error') this.fail(batch, msg.message);
      else {
        batch.answered++;
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
