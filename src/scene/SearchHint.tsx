// A label under the centre while neurons sit there, so a dim cluster at the centre reads as
// not-yet-learned rather than as a point of its own: "still searching: 228" for those on the
// search plateau, and, for odd p, "on the equator (no positive overlap): 53" for those whose
// overlaps are all ≤ 0 (drawn at the centre too; with orthogonal index vectors they never
// leave, with β > 0 some do, slowly). Updated inside the render
// loop from searchCount and the store's readout, without React re-renders.
import { Html } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import { getAppStore } from '../state/store.ts';
import { searchCount } from './searchCount.ts';

export function SearchHint() {
  const label = useRef<HTMLSpanElement>(null);
  const shown = useRef('');
  useFrame(() => {
    const el = label.current;
    if (!el) return;
    const near = searchCount.value;
    const equator = Math.min(near, getAppStore().getState().readout.counts?.otherKinds.equator ?? 0);
    const lines = [];
    if (near - equator > 0) lines.push(`still searching: ${near - equator}`);
    if (equator > 0) lines.push(`on the equator (no positive overlap): ${equator}`);
    const text = lines.join('\n');
    if (text === shown.current) return;
    shown.current = text;
    el.textContent = text;
    el.hidden = text === '';
  });
  return (
    <Html position={[0, 0, 0]} center zIndexRange={[10, 0]} className="scene-label-anchor">
      <span ref={label} className="search-hint" data-testid="search-hint" hidden />
    </Html>
  );
}
