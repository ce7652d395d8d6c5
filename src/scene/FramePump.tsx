// With frameloop="demand" the canvas only renders when asked: this polls frameData.version
// once per animation frame and asks for a render when a new frame (or run) arrived. The tick
// after a frame past t = 0 was rendered, it says the first moving frame is on screen.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { markFirstFrameShown } from '../state/firstFrame.ts';
import { useFrameSource } from './frameSource.ts';

export function FramePump() {
  const invalidate = useThree((s) => s.invalidate);
  const frameData = useFrameSource();
  useEffect(() => {
    let seen = -1;
    let raf = 0;
    let moving = false;
    const poll = () => {
      raf = requestAnimationFrame(poll);
      if (moving) markFirstFrameShown();
      if (frameData.version !== seen) {
        moving = frameData.t > 0;
        seen = frameData.version;
        invalidate();
      }
    };
    raf = requestAnimationFrame(poll);
    return () => cancelAnimationFrame(raf);
  }, [invalidate, frameData]);
  return null;
}
