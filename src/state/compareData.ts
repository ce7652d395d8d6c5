// The split view's second run (compare=…): its frames, kept out of React like the page's
// (frameData.ts), and a small store of its low-rate readouts. The page's run and this one share
// one clock: `clockGate` lets the page's runner wait until the second run has caught up.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RunInfo } from '../sim/protocol.ts';
import { FrameData } from './frameData.ts';
import type { Readout } from './store.ts';

export const compareFrames = new FrameData();

export interface CompareState {
  /** what tells the panes apart, e.g. "loss=corr" / "loss=mse"; null without a comparison */
  labels: { left: string; right: string } | null;
  info: RunInfo | null;
  readout: Readout | null;
  fault: string | null;
}

export const compareStore = createStore<CompareState>()(() => ({ labels: null, info: null, readout: null, fault: null }));

export function useCompare<T>(selector: (s: CompareState) => T): T {
  return useStore(compareStore, selector);
}

/**
 * The one clock of a split view: the page's runner asks before each new frame whether the
 * second run still has to reach the page's time (set by the compare runner; never holds
 * without a comparison, or after the second run failed).
 */
export const clockGate = { holds: (_t: number): boolean => false };
