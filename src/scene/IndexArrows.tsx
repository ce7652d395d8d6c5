// The index vectors as arrows from the centre, each labelled v_j in its own colour. For k > 3
// these are the projections onto span(v₁, v₂, v₃), so later arrows can be shorter, and
// vectors projected to the same place share one arrow and one label. The arrows are thin,
// translucent and write no depth, so the neurons that converged at a tip (drawn after them,
// see pointMaterial.ts) stay in front of their own arrowhead and can be seen and counted.
// Each label also says how many neurons head for its vector (for even φ that is ±v_j, so no
// label is needed at −v_j).
import { Html } from '@react-three/drei';
import { useMemo } from 'react';
import { Quaternion, Vector3 } from 'three';
import { indexColour } from './palette.ts';
import { AttractedCount } from './AttractedCount.tsx';
import { useReadoutSource } from './frameSource.ts';
import { vectorLabel } from './labels.ts';

const UP = new Vector3(0, 1, 0);
const HEAD = 0.075;
const HEAD_RADIUS = 0.026;
const SHAFT_RADIUS = 0.0075;
const OPACITY = 0.88;

interface Arrow {
  j: number;
  /** index vectors drawn at the same place (a projection can merge them), this one first */
  names: number[];
  length: number;
  quaternion: Quaternion;
  tip: [number, number, number];
  label: [number, number, number];
}

function arrowsOf(coords: Float32Array, k: number): Arrow[] {
  const out: Arrow[] = [];
  for (let j = 0; j < k; j++) {
    const same = out.find((a) => Math.hypot(coords[a.j * 3] - coords[j * 3], coords[a.j * 3 + 1] - coords[j * 3 + 1], coords[a.j * 3 + 2] - coords[j * 3 + 2]) < 1e-4);
    if (same) {
      same.names.push(j);
      continue;
    }
    const dir = new Vector3(coords[j * 3], coords[j * 3 + 1], coords[j * 3 + 2]);
    const length = dir.length();
    if (!Number.isFinite(length) || length < 1e-6) continue;
    dir.divideScalar(length);
    const tip = dir.clone().multiplyScalar(length);
    const label = dir.clone().multiplyScalar(length + 0.16);
    out.push({ j, names: [j], length, quaternion: new Quaternion().setFromUnitVectors(UP, dir), tip: tip.toArray() as Arrow['tip'], label: label.toArray() as Arrow['label'] });
  }
  return out;
}

export function IndexArrows({ coords, k }: { coords: Float32Array; k: number }) {
  const readouts = useReadoutSource();
  const arrows = useMemo(() => arrowsOf(coords, k), [coords, k]);
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
            <Html position={a.label} center zIndexRange={[20, 0]} className="scene-label-anchor">
              <span className="vector-tag" data-testid={`vector-tag-${a.j}`}>
                <span className="vector-label">
                  {a.names.map((j, i) => (
                    <span key={j} style={{ color: indexColour(j, k) }}>
                      {i > 0 ? ', ' : ''}
                      {vectorLabel(j)}
                    </span>
                  ))}
                </span>
                <AttractedCount names={a.names} source={readouts} />
              </span>
            </Html>
          </group>
        );
      })}
    </group>
  );
}
