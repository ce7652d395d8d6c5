// The average point w̄ as a hollow ring (neurons trapped there stay visible inside it), orange while it is a saddle and green once it
// is a minimum (yellow exactly at the threshold, where it is degenerate), with a label saying which.
import { Billboard, Html } from '@react-three/drei';
import type { AveragePoint } from '../core/averagePoint.ts';
import { DEGENERATE_COLOUR, MINIMUM_COLOUR, SADDLE_COLOUR } from './palette.ts';

export function AverageMarker({ position, average }: { position: Float32Array; average: AveragePoint }) {
  const colour = average.kind === 'minimum' ? MINIMUM_COLOUR : average.kind === 'saddle' ? SADDLE_COLOUR : DEGENERATE_COLOUR;
  const p: [number, number, number] = [position[0], position[1], position[2]];
  if (!p.every(Number.isFinite)) return null;
  return (
    <group position={p}>
      <Billboard>
        <mesh renderOrder={4}>
          <ringGeometry args={[0.07, 0.088, 48]} />
          <meshBasicMaterial color={colour} depthTest={false} transparent />
        </mesh>
      </Billboard>
      <Html center zIndexRange={[20, 0]} className="scene-label-anchor">
        <span className={`average-label kind-${average.kind}`} data-testid="average-marker" data-kind={average.kind}>
          w̄ {average.kind}
        </span>
      </Html>
    </group>
  );
}
