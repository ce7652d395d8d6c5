// Whether the keyboard-shortcuts help is open: shared by the key handler and the dialog.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const helpStore = createStore<{ open: boolean; setOpen(open: boolean): void; toggle(): void }>()((set, get) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set({ open: !get().open }),
}));

export function useHelpOpen(): boolean {
  return useStore(helpStore, (s) => s.open);
}
