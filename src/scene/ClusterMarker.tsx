// Multiplicity: many neurons converged on one point (an index vector, w̄) are drawn as one
// translucent disc whose area grows with their number (capped), behind the dots themselves,
// so 196 neurons on v₁ never look like one dot. The number is in the point's label.
import { Billboard } from '@react-three/drei';
import type { OutcomeCounts } from '../core/outcomes/classify.ts';
import { useSourceCounts } from './frameSource.ts';

/** Disc radius (world units) per √neuron, and the cap: area ∝ count up to
 * (MAX_RADIUS / RADIUS_PER_ROOT)² ≈ 357 neurons. */
const RADIUS_PER_ROOT = 0.009;
const MAX_RADIUS = 0.17;

export function clusterRadius(count: number): number {
  return count > 1 ? Math.min(MAX_RADIUS, RADIUS_PER_ROOT * Math.sqrt(count)) : 0;
}

/** Which point a disc stands for: an index vector j, 'average', or the distorted minimum near v_j. */
export type ClusterPoint = number | 'average' | { minimum: number };

/** The neurons converged at that point (the labels there keep clear of its disc: LabelPlacer). */
export function clusterCount(c: OutcomeCounts | null, which: ClusterPoint): number {
  if (!c) return 0;
  if (which === 'average') return c.atAverage;
  if (typeof which === 'object') return c.atMinimum?.[which.minimum] ?? 0;
  return c.recovered[which] ?? 0;
}

export function ClusterMarker({ position, colour, which }: { position: [number, number, number]; colour: string; which: ClusterPoint }) {
  const count = useSourceCounts((c) => clusterCount(c, which));
  const r = clusterRadius(count);
  if (r === 0) return null;
  return (
    <Billboard position={position}>
      {/* unit shapes scaled to r: a count that changes every frame rebuilds no geometry */}
      <mesh renderOrder={2} scale={r}>
        <circleGeometry args={[1, 48]} />
        <meshBasicMaterial color={colour} transparent opacity={0.38} depthWrite={false} depthTest={false} />
      </mesh>
      <mesh renderOrder={2} scale={r}>
        <ringGeometry args={[0.94, 1, 48]} />
        <meshBasicMaterial color={colour} transparent opacity={0.9} depthWrite={false} depthTest={false} />
      </mesh>
    </Billboard>
  );
}
