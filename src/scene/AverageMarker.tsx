// The average point w̄ as a hollow ring (neurons trapped there stay visible inside it), orange
// while it is a saddle and green once it is a minimum (yellow exactly at the threshold, where
// it is degenerate); its label (SceneLabels) says which and how many neurons sit there, and a
// disc grows with that number.
import { Billboard } from '@react-three/drei';
import type { AveragePoint } from '../core/analysis/averagePoint.ts';
import { ClusterMarker } from './ClusterMarker.tsx';
import { DEGENERATE_COLOUR, MINIMUM_COLOUR, SADDLE_COLOUR } from '../view/palette.ts';

/** The ring's outer radius (world units): the other labels keep off it (LabelPlacer). */
export const AVERAGE_RING_RADIUS = 0.088;

function averageColour(kind: AveragePoint['kind']): string {
  return kind === 'minimum' ? MINIMUM_COLOUR : kind === 'saddle' ? SADDLE_COLOUR : DEGENERATE_COLOUR;
}

export function AverageMarker({ position, average }: { position: [number, number, number]; average: AveragePoint }) {
  const colour = averageColour(average.kind);
  if (!position.every(Number.isFinite)) return null;
  return (
    <group position={position}>
      <Billboard>
        <mesh renderOrder={4}>
          <ringGeometry args={[0.07, AVERAGE_RING_RADIUS, 48]} />
          <meshBasicMaterial color={colour} depthTest={false} transparent />
        </mesh>
      </Billboard>
      <ClusterMarker position={[0, 0, 0]} colour={colour} which="average" />
    </group>
  );
}
