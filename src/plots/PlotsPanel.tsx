// Placeholder: the overlap, loss and threshold plots are drawn here.
export function PlotsPanel() {
  return <section className="plots" aria-label="plots" />;
}
