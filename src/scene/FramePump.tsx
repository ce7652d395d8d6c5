// With frameloop="demand" the canvas only renders when asked: this polls frameData.version
// once per animation frame and, when a new frame (or run) arrived, renders the scene in that
// same animation frame. invalidate() would render it in the next one, after the readouts and
// plots of the frame were already composited: each flow frame then cost the browser two or
// three composites of the page instead of one (a third of a core under a software renderer).
// The tick after a frame past t = 0 was rendered, it says the first moving frame is on screen.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { markFirstFrameShown } from '../state/firstFrame.ts';
import { useFrameSource } from './frameSource.ts';

export function FramePump() {
  const advance = useThree((s) => s.advance);
  const frameData = useFrameSource();
  useEffect(() => {
    let seen = -1;
    let raf = 0;
    let moving = false;
    const poll = (timestamp: number) => {
      raf = requestAnimationFrame(poll);
      if (moving) markFirstFrameShown();
      if (frameData.version !== seen) {
        moving = frameData.t > 0;
        seen = frameData.version;
        advance(timestamp);
      }
    };
    raf = requestAnimationFrame(poll);
    return () => cancelAnimationFrame(raf);
  }, [advance, frameData]);
  return null;
}
