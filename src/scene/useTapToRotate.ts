// On a touch screen one finger scrolls the page past the view; a tap on the view hands that
// finger to the camera (rotate) until the next tap on it or a touch anywhere else on the page.
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

/** A touch that moves less than this (CSS px) and lifts within TAP_MS is a tap. */
const TAP_SLOP = 10;
const TAP_MS = 350;

export function useTapToRotate() {
  const [oneFingerRotates, setOneFingerRotates] = useState(false);
  const start = useRef<{ x: number; y: number; t: number } | null>(null);
  const view = useRef<HTMLDivElement>(null);

  // a touch outside the view gives the finger back to scrolling
  useEffect(() => {
    if (!oneFingerRotates) return;
    const leave = (e: PointerEvent) => {
      if (e.pointerType === 'touch' && !view.current?.contains(e.target as Node)) setOneFingerRotates(false);
    };
    document.addEventListener('pointerdown', leave, true);
    return () => document.removeEventListener('pointerdown', leave, true);
  }, [oneFingerRotates]);

  const onView = (e: ReactPointerEvent) => e.pointerType === 'touch' && e.target instanceof HTMLCanvasElement;
  const handlers = {
    onPointerDown(e: ReactPointerEvent) {
      if (!onView(e)) return;
      // a second finger makes it a pinch or a two-finger rotation, not a tap
      start.current = e.isPrimary ? { x: e.clientX, y: e.clientY, t: e.timeStamp } : null;
    },
    onPointerUp(e: ReactPointerEvent) {
      const s = start.current;
      start.current = null;
      if (!s || !onView(e) || !e.isPrimary) return;
      if (Math.hypot(e.clientX - s.x, e.clientY - s.y) < TAP_SLOP && e.timeStamp - s.t < TAP_MS) setOneFingerRotates((on) => !on);
    },
    onPointerCancel() {
      start.current = null;
    },
  };
  return { oneFingerRotates, handlers, view };
}
