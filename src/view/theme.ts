// Light and dark themes. The choice lives on <html data-theme> so plain CSS (app.css) and
// code that cannot read CSS variables (the 3-D scene) can both follow it; an explicit choice
// is remembered in localStorage, otherwise the system's prefers-color-scheme decides.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Theme = 'light' | 'dark';

const THEME_STORAGE_KEY = 'flowsphere-theme';

function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage can be disabled; the system preference still applies
  }
}

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export const themeStore = createStore<{ theme: Theme; toggle(): void }>()((set, get) => ({
  theme: typeof window === 'undefined' ? 'dark' : storedTheme() ?? systemTheme(),
  toggle() {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // not persisted, but still applied for this visit
    }
    set({ theme });
  },
}));

// applied as soon as the module loads, before React's first paint, so the page does not flash
applyTheme(themeStore.getState().theme);
themeStore.subscribe((s) => applyTheme(s.theme));

export function useTheme(): Theme {
  return useStore(themeStore, (s) => s.theme);
}
