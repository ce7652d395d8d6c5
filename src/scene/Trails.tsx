// Fading trails: the last TRAIL_LENGTH moves of the first MAX_TRAILED neurons, as one
// LineSegments. Segments live in a ring of slots laid out slot-major, so each frame writes
// (and uploads) one contiguous slot; the fade comes from each segment's frame stamp in the
// shader instead of rewriting every alpha.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, DynamicDrawUsage, ShaderMaterial } from 'three';
import { useFrameSource } from './frameSource.ts';
import { codeRgbTable } from './codeRgb.ts';

const TRAIL_LENGTH = 24;
const MAX_TRAILED = 2000;
const NEVER = -1e9;

const vertex = /* glsl */ `
attribute vec3 tint;
attribute float stamp;
uniform float now;
varying vec3 vTint;
varying float vAlpha;
void main() {
  vTint = tint;
  vAlpha = 1.0 - (now - stamp) / ${TRAIL_LENGTH.toFixed(1)};
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const fragment = /* glsl */ `
varying vec3 vTint;
varying float vAlpha;
void main() {
  if (vAlpha <= 0.0) discard;
  gl_FragColor = vec4(vTint, 0.55 * vAlpha * vAlpha);
  #include <colorspace_fragment>
}`;

interface TrailState {
  version: number;
  runId: number;
  frame: number;
  primed: boolean;
  m: number;
  k: number;
  prev: Float32Array;
  table: Float32Array;
  projectionVersion: number;
}

export function Trails() {
  const source = useFrameSource();
  const geometry = useMemo(() => new BufferGeometry(), []);
  const material = useMemo(
    () => new ShaderMaterial({ vertexShader: vertex, fragmentShader: fragment, uniforms: { now: { value: 0 } }, transparent: true, depthWrite: false }),
    [],
  );
  const st = useRef<TrailState>({ version: -1, runId: -1, frame: 0, primed: false, m: 0, k: -1, prev: new Float32Array(0), table: codeRgbTable(0), projectionVersion: 0 });

  // the canvas renders on demand: redraw when the trails come or go (reduced motion can
  // switch them while the run is paused and no frame would otherwise arrive)
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    invalidate();
    return () => invalidate();
  }, [invalidate]);

  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);

  useFrame(() => {
    const fd = source, s = st.current;
    if (fd.version === s.version) return;
    s.version = fd.version;
    const m = Math.min(fd.n, MAX_TRAILED);
    if (fd.runId !== s.runId || m !== s.m || fd.k !== s.k) {
      s.runId = fd.runId;
      s.k = fd.k;
      s.table = codeRgbTable(fd.k);
      allocate(geometry, m);
      s.m = m;
      s.frame = 0;
      s.primed = false;
      s.prev = new Float32Array(m * 3);
      material.uniforms.now.value = 0;
    }
    // the frame redrawn in another projection: the old trails were drawn in the old one, so
    // they go, and new ones start from here (a change of view is not a move of the neurons)
    if (fd.projectionVersion !== s.projectionVersion) {
      s.projectionVersion = fd.projectionVersion;
      const stamp = geometry.getAttribute('stamp') as BufferAttribute | undefined;
      if (stamp) {
        (stamp.array as Float32Array).fill(NEVER);
        stamp.clearUpdateRanges();
        stamp.needsUpdate = true;
      }
      s.primed = false;
    }
    // a new run keeps the old positions until its first frame: start the trail from that frame
    if (fd.length === 0) return;
    if (!s.primed) {
      s.prev.set(fd.positions.subarray(0, m * 3));
      s.primed = true;
      return;
    }
    s.frame++;
    const slot = s.frame % TRAIL_LENGTH;
    const pos = geometry.getAttribute('position') as BufferAttribute;
    const tint = geometry.getAttribute('tint') as BufferAttribute;
    const stamp = geometry.getAttribute('stamp') as BufferAttribute;
    const P = pos.array as Float32Array, C = tint.array as Float32Array, S = stamp.array as Float32Array;
    const src = fd.positions, codes = fd.codes, prev = s.prev, table = s.table, maxCode = fd.k + 1;
    const base = slot * m * 2;
    for (let i = 0; i < m; i++) {
      const o = i * 3, v = (base + 2 * i) * 3;
      const x = src[o], y = src[o + 1], z = src[o + 2];
      const ok = Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z);
      const c = Math.min(codes[i], maxCode) * 3;
      P[v] = prev[o];
      P[v + 1] = prev[o + 1];
      P[v + 2] = prev[o + 2];
      P[v + 3] = ok ? x : prev[o];
      P[v + 4] = ok ? y : prev[o + 1];
      P[v + 5] = ok ? z : prev[o + 2];
      for (let e = 0; e < 6; e += 3) {
        C[v + e] = table[c];
        C[v + e + 1] = table[c + 1];
        C[v + e + 2] = table[c + 2];
      }
      S[base + 2 * i] = s.frame;
      S[base + 2 * i + 1] = s.frame;
      if (ok) {
        prev[o] = x;
        prev[o + 1] = y;
        prev[o + 2] = z;
      }
    }
    markSlot(pos, base * 3, m * 6);
    markSlot(tint, base * 3, m * 6);
    markSlot(stamp, base, m * 2);
    material.uniforms.now.value = s.frame;
  });

  return <lineSegments geometry={geometry} material={material} frustumCulled={false} renderOrder={2} />;
}

function allocate(geometry: BufferGeometry, m: number): void {
  geometry.dispose();
  const vertices = m * 2 * TRAIL_LENGTH;
  const stamps = new Float32Array(vertices).fill(NEVER);
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(vertices * 3), 3).setUsage(DynamicDrawUsage));
  geometry.setAttribute('tint', new BufferAttribute(new Float32Array(vertices * 3), 3).setUsage(DynamicDrawUsage));
  geometry.setAttribute('stamp', new BufferAttribute(stamps, 1).setUsage(DynamicDrawUsage));
}

function markSlot(attr: BufferAttribute, start: number, count: number): void {
  attr.clearUpdateRanges();
  attr.addUpdateRange(start, count);
  attr.needsUpdate = true;
}
