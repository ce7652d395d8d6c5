// The landscape view (docs/model.md §11): the sphere shaded by the loss L(w) = −Σ_j φ(w·v_j),
// dark in its valleys and light on its hills, and a flat glyph at every critical point of L on
// the sphere of span(V) by its type, so moving β shows w̄ turn from saddle to minimum at β_c and
// the minima near the v_j meet their saddles and vanish at β_fold. The colours are per vertex,
// computed again only when the model (the worker's landscape) or the drawn index vectors change.
import { Billboard } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Float32BufferAttribute, SphereGeometry } from 'three';
import type { CriticalPointKind } from '../core/analysis/criticalPoints.ts';
import type { LandscapeInfo } from '../sim/protocol.ts';
import { lossAtVertices, rampColour } from './landscapeShading.ts';
import { CRITICAL_GLYPHS } from './landscapeGlyphs.ts';

/** Just outside the unit shell, so the shading is not hidden behind it. */
const SHADE_RADIUS = 1.003;
const MARKER_SIZE = 0.05;
/** Markers stand just outside the shading, so the front ones are whole and the back ones show through it, dimmed. */
const MARKER_RADIUS = 1.02;

const linearFromSrgb = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function ShadedSphere({ landscape, tips, k }: { landscape: LandscapeInfo; tips: Float32Array; k: number }) {
  const invalidate = useThree((s) => s.invalidate);
  // the colour attribute exists from the start: a material compiled without it ignores it later
  const geometry = useMemo(() => {
    const g = new SphereGeometry(SHADE_RADIUS, 96, 64);
    g.setAttribute('color', new Float32BufferAttribute(new Float32Array(g.getAttribute('position').count * 3), 3));
    return g;
  }, []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => {
    const positions = geometry.getAttribute('position').array as Float32Array;
    const n = positions.length / 3;
    const loss = new Float32Array(n);
    // the critical values bound the loss on the span sphere; vertices off it (k < 3) extend the range
    let [low, high] = lossAtVertices(positions, tips, k, landscape.phi, loss);
    for (const p of landscape.points) {
      low = Math.min(low, p.loss);
      high = Math.max(high, p.loss);
    }
    const colour = geometry.getAttribute('color');
    const colours = colour.array as Float32Array;
    const span = high - low || 1;
    for (let i = 0; i < n; i++) rampColour((loss[i] - low) / span, colours, i * 3);
    // the ramp is in sRGB, as the key shows it; vertex colours are linear
    for (let i = 0; i < colours.length; i++) colours[i] = linearFromSrgb(colours[i]);
    colour.needsUpdate = true;
    invalidate();
  }, [geometry, landscape, tips, k, invalidate]);
  return (
    <mesh geometry={geometry} renderOrder={1}>
      <meshBasicMaterial vertexColors transparent opacity={0.8} depthWrite={false} />
    </mesh>
  );
}

function CriticalMarker({ kind, position }: { kind: CriticalPointKind; position: [number, number, number] }) {
  const glyph = CRITICAL_GLYPHS[kind];
  return (
    <Billboard position={position.map((x) => x * MARKER_RADIUS) as [number, number, number]}>
      <mesh renderOrder={5} rotation={[0, 0, glyph.rotation]}>
        <circleGeometry args={[MARKER_SIZE * 1.45, glyph.sides]} />
        <meshBasicMaterial color="#0b1020" />
      </mesh>
      <mesh renderOrder={6} rotation={[0, 0, glyph.rotation]} position={[0, 0, 0.001]}>
        <circleGeometry args={[MARKER_SIZE, glyph.sides]} />
        <meshBasicMaterial color={glyph.colour} />
      </mesh>
    </Billboard>
  );
}

export function Landscape({ landscape, tips, k }: { landscape: LandscapeInfo; tips: Float32Array; k: number }) {
  return (
    <group>
      <ShadedSphere landscape={landscape} tips={tips} k={k} />
      {landscape.points.map((p, i) => (
        <CriticalMarker key={`${i}:${p.kind}`} kind={p.kind} position={p.position} />
      ))}
    </group>
  );
}
