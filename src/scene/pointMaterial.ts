// Round, screen-sized points with a darker rim, so overlapping neurons stay distinguishable.
import { ShaderMaterial } from 'three';

const vertex = /* glsl */ `
attribute vec3 tint;
uniform float size;
varying vec3 vTint;
void main() {
  vTint = tint;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = size;
}`;

const fragment = /* glsl */ `
varying vec3 vTint;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(c, c);
  if (r2 > 1.0) discard;
  float rim = smoothstep(0.45, 1.0, r2);
  gl_FragColor = vec4(mix(vTint, vTint * 0.3, rim), 1.0);
  #include <colorspace_fragment>
}`;

export function createPointMaterial(): ShaderMaterial {
  return new ShaderMaterial({ vertexShader: vertex, fragmentShader: fragment, uniforms: { size: { value: 6 } } });
}

/** Point diameter in CSS pixels: big for a few neurons, smaller when they would cover the sphere. */
export function pointSizeFor(n: number): number {
  if (n <= 300) return 10;
  if (n <= 2000) return 8;
  if (n <= 20000) return 5.5;
  return 4;
}
