// Links the cameras of the split view's panes: while one pane is dragged, the other follows
// every move. (The `cam` parameter, written when a drag ends, keeps both in the link as before.)
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { Camera } from 'three';

/** The latest camera position set by a drag, and which pane set it. */
const shared = { x: 0, y: 0, z: 0, writer: -1, version: 0 };

interface ControlsLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
  update(): void;
}

export function CameraLink({ pane }: { pane: number }) {
  const camera = useThree((s) => s.camera) as Camera;
  const controls = useThree((s) => s.controls) as unknown as ControlsLike | null;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!controls) return;
    let dragging = false;
    const start = () => (dragging = true);
    const end = () => (dragging = false);
    const change = () => {
      if (!dragging) return;
      const p = camera.position;
      Object.assign(shared, { x: p.x, y: p.y, z: p.z, writer: pane, version: shared.version + 1 });
    };
    controls.addEventListener('start', start);
    controls.addEventListener('end', end);
    controls.addEventListener('change', change);
    let seen = shared.version;
    let raf = 0;
    const follow = () => {
      raf = requestAnimationFrame(follow);
      if (shared.version === seen) return;
      seen = shared.version;
      if (shared.writer === pane) return;
      camera.position.set(shared.x, shared.y, shared.z);
      camera.lookAt(0, 0, 0);
      controls.update();
      invalidate();
    };
    raf = requestAnimationFrame(follow);
    return () => {
      cancelAnimationFrame(raf);
      controls.removeEventListener('start', start);
      controls.removeEventListener('end', end);
      controls.removeEventListener('change', change);
    };
  }, [camera, controls, invalidate, pane]);
  return null;
}
