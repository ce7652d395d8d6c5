// Lets Save image render this view at another pixel ratio (see viewCapture.ts). The point
// sizes follow the ratio (Neurons.tsx reads viewport.dpr), so dots keep their size in the image.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { viewCapture } from './viewCapture.ts';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function ViewCapture() {
  const gl = useThree((s) => s.gl);
  const get = useThree((s) => s.get);
  useEffect(() => {
    const canvas = gl.domElement;
    viewCapture.set(canvas, async (dpr) => {
      const before = get().viewport.dpr;
      get().setDpr(dpr);
      // the store applies the ratio to the renderer; then one demanded frame draws at it
      for (let i = 0; i < 20 && !(gl.getPixelRatio() === dpr && canvas.width === Math.floor(get().size.width * dpr)); i++) await nextFrame();
      // two demanded frames: the point sizes take the new ratio in an effect after the first
      for (let i = 0; i < 2; i++) {
        get().invalidate();
        await nextFrame();
      }
      return () => {
        get().setDpr(before);
        get().invalidate();
      };
    });
    return () => {
      viewCapture.delete(canvas);
    };
  }, [gl, get]);
  return null;
}
