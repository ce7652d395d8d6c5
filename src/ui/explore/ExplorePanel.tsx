// Placeholder: basin map, sweeps and phase diagrams.
export default function ExplorePanel() {
  return null;
}
