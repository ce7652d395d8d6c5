// Which run's frames a 3-D view draws: the page's run by default, or (in the split view) the
// comparison's. The scene components read it from context, so one view component serves both.
import { createContext, useContext } from 'react';
import { frameData, type FrameData } from '../state/frameData.ts';

export const FrameSourceContext = createContext<FrameData>(frameData);

export function useFrameSource(): FrameData {
  return useContext(FrameSourceContext);
}
