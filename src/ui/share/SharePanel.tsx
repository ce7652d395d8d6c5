// Placeholder: copy link, export and import.
export function SharePanel() {
  return null;
}
