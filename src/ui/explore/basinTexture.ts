// The basin map as a sphere: a lat-long mesh whose v coordinate is linear in z, so each texel
// of an rows×cols texture covers exactly one equal-area grid cell (row 0 at the north pole).
import { BufferAttribute, BufferGeometry, Color, DataTexture, NearestFilter, RGBAFormat, SRGBColorSpace, UnsignedByteType } from 'three';
import type { BasinGrid } from '../../core/experiments/basin.ts';
import { codeColour } from '../../view/palette.ts';
import { PENDING } from './basinRunner.ts';

const PENDING_RGB = [38, 46, 66];

export function basinGeometry(rows: number, segments = 128): BufferGeometry {
  const pos = new Float32Array((rows + 1) * (segments + 1) * 3);
  const uv = new Float32Array((rows + 1) * (segments + 1) * 2);
  for (let r = 0; r <= rows; r++) {
    const z = 1 - (2 * r) / rows;
    const rho = Math.sqrt(Math.max(0, 1 - z * z));
    for (let c = 0; c <= segments; c++) {
      const lon = (2 * Math.PI * c) / segments;
      const i = r * (segments + 1) + c;
      pos[i * 3] = rho * Math.cos(lon);
      pos[i * 3 + 1] = rho * Math.sin(lon);
      pos[i * 3 + 2] = z;
      uv[i * 2] = c / segments;
      uv[i * 2 + 1] = r / rows;
    }
  }
  const index: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < segments; c++) {
      const a = r * (segments + 1) + c, b = a + segments + 1;
      // seen from outside, c grows to the right and r downwards: a, b, a+1 is counter-clockwise
      index.push(a, b, a + 1, a + 1, b, b + 1);
    }
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setAttribute('uv', new BufferAttribute(uv, 2));
  g.setIndex(index);
  g.computeBoundingSphere();
  return g;
}

export function basinTexture(grid: BasinGrid): DataTexture {
  const t = new DataTexture(new Uint8Array(grid.rows * grid.cols * 4), grid.cols, grid.rows, RGBAFormat, UnsignedByteType);
  t.magFilter = NearestFilter;
  t.minFilter = NearestFilter;
  t.colorSpace = SRGBColorSpace;
  t.generateMipmaps = false;
  return t;
}

/** sRGB bytes of codes 0..k+1 from the shared palette (view/palette.ts). */
function codeBytes(k: number): Uint8Array {
  const out = new Uint8Array((k + 2) * 3);
  const c = new Color();
  const rgb = { r: 0, g: 0, b: 0 };
  for (let code = 0; code < k + 2; code++) {
    c.set(codeColour(code, k)).getRGB(rgb, SRGBColorSpace);
    out.set([rgb.r, rgb.g, rgb.b].map((x) => Math.round(x * 255)), code * 3);
  }
  return out;
}

/** Texel r·cols + c is grid cell r·cols + c: the grid's row-major order is the texture's. */
export function paintBasin(t: DataTexture, codes: Uint8Array, k: number): void {
  const data = t.image.data as Uint8Array;
  const table = codeBytes(k);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const o = i * 4;
    if (code === PENDING || code > k + 1) {
      data[o] = PENDING_RGB[0]; data[o + 1] = PENDING_RGB[1]; data[o + 2] = PENDING_RGB[2];
    } else {
      data[o] = table[code * 3]; data[o + 1] = table[code * 3 + 1]; data[o + 2] = table[code * 3 + 2];
    }
    data[o + 3] = 255;
  }
  t.needsUpdate = true;
}

/** The grid cell holding the direction p (any length): the inverse of gridPoint, for hover readouts. */
export function cellAt(grid: BasinGrid, p: { x: number; y: number; z: number }): number {
  const len = Math.hypot(p.x, p.y, p.z) || 1;
  const z = p.z / len;
  const r = Math.min(grid.rows - 1, Math.max(0, Math.floor(((1 - z) * grid.rows) / 2)));
  let lon = Math.atan2(p.y, p.x);
  if (lon < 0) lon += 2 * Math.PI;
  const c = Math.min(grid.cols - 1, Math.floor((lon * grid.cols) / (2 * Math.PI)));
  return r * grid.cols + c;
}
