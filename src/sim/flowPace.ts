// How long the flow worker's silences are expected to be, learned from its own timings: a
// configure takes what the last one of the same dynamics took, scaled by the model's size; a
// frame or a seek is cut into pieces (flowSession.ts), so what matters there is the longest
// piece this run has shown. The page's deadline is a multiple of these (supervisor.ts).
import { dynamicsKind, type DynamicsKind } from '../core/dynamics/kind.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { specUnits } from './workUnits.ts';

/**
 * A run's first steps, before any of them has been timed, against its configure: up to about
 * 4× (compiling the step code and the integrator's first short steps; measured for each dynamics
 * from n = 300 to n = 30000 at k = 16; more only where the configure took a few ms).
 */
const FIRST_STEPS = 4;

export class FlowPace {
  /** the last configure of each dynamics: its time and its size */
  private readonly configures = new Map<DynamicsKind, { ms: number; units: number }>();
  private spec: ModelSpec | null = null;
  private configureMs = NaN;
  /** whether this run has taken a step, and its longest piece of work since */
  private stepped = false;
  private longest = 0;
  /** what the worker may still be busy with when this run was configured */
  private carried = 0;

  /** A new run is configured while the worker may still be on the last one's configure or frame. */
  startRun(spec: ModelSpec, previous: 'idle' | 'configuring' | 'computing'): void {
    this.carried = previous === 'configuring' ? this.configureExpected() : previous === 'computing' ? this.pieceMs() : 0;
    this.spec = spec;
    this.configureMs = NaN;
    this.stepped = false;
    this.longest = 0;
  }

  /** The worker's time for this run's configure (absent from workers that do not say). */
  configured(ms: number | undefined): void {
    if (!this.spec || ms === undefined || !(ms >= 0)) return;
    this.configureMs = ms;
    this.configures.set(dynamicsKind(this.spec), { ms, units: specUnits(this.spec) });
  }

  /** A piece of this run's work took `ms`, reaching time t (t = 0: the start, no step taken). */
  piece(ms: number, t: number): void {
    if (!(t > 0)) return;
    this.stepped = true;
    if (ms > this.longest) this.longest = ms;
  }

  /** Expected silence until this run is configured (Infinity: this dynamics has never been timed). */
  configureExpected(): number {
    if (!this.spec) return Infinity;
    const last = this.configures.get(dynamicsKind(this.spec));
    if (!last) return Infinity;
    return this.carried + last.ms * Math.max(1, specUnits(this.spec) / last.units);
  }

  /** Expected silence while a frame, a seek or a redraw of this run is awaited. */
  pieceMs(): number {
    if (this.stepped) return this.longest;
    return Number.isFinite(this.configureMs) ? FIRST_STEPS * this.configureMs : Infinity;
  }
}
