// The shared log-time axis of the history plots: from the clock's floor to the run's end.
import { T_FLOOR } from '../sim/clock.ts';
import { decadeTicks, type Tick } from './axes.ts';

export const LOG_T_FLOOR = Math.log10(T_FLOOR);

/** log10 t, with t = 0 (the first frame) placed at the floor. */
export function logTime(t: number): number {
  return Math.log10(Math.max(t, T_FLOOR));
}

export function timeDomain(tEnd: number | undefined): [number, number] {
  const hi = tEnd !== undefined && Number.isFinite(tEnd) && tEnd > T_FLOOR ? Math.log10(tEnd) : LOG_T_FLOOR + 4;
  return [LOG_T_FLOOR, hi];
}

export function timeTicks(domain: [number, number]): Tick[] {
  return decadeTicks(domain[0], domain[1], 7);
}

export const TIME_TITLE = 'flow time t (log scale)';
