// The page's first moving frame, and what waits for it. On two cores, the code of the explore
// panel (Observable Plot) and the formulas (KaTeX typesetting) compete with the 3-D view and
// the flow worker for the first frame; they are
// not needed before it, so they start once the view has drawn a frame past t = 0 (npm run perf,
// "first moving neurons"). A page that never draws one (no WebGL, a hidden view) starts them
// FALLBACK_MS after it opened.
import { create } from 'zustand';

/** Longest the deferred parts wait for the first frame. */
export const FALLBACK_MS = 8000;

export const firstFrameStore = create<{ shown: boolean }>(() => ({ shown: false }));

/** The view has drawn a moving frame (or the wait is over): the deferred parts may load now. */
export function markFirstFrameShown(): void {
  if (!firstFrameStore.getState().shown) firstFrameStore.setState({ shown: true });
}

/** Whether what the first frame does not need may load now. */
export const useAfterFirstFrame = (): boolean => firstFrameStore((s) => s.shown);
