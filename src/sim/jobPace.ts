// What a job of the explore pool should take, from the answers so far to work of its class
// (workUnits.ts): the most time per unit of work seen, kept apart for a worker's first job,
// which also compiles the job code (several times a later job's time for small jobs).
import type { ExploreJob } from './protocol.ts';
import { workClass } from './workUnits.ts';

interface Rates {
  /** ms per unit of a worker's first job, and of its later ones (NaN: none seen yet) */
  first: number;
  later: number;
}

export class JobPace {
  private readonly byClass = new Map<string, Rates>();

  /** An answer to `job` (`units` of work) in `computeMs`; `first`: its worker's first job. */
  learn(job: ExploreJob, units: number, computeMs: number, first: boolean): boolean {
    const rates = this.ratesOf(job);
    const rate = Math.max(0, computeMs) / units;
    const key = first ? 'first' : 'later';
    if (rate <= rates[key]) return false;
    rates[key] = rate;
    return true;
  }

  /** Expected ms of `job` (Infinity: nothing of its class has answered yet). */
  expected(job: ExploreJob, units: number, first: boolean): number {
    const { first: f, later: l } = this.ratesOf(job);
    // a first job costs at least what a later one does, a later one at most what a first one
    // does; where only later jobs of the class were seen, the bound's floor covers compiling
    const seen = [f, l].filter((r) => !Number.isNaN(r));
    if (seen.length === 0) return Infinity;
    const rate = first || Number.isNaN(l) ? Math.max(...seen) : l;
    return rate * units;
  }

  private ratesOf(job: ExploreJob): Rates {
    const key = workClass(job);
    let rates = this.byClass.get(key);
    if (!rates) this.byClass.set(key, (rates = { first: NaN, later: NaN }));
    return rates;
  }
}
