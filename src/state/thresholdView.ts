// Where the threshold view (μ_span(β) and its zoom on the window) is shown: in the presenter
// strip in place of the plots against time once asked for (one click away on a short screen),
// or there beside them on a tall one; otherwise in the side column. A view choice, not in the link.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const thresholdViewStore = createStore<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export function useThresholdViewOpen(): boolean {
  return useStore(thresholdViewStore, (s) => s.open);
}
