// Which run's frames a 3-D view draws: the page's run by default, or (in the split view) the
// comparison's. The scene components read it from context, so one view component serves both.
import { createContext, useContext } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { frameData, type FrameData } from '../state/frameData.ts';
import { getAppStore, type Readout } from '../state/store.ts';

export const FrameSourceContext = createContext<FrameData>(frameData);

export function useFrameSource(): FrameData {
  return useContext(FrameSourceContext);
}

/** Any store with the throttled readout of the run a view draws (the page's, or the comparison's). */
export type ReadoutStore = StoreApi<{ readout: Readout | null }>;

/** The readout store of the view's run; null means the page's store. */
export const ReadoutSourceContext = createContext<ReadoutStore | null>(null);

/**
 * The store the labels of this view read their counts from. Read it inside the Canvas and pass
 * it on as a prop: drei's Html renders into a separate root that does not see React context.
 */
export function useReadoutSource(): ReadoutStore {
  return useContext(ReadoutSourceContext) ?? (getAppStore() as unknown as ReadoutStore);
}

/** A value derived from the counts of the run this view draws (select returns a primitive, so labels re-render only when it changes). */
export function useSourceCounts<T>(select: (counts: Readout['counts'] | null) => T): T {
  return useStore(useReadoutSource(), (s) => select(s.readout?.counts ?? null));
}
