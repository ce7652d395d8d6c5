// The palette as linear RGB for the point and trail buffers; kept out of view/palette.ts so the
// plots and controls that share the palette do not depend on three.
import { Color } from 'three';
import { codeColour } from '../view/palette.ts';

/** Linear RGB triples of codes 0..k+1, for writing straight into colour buffers. */
export function codeRgbTable(k: number): Float32Array {
  const out = new Float32Array((k + 2) * 3);
  const c = new Color();
  for (let code = 0; code < k + 2; code++) {
    c.set(codeColour(code, k));
    out[code * 3] = c.r;
    out[code * 3 + 1] = c.g;
    out[code * 3 + 2] = c.b;
  }
  return out;
}
