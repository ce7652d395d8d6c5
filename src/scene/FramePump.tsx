// With frameloop="demand" the canvas only renders when asked: this polls frameData.version once
// per animation frame and, when a new frame (or run) arrived, renders the view in that very
// animation frame (advance), where the charts take the same frame: one repaint of the page per
// frame of the run, not one for the charts and the readouts and another for the view on the
// next tick. The tick after a frame past t = 0 was rendered, it says the first moving frame is
// on screen.
import { advance, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { markFirstFrameShown } from '../state/firstFrame.ts';
import { useFrameSource } from './frameSource.ts';

export function FramePump() {
  const get = useThree((s) => s.get);
  const frameData = useFrameSource();
  useEffect(() => {
    let seen = -1;
    let raf = 0;
    let moving = false;
    const poll = (now: number) => {
      raf = requestAnimationFrame(poll);
      if (moving) markFirstFrameShown();
      if (frameData.version !== seen) {
        moving = frameData.t > 0;
        seen = frameData.version;
        const state = get();
        if (state.internal.active) advance(now, false, state);
      }
    };
    raf = requestAnimationFrame(poll);
    return () => cancelAnimationFrame(raf);
  }, [get, frameData]);
  return null;
}
