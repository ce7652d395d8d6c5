// Redraws a canvas from frameData only when its version changed (polled once per animation
// frame), when the element is resized, or when `key` changes. No React state per frame.
import { useEffect, useRef } from 'react';
import { frameData } from '../state/frameData.ts';
import type { Surface } from './canvas.ts';

export function usePolledCanvas(draw: (surface: Surface) => void, key: unknown = null) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawRef = useRef(draw);
  drawRef.current = draw;
  const dirty = useRef(true);

  useEffect(() => {
    dirty.current = true;
  }, [key]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let seen = -1, raf = 0;
    const surface: Surface = { canvas, ctx: null, width: 0, height: 0 };
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      surface.width = box.width;
      surface.height = box.height;
      dirty.current = true;
    });
    observer.observe(canvas);
    const poll = () => {
      raf = requestAnimationFrame(poll);
      if (frameData.version === seen && !dirty.current) return;
      seen = frameData.version;
      dirty.current = false;
      drawRef.current(surface);
    };
    raf = requestAnimationFrame(poll);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
    };
  }, []);

  return ref;
}

/** Sets an attribute at most once per interval (and always when `force`), to spare screen readers. */
export function throttledLabel(el: HTMLElement, text: string, state: { at: number; text: string }, force = false, intervalMs = 1000): void {
  const now = performance.now();
  if (text === state.text || (!force && now - state.at < intervalMs)) return;
  state.at = now;
  state.text = text;
  el.setAttribute('aria-label', text);
}
