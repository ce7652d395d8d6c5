// Placeholder: keeps the address bar and the store in step.
import type { AppStore } from '../state/store.ts';

export function startUrlSync(store: AppStore): () => void {
  void store;
  return () => {};
}
