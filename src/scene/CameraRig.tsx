// Orbit controls and the camera's link to the `cam` parameter: a given position is applied,
// the end of an orbit writes the rounded position back (debounced), and "reset view"
// returns to the default framing.
import { OrbitControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { TOUCH } from 'three';
import { getAppStore, useApp } from '../state/store.ts';

export const DEFAULT_CAMERA: [number, number, number] = [2.35, 1.45, 2.75];
const WRITE_DELAY_MS = 400;
const MIN_DISTANCE = 1.3;
const MAX_DISTANCE = 12;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The position to use for a `cam` value: the default when empty or degenerate. */
function cameraPositionOf(cam: readonly number[]): [number, number, number] {
  if (cam.length !== 3 || !cam.every(Number.isFinite)) return DEFAULT_CAMERA;
  const r = Math.hypot(cam[0], cam[1], cam[2]);
  if (r < 1e-6) return DEFAULT_CAMERA;
  const s = Math.min(Math.max(r, MIN_DISTANCE), MAX_DISTANCE) / r;
  return [cam[0] * s, cam[1] * s, cam[2] * s];
}

export function CameraRig({ resetNonce, oneFingerRotates = false }: { resetNonce: number; oneFingerRotates?: boolean }) {
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const controls = useRef<React.ComponentRef<typeof OrbitControls>>(null);
  const cam = useApp((s) => s.params.cam);
  const timer = useRef(0);

  const place = (p: [number, number, number]) => {
    camera.position.set(p[0], p[1], p[2]);
    camera.lookAt(0, 0, 0);
    controls.current?.target.set(0, 0, 0);
    controls.current?.update();
    invalidate();
  };

  useEffect(() => {
    const want = cameraPositionOf(cam);
    const now = camera.position;
    if (Math.abs(now.x - want[0]) > 1e-3 || Math.abs(now.y - want[1]) > 1e-3 || Math.abs(now.z - want[2]) > 1e-3) place(want);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cam]);

  useEffect(() => {
    if (resetNonce === 0) return;
    window.clearTimeout(timer.current);
    place(DEFAULT_CAMERA);
    getAppStore().getState().setParam('cam', []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetNonce]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  // On a touch screen one finger scrolls the page past the view (flowView.css lets vertical
  // pans through) unless a tap gave it to the camera (useTapToRotate); two fingers rotate and zoom.
  useEffect(() => {
    const c = controls.current;
    if (!c || typeof matchMedia !== 'function' || !matchMedia('(pointer: coarse)').matches) return;
    c.touches = { ONE: oneFingerRotates ? TOUCH.ROTATE : (-1 as TOUCH), TWO: TOUCH.DOLLY_ROTATE };
  }, [oneFingerRotates]);

  const onEnd = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const p = camera.position;
      getAppStore().getState().setParam('cam', [round3(p.x), round3(p.y), round3(p.z)]);
    }, WRITE_DELAY_MS);
  };

  // the camera moves only while dragged, never on its own: no damping glide and no
  // auto-rotation, so prefers-reduced-motion needs nothing extra here
  return <OrbitControls ref={controls} makeDefault enableDamping={false} autoRotate={false} enablePan={false} minDistance={MIN_DISTANCE} maxDistance={MAX_DISTANCE} onEnd={onEnd} />;
}
