// Round, screen-sized points with a dark outline, so a cluster stays visible over an arrow of
// its own colour and overlapping neurons stay distinguishable. While `radialCue` is on (the
// picture is exact, k ≤ 3), a neuron's distance from the centre is its overlap with span(V):
// near the centre it is still searching, and is drawn smaller and dimmer until it escapes.
import { ShaderMaterial } from 'three';

const vertex = /* glsl */ `
attribute vec3 tint;
uniform float size;
uniform float radialCue;
varying vec3 vTint;
void main() {
  float escaped = mix(1.0, smoothstep(0.05, 0.6, length(position)), radialCue);
  vTint = tint * mix(0.5, 1.0, escaped);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = size * mix(0.6, 1.0, escaped);
}`;

const fragment = /* glsl */ `
varying vec3 vTint;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(c, c);
  if (r2 > 1.0) discard;
  // a lit disc inside a near-black outline about a fifth of the radius wide
  float outline = smoothstep(0.5, 0.66, r2);
  gl_FragColor = vec4(mix(vTint, vec3(0.02, 0.03, 0.06), outline), 1.0);
  #include <colorspace_fragment>
}`;

export function createPointMaterial(): ShaderMaterial {
  // transparent only so three draws the points after the (translucent, depth-less) arrows and
  // shell, i.e. always on top of them; the points themselves are opaque and write depth
  return new ShaderMaterial({
    vertexShader: vertex,
    fragmentShader: fragment,
    uniforms: { size: { value: 6 }, radialCue: { value: 0 } },
    transparent: true,
    depthWrite: true,
  });
}

/** Point diameter in CSS pixels: big for a few neurons, smaller when they would cover the sphere. */
export function pointSizeFor(n: number): number {
  if (n <= 300) return 13;
  if (n <= 2000) return 10;
  if (n <= 20000) return 7;
  return 5;
}
