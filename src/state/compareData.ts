// The split view's second run (compare=…): its frames, kept out of React like the page's
// (frameData.ts), and a small store of its low-rate readouts. The two runs share one clock,
// which the app layer keeps (src/app/splitClock.ts).
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RunInfo } from '../sim/protocol.ts';
import { FrameData } from './frameData.ts';
import type { Readout } from './readout.ts';

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
