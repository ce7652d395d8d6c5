// The 3-D projection the page's view shows (k > 3), apart from the run: which one the worker
// last drew (its arrows and note), whether the grand tour is turning, and where along its path
// it is. The phase changes every animation frame while turning, so it lives outside any store.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ProjectionView } from '../sim/protocol.ts';
import { getAppStore } from './store.ts';
import { heldTourText, parseProjectionKey } from '../url/projectionKey.ts';

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

const params = () => getAppStore().getState().params;
const setProj = (text: string) => getAppStore().getState().setParam('proj', text);

/** Shows the grand tour from its start (the even spread); `turning` false holds it there. */
export function startTour(turning: boolean): void {
  tourClock.phase = 0;
  projectionStore.setState({ turning });
  setProj(turning ? 'tour' : heldTourText(0));
}

/**
 * Turn / Stop turning (the `g` key); from another projection it starts the tour turning. A
 * stopped tour goes into the link as `tour:phase`, so the link shows this very view.
 */
export function toggleTurning(): void {
  const p = params();
  const key = parseProjectionKey(p.proj, p.k);
  if (!key.ok || key.value.choice !== 'tour') return startTour(true);
  if (key.value.phase === null && projectionStore.getState().turning) {
    projectionStore.setState({ turning: false });
    setProj(heldTourText(tourClock.phase));
  } else {
    if (key.value.phase !== null) tourClock.phase = key.value.phase;
    projectionStore.setState({ turning: true });
    setProj('tour');
  }
}

/** Moves the tour a little by hand (buttons, `[` and `]`); it stops turning and is held there. */
export function nudgeTour(by: number): void {
  const p = params();
  const key = parseProjectionKey(p.proj, p.k);
  const from = key.ok && key.value.choice === 'tour' ? (key.value.phase ?? tourClock.phase) : 0;
  tourClock.phase = Math.max(0, from + by);
  projectionStore.setState({ turning: false });
  setProj(heldTourText(tourClock.phase));
}
