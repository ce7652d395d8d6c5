// The index vectors as arrows from the centre, one per vector in its own colour (labels are in
// SceneLabels). For k > 3 these are projections (see core/projection/projection.ts), so arrows are shorter
// than the sphere's radius. The arrows are thin, translucent and write no depth, so the
// neurons that converged at a tip (drawn after them, see pointMaterial.ts) stay in front of
// their own arrowhead and can be seen and counted; a disc there grows with their number.
import { useMemo } from 'react';
import { Quaternion, Vector3 } from 'three';
import { indexColour } from '../view/palette.ts';
import { ClusterMarker } from './ClusterMarker.tsx';

const UP = new Vector3(0, 1, 0);
const HEAD = 0.075;
const HEAD_RADIUS = 0.026;
const SHAFT_RADIUS = 0.0075;
const OPACITY = 0.88;

interface Arrow {
  j: number;
  length: number;
  quaternion: Quaternion;
  tip: [number, number, number];
}

function arrowsOf(tips: Float32Array, k: number): Arrow[] {
  const out: Arrow[] = [];
  for (let j = 0; j < k; j++) {
    const dir = new Vector3(tips[j * 3], tips[j * 3 + 1], tips[j * 3 + 2]);
    const length = dir.length();
    if (!Number.isFinite(length) || length < 1e-6) continue;
    out.push({ j, length, quaternion: new Quaternion().setFromUnitVectors(UP, dir.clone().divideScalar(length)), tip: dir.toArray() as Arrow['tip'] });
  }
  return out;
}

/** `tips`: drawing coordinates of the index vectors with the view's radial scale applied. */
export function IndexArrows({ tips, k }: { tips: Float32Array; k: number }) {
  const arrows = useMemo(() => arrowsOf(tips, k), [tips, k]);
  return (
    <group>
      {arrows.map((a) => {
        const colour = indexColour(a.j, k);
        const shaft = Math.max(a.length - HEAD, 0.01);
        return (
          <group key={a.j}>
            <group quaternion={a.quaternion}>
              <mesh position={[0, shaft / 2, 0]} renderOrder={1}>
                <cylinderGeometry args={[SHAFT_RADIUS, SHAFT_RADIUS, shaft, 12]} />
                <meshBasicMaterial color={colour} transparent opacity={OPACITY} depthWrite={false} />
              </mesh>
              <mesh position={[0, shaft + HEAD / 2, 0]} renderOrder={1}>
                <coneGeometry args={[HEAD_RADIUS, HEAD, 20]} />
                <meshBasicMaterial color={colour} transparent opacity={OPACITY} depthWrite={false} />
              </mesh>
            </group>
            <ClusterMarker position={a.tip} colour={colour} which={a.j} />
          </group>
        );
      })}
    </group>
  );
}
