// Keyboard shortcuts for the whole page: space play/pause, r reset, s step, e jump to end,
// f fullscreen, g and [ ] turn the k > 3 projection, ? help.
// App calls this hook in every mode (embed too), so the page-wide preferences that must hold
// there as well — the theme and a paused start under prefers-reduced-motion — start here.
import { useLayoutEffect } from 'react';
import { getAppStore } from '../../state/store.ts';
import { helpStore } from './helpDialog.ts';
import { prefersReducedMotion } from '../../state/motion.ts';
import { toggleViewFullscreen } from '../fullscreen.ts';
import { moveTour } from './navigation.ts';
import { nudgeTour, toggleTurning, TOUR_STEP } from '../../state/projectionView.ts';
import '../../view/theme.ts';

export interface Shortcut {
  keys: string;
  does: string;
}

/** Shown in the help dialog; keep in step with handleKey below. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Space', does: 'play / pause' },
  { keys: 'S', does: 'step (pauses, then advances a tenth of a decade of time)' },
  { keys: 'R', does: 'reset the run to its seeded start' },
  { keys: 'E', does: 'jump to end: the state at T, computed without drawing the way there' },
  { keys: 'F', does: 'fullscreen view with β slider and play controls (Esc leaves)' },
  { keys: 'PageDown / PageUp, → / ←', does: 'guided tour: next / previous step (arrows: when no slider has focus)' },
  { keys: 'G', does: 'k > 3: turn the projection (grand tour) / stop turning' },
  { keys: '[ ]', does: 'k > 3: turn the projection back / on a little' },
  { keys: '← → ↑ ↓', does: 'move a focused slider' },
  { keys: 'Shift + ← → ↑ ↓', does: 'β slider: move in fine steps of 0.001' },
  { keys: 'Tab', does: 'move between controls' },
  { keys: '?', does: 'show or hide this help' },
  { keys: 'Esc', does: 'close this help' },
];

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week']);

/** Typing there must never trigger a shortcut. */
function isTypingTarget(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Arrow keys move these (a slider, a radio group, a listbox): they keep them. */
function arrowsMove(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return true;
  const role = el.getAttribute('role');
  return role === 'slider' || role === 'radio' || role === 'listbox' || role === 'tab' || role === 'spinbutton';
}

/** Space already activates these natively; handling it too would act twice. */
function spaceActivates(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || el.tagName === 'SUMMARY') return true;
  if (el instanceof HTMLInputElement) return ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  const role = el.getAttribute('role');
  return role === 'button' || role === 'checkbox' || role === 'switch' || role === 'tab' || role === 'menuitem';
}

function handleKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target instanceof Element ? e.target : null;
  if (isTypingTarget(target)) return;
  const help = helpStore.getState();
  if (e.key === '?') {
    e.preventDefault();
    help.toggle();
    return;
  }
  if (e.key === 'Escape') {
    if (help.open) help.setOpen(false);
    // browsers leave fullscreen on Escape themselves; this covers those that pass the key on
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    return;
  }
  // with the help open, keys belong to the dialog
  if (help.open) return;
  const st = getAppStore().getState();
  if (e.key === ' ' || e.code === 'Space') {
    // a control reached by keyboard (Tab) keeps Space; one last clicked with the mouse does
    // not (it would press New seed or Copy link again): it loses focus and Space plays
    if (spaceActivates(target) && target!.matches(':focus-visible')) return;
    if (spaceActivates(target) && target instanceof HTMLElement) target.blur();
    e.preventDefault(); // no page scroll
    if (!e.repeat) st.togglePlay();
    return;
  }
  // a presentation clicker sends PageDown / PageUp: with the tour open they turn its pages
  if (e.key === 'PageDown' || e.key === 'PageUp' || ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !arrowsMove(target))) {
    if (st.params.tour > 0) {
      e.preventDefault();
      if (!e.repeat || e.key.startsWith('Page')) moveTour(e.key === 'PageDown' || e.key === 'ArrowRight' ? 1 : -1);
    }
    return;
  }
  if (e.shiftKey) return;
  if (e.key === 'r' || e.key === 'R') {
    if (!e.repeat) st.reset();
  } else if (e.key === 'e' || e.key === 'E') {
    if (!e.repeat) st.toEnd();
  } else if (e.key === 's' || e.key === 'S') {
    st.step();
  } else if (e.key === 'f' || e.key === 'F') {
    if (!e.repeat) toggleViewFullscreen();
  } else if (st.params.k > 3 && (e.key === 'g' || e.key === 'G')) {
    if (!e.repeat) toggleTurning();
  } else if (st.params.k > 3 && (e.key === '[' || e.key === ']')) {
    nudgeTour(e.key === ']' ? TOUR_STEP : -TOUR_STEP);
  }
}

const POINTER_PRESSED = 'button, summary, a[href], input[type=checkbox], input[type=radio], [role=button], [role=switch], [role=tab]';

/**
 * After a mouse or touch click, a button keeps no focus, so the page's keys (Space above all)
 * act on the app rather than pressing that button again. Keyboard activation (detail 0) keeps
 * focus where the reader put it.
 */
function blurAfterPointerClick(e: MouseEvent): void {
  if (e.detail === 0 || !(e.target instanceof Element)) return;
  const el = e.target.closest(POINTER_PRESSED);
  if (el instanceof HTMLElement && el === document.activeElement) el.blur();
}

export function useShortcuts(): void {
  // attached as the page is committed, before it is painted: a passive effect runs after the
  // paint, later still when a frame of the view is being drawn, and a clicker's PageDown pressed
  // as soon as the tour shows would go nowhere
  useLayoutEffect(() => {
    if (prefersReducedMotion()) getAppStore().getState().pause();
    window.addEventListener('keydown', handleKey);
    document.addEventListener('click', blurAfterPointerClick);
    return () => {
      window.removeEventListener('keydown', handleKey);
      document.removeEventListener('click', blurAfterPointerClick);
    };
  }, []);
}
