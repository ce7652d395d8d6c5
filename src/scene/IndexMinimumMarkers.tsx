// The distorted minima near the v_j (docs/model.md §7): a small diamond in v_j's colour where
// each sits, off the arrow towards w̄, with a disc that grows with the neurons there (the same
// scale as at the tips and at w̄). Their labels ("0.93", the overlap with v_j) are in
// SceneLabels; here each label also learns where on screen its minimum is drawn
// (data-screen-x/y, CSS pixels of the view), so what the picture shows can be checked.
import { Billboard } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import { Vector3 } from 'three';
import { indexColour } from '../view/palette.ts';
import { ClusterMarker } from './ClusterMarker.tsx';
import type { MinimumAnchor } from './minimumAnchors.ts';
import { useViewLabels } from './sceneLabels.ts';

const SIZE = 0.034;

function ScreenPositions({ minima }: { minima: readonly MinimumAnchor[] }) {
  const labels = useViewLabels();
  const v = useRef(new Vector3());
  useFrame(({ camera, size }) => {
    for (const m of minima) {
      const el = labels.list.find((l) => l.el.dataset.testid === `minimum-marker-${m.j}`)?.el;
      if (!el) continue;
      const p = v.current.set(m.position[0], m.position[1], m.position[2]).project(camera);
      el.dataset.screenX = (((p.x + 1) / 2) * size.width).toFixed(1);
      el.dataset.screenY = (((1 - p.y) / 2) * size.height).toFixed(1);
    }
  });
  return null;
}

export function IndexMinimumMarkers({ minima, k }: { minima: readonly MinimumAnchor[]; k: number }) {
  if (minima.length === 0) return null;
  return (
    <group>
      {minima.map((m) => {
        const colour = indexColour(m.j, k);
        return (
          <group key={m.j}>
            <Billboard position={m.position}>
              {/* a diamond outline: the place itself, visible even with no neuron there */}
              <mesh renderOrder={4} rotation={[0, 0, Math.PI / 4]}>
                <ringGeometry args={[SIZE * 0.72, SIZE, 4]} />
                <meshBasicMaterial color={colour} depthTest={false} transparent />
              </mesh>
            </Billboard>
            <ClusterMarker position={m.position} colour={colour} which={{ minimum: m.j }} />
          </group>
        );
      })}
      <ScreenPositions minima={minima} />
    </group>
  );
}
