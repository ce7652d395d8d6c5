// Progress of a batch on stderr, with an estimate of the time left: a bar (cli-progress) when
// stderr is a terminal, plain lines otherwise (a log file or a cluster's job output), at most
// one every few seconds so a million-job run does not write a million lines.
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** one more job finished */
  tick(): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5000;

export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** `total` jobs to run in this process (jobs already done before it are not counted). */
export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let done = 0;
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} jobs | {duration_formatted} | ETA {eta_formatted}`,
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(total, 0);
    return {
      tick: () => bar.increment(),
      stop: () => bar.stop(),
    };
  }
  let last = started;
  // the rate is measured from the first finished job on, so thread start-up does not inflate it
  let first = NaN;
  const line = () => {
    const now = performance.now();
    const elapsed = now - started;
    const left = done > 1 ? ((total - done) * (now - first)) / (done - 1) : NaN;
    const eta = done === total ? 'done' : Number.isFinite(left) ? `about ${seconds(left)} left` : 'time left unknown yet';
    stream.write(`${label}: ${done}/${total} jobs (${Math.floor((100 * done) / Math.max(1, total))}%), ${seconds(elapsed)} elapsed, ${eta}\n`);
  };
  return {
    tick: () => {
      done++;
      const now = performance.now();
      if (done === 1) first = now;
      if (now - last >= PLAIN_EVERY_MS && done < total) {
        last = now;
        line();
      }
    },
    stop: line,
  };
}
