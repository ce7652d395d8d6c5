// Screen-sized points with a dark outline, so a cluster stays visible over an arrow of its own
// colour and overlapping neurons stay distinguishable: discs, or diamonds for index vectors
// 9–16 (view/palette.ts). While `radialCue` is on (the picture is exact, k ≤ 3), a neuron's distance
// from the centre is its overlap with span(V): near the centre it is still searching, and is
// drawn smaller and dimmer until it escapes. For tens of thousands of neurons the points turn
// translucent (`opacity`), so overlapping dots add up and density reads as density.
import { NormalBlending, ShaderMaterial } from 'three';

const vertex = /* glsl */ `
attribute vec3 tint;
attribute float shape;
uniform float size;
uniform float radialCue;
varying vec3 vTint;
varying float vShape;
void main() {
  float escaped = mix(1.0, smoothstep(0.05, 0.6, length(position)), radialCue);
  vTint = tint * mix(0.5, 1.0, escaped);
  vShape = shape;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = size * mix(0.6, 1.0, escaped);
}`;

const fragment = /* glsl */ `
uniform float opacity;
varying vec3 vTint;
varying float vShape;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  // disc: r² = |c|²; diamond: the L1 norm, squared so the outline width matches
  float l1 = abs(c.x) + abs(c.y);
  float r2 = vShape > 0.5 ? l1 * l1 : dot(c, c);
  if (r2 > 1.0) discard;
  // a lit shape inside a near-black outline about a fifth of the radius wide
  float outline = smoothstep(0.5, 0.66, r2);
  gl_FragColor = vec4(mix(vTint, vec3(0.02, 0.03, 0.06), outline), opacity);
  #include <colorspace_fragment>
}`;

export function createPointMaterial(): ShaderMaterial {
  // transparent so three draws the points after the (translucent, depth-less) arrows and
  // shell, i.e. always on top of them; opaque points write depth, translucent ones do not
  return new ShaderMaterial({
    vertexShader: vertex,
    fragmentShader: fragment,
    uniforms: { size: { value: 6 }, radialCue: { value: 0 }, opacity: { value: 1 } },
    transparent: true,
    depthWrite: true,
    blending: NormalBlending,
  });
}

/** Point diameter in CSS pixels for a view about 700 px wide: big for a few neurons, smaller when they would cover the sphere. */
export function pointSizeFor(n: number): number {
  if (n <= 300) return 13;
  if (n <= 2000) return 10;
  if (n <= 20000) return 7;
  return 5;
}

/** Scales point sizes with the view: a phone's 350 px view gets smaller dots than a projector's. */
export function viewScale(viewCssWidth: number): number {
  return Math.min(1.4, Math.max(0.6, viewCssWidth / 700));
}

/** Opacity of each point: 1 up to 5000 neurons, then falling so 10⁵ dots read as a density. */
export function pointOpacityFor(n: number): number {
  return n <= 5000 ? 1 : Math.max(0.3, Math.sqrt(5000 / n));
}
