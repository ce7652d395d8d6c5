// Placeholder: keyboard shortcuts.
export function useShortcuts(): void {}
