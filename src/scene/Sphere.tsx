// The unit sphere: a translucent shell, brighter at its rim so it reads as a ball while
// everything inside stays visible, an optional graticule, and a faint glow at the centre
// where neurons that are still searching outside span(V) sit.
import { useMemo } from 'react';
import { AdditiveBlending, BufferGeometry, Float32BufferAttribute, ShaderMaterial, FrontSide } from 'three';

const shellVertex = /* glsl */ `
varying vec3 vNormal;
varying vec3 vView;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  vNormal = normalize(normalMatrix * normal);
  vView = normalize(-mv.xyz);
  gl_Position = projectionMatrix * mv;
}`;

const shellFragment = /* glsl */ `
uniform vec3 tint;
varying vec3 vNormal;
varying vec3 vView;
void main() {
  float facing = abs(dot(normalize(vNormal), normalize(vView)));
  float rim = pow(1.0 - facing, 2.2);
  gl_FragColor = vec4(tint, 0.045 + 0.38 * rim);
  #include <colorspace_fragment>
}`;

const glowVertex = /* glsl */ `
varying vec2 vUv;
void main() {
  vUv = uv * 2.0 - 1.0;
  // a camera-facing quad: offset in view space
  vec4 mv = modelViewMatrix * vec4(0.0, 0.0, 0.0, 1.0);
  mv.xy += position.xy;
  gl_Position = projectionMatrix * mv;
}`;

const glowFragment = /* glsl */ `
varying vec2 vUv;
void main() {
  float r = length(vUv);
  if (r > 1.0) discard;
  float a = 0.3 * pow(1.0 - r, 1.6);
  gl_FragColor = vec4(vec3(0.55, 0.7, 1.0) * a, a);
  #include <colorspace_fragment>
}`;

/** Meridians every 30° and parallels every 30° as one LineSegments geometry. */
function graticule(): BufferGeometry {
  const pts: number[] = [];
  const seg = 96;
  const push = (a: [number, number, number], b: [number, number, number]) => pts.push(...a, ...b);
  for (let lat = -60; lat <= 60; lat += 30) {
    const phi = (lat * Math.PI) / 180, r = Math.cos(phi), y = Math.sin(phi);
    for (let s = 0; s < seg; s++) {
      const a0 = (s / seg) * 2 * Math.PI, a1 = ((s + 1) / seg) * 2 * Math.PI;
      push([r * Math.cos(a0), y, r * Math.sin(a0)], [r * Math.cos(a1), y, r * Math.sin(a1)]);
    }
  }
  for (let lon = 0; lon < 180; lon += 30) {
    const th = (lon * Math.PI) / 180;
    for (let s = 0; s < seg; s++) {
      const a0 = (s / seg) * 2 * Math.PI, a1 = ((s + 1) / seg) * 2 * Math.PI;
      push(
        [Math.cos(a0) * Math.cos(th), Math.sin(a0), Math.cos(a0) * Math.sin(th)],
        [Math.cos(a1) * Math.cos(th), Math.sin(a1), Math.cos(a1) * Math.sin(th)],
      );
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(pts, 3));
  return g;
}

export function Sphere({ grid, glow }: { grid: boolean; glow: boolean }) {
  const shell = useMemo(
    () =>
      new ShaderMaterial({
        vertexShader: shellVertex,
        fragmentShader: shellFragment,
        uniforms: { tint: { value: [0.42, 0.56, 0.86] } },
        transparent: true,
        depthWrite: false,
        side: FrontSide,
      }),
    [],
  );
  const glowMaterial = useMemo(
    () => new ShaderMaterial({ vertexShader: glowVertex, fragmentShader: glowFragment, transparent: true, depthWrite: false, blending: AdditiveBlending }),
    [],
  );
  const lines = useMemo(graticule, []);
  return (
    <group>
      <mesh material={shell} renderOrder={2}>
        <sphereGeometry args={[1, 72, 48]} />
      </mesh>
      {grid && (
        <lineSegments geometry={lines} renderOrder={1}>
          <lineBasicMaterial color="#5d74a3" transparent opacity={0.32} depthWrite={false} />
        </lineSegments>
      )}
      {glow && (
        <mesh material={glowMaterial} renderOrder={1} frustumCulled={false}>
          <planeGeometry args={[0.75, 0.75]} />
        </mesh>
      )}
    </group>
  );
}
