// A σ or σ* choice that cannot apply alone (with the other activation in force the kernel would
// be constant) waits here for the other field: when the other one changes, the two apply
// together if the pair is valid. So relu/relu is two menu choices away from h₃/h₃, although
// neither relu/h₃ nor h₃/relu can run.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type ActivationKey = 'sigma' | 'target';

export interface PendingActivation {
  key: ActivationKey;
  /** the activation as the user chose it (a preset name or a coefficient list) */
  spec: string;
}

const store = createStore<{ pending: PendingActivation | null }>()(() => ({ pending: null }));

export function getPendingActivation(): PendingActivation | null {
  return store.getState().pending;
}

export function setPendingActivation(pending: PendingActivation | null): void {
  store.setState({ pending });
}

export function usePendingActivation(): PendingActivation | null {
  return useStore(store, (s) => s.pending);
}
