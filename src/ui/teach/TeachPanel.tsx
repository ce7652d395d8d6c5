// Placeholder: guided tour, presets and formulas.
export function TeachPanel() {
  return null;
}
