// Feeds a uPlot chart from frameData: polled once per animation frame, redrawn only when the
// data's version changed (the worker's frames, not React, set the pace).
import { useCallback, useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { frameData } from '../state/frameData.ts';

export function useLiveChart(fill: (u: uPlot) => uPlot.AlignedData) {
  const chart = useRef<uPlot | null>(null);
  const fillRef = useRef(fill);
  fillRef.current = fill;
  const seen = useRef(-1);

  useEffect(() => {
    let raf = 0;
    const poll = () => {
      raf = requestAnimationFrame(poll);
      const u = chart.current;
      if (!u || frameData.version === seen.current) return;
      seen.current = frameData.version;
      u.setData(fillRef.current(u));
    };
    raf = requestAnimationFrame(poll);
    return () => cancelAnimationFrame(raf);
  }, []);

  /** for UPlotChart's onChart: a new chart is filled on the next frame */
  return useCallback((u: uPlot | null) => {
    chart.current = u;
    seen.current = -1;
  }, []);
}

/** Sets an attribute at most once per interval (and always when `force`), to spare screen readers. */
export function throttledLabel(el: Element | null | undefined, text: string, state: { at: number; text: string }, force = false, intervalMs = 1000): void {
  const now = performance.now();
  if (!el || text === state.text || (!force && now - state.at < intervalMs)) return;
  state.at = now;
  state.text = text;
  el.setAttribute('aria-label', text);
}
