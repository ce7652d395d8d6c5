// The view panel in fullscreen (Fullscreen API): a button and the `f` key toggle it, Escape
// leaves (the browser's own), and components ask whether the view is fullscreen now.
import { useSyncExternalStore } from 'react';

/** id of the element that goes fullscreen: the view with its time readout and overlay. */
export const VIEW_PANEL_ID = 'view-panel';

const subscribe = (onChange: () => void) => {
  document.addEventListener('fullscreenchange', onChange);
  return () => document.removeEventListener('fullscreenchange', onChange);
};

export function useViewFullscreen(): boolean {
  return useSyncExternalStore(subscribe, () => document.fullscreenElement?.id === VIEW_PANEL_ID, () => false);
}

export function fullscreenAvailable(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled === true;
}

/** Enters or leaves fullscreen; must run inside a user gesture (a click or a key press). */
export function toggleViewFullscreen(): void {
  if (!fullscreenAvailable()) return;
  if (document.fullscreenElement) {
    void document.exitFullscreen().catch(() => undefined);
    return;
  }
  const panel = document.getElementById(VIEW_PANEL_ID);
  // refused (e.g. an iframe without allow="fullscreen"): the page simply stays as it is
  void panel?.requestFullscreen().catch(() => undefined);
}
