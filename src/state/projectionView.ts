// The 3-D projection the page's view shows (k > 3), apart from the run: which one the worker
// last drew (its arrows and note), whether the grand tour is turning, and where along its path
// it is. The phase changes every animation frame while turning, so it lives outside any store.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ProjectionView } from '../sim/protocol.ts';
import { getAppStore } from './store.ts';

/** Legs of the grand tour per second: one new random view every 10 s (slow enough to follow). */
export const TOUR_SPEED = 0.1;
/** How far one press of a turn button (or key) moves along the tour. */
export const TOUR_STEP = 0.1;

export interface ProjectionState {
  /** the run the view belongs to, and the projection its latest frame is drawn in */
  runId: number;
  view: ProjectionView | null;
  /** the grand tour is turning (proj=tour); under reduced motion only once asked */
  turning: boolean;
}

export const projectionStore = createStore<ProjectionState>()(() => ({ runId: -1, view: null, turning: false }));

export function useProjection<T>(select: (s: ProjectionState) => T): T {
  return useStore(projectionStore, select);
}

/** The grand tour's position along its path (legs since the even spread). */
export const tourClock = { phase: 0 };

/** Shows the grand tour from its start (the even spread); `turning` false waits for Turn. */
export function startTour(turning: boolean): void {
  tourClock.phase = 0;
  projectionStore.setState({ turning });
  getAppStore().getState().setParam('proj', 'tour');
}

/** Turn / Stop turning (the `g` key); from another projection it starts the tour turning. */
export function toggleTurning(): void {
  if (getAppStore().getState().params.proj !== 'tour') startTour(true);
  else projectionStore.setState({ turning: !projectionStore.getState().turning });
}

/** Moves the tour a little by hand (buttons, `[` and `]`); it stops turning by itself. */
export function nudgeTour(by: number): void {
  if (getAppStore().getState().params.proj !== 'tour') startTour(false);
  projectionStore.setState({ turning: false });
  tourClock.phase = Math.max(0, tourClock.phase + by);
}
