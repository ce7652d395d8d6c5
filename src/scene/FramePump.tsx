// With frameloop="demand" the canvas only renders when asked: this polls frameData.version
// once per animation frame and asks for a render when a new frame (or run) arrived.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { useFrameSource } from './frameSource.ts';

export function FramePump() {
  const invalidate = useThree((s) => s.invalidate);
  const frameData = useFrameSource();
  useEffect(() => {
    let seen = -1;
    let raf = 0;
    const poll = () => {
      raf = requestAnimationFrame(poll);
      if (frameData.version !== seen) {
        seen = frameData.version;
        invalidate();
      }
    };
    raf = requestAnimationFrame(poll);
    return () => cancelAnimationFrame(raf);
  }, [invalidate, frameData]);
  return null;
}
