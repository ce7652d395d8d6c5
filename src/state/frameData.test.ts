import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../sim/protocol.ts';
import { FrameData } from './frameData.ts';
import { mapRadius, radialR0 } from './radial.ts';

describe('FrameData radial scale', () => {
  it('draws each neuron at mapRadius of its radius, in its own direction', () => {
    const n = 400, k = 2;
    const fd = new FrameData();
    fd.startRun({ runId: 1, spec: { n, k } } as RunInfo);
    const r0 = radialR0('log', 1e6);
    fd.setRadialR0(r0);
    // radii from well inside r0 to the sphere, in varied directions (and one non-finite point)
    const raw = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const r = 10 ** (-6 + (6 * i) / (n - 1));
      const a = i * 0.7, b = i * 0.3;
      raw.set([r * Math.cos(a) * Math.sin(b + 0.1), r * Math.sin(a) * Math.sin(b + 0.1), r * Math.cos(b + 0.1)], i * 3);
    }
    raw[5] = NaN;
    fd.push(1, -0.5, raw, new Uint8Array(n), new Float64Array(n * k));
    for (let i = 0; i < n; i++) {
      const [x, y, z] = raw.subarray(i * 3, i * 3 + 3);
      const r = Math.hypot(x, y, z);
      const s = r > 0 ? mapRadius(r, r0) / r : 0;
      for (let a = 0; a < 3; a++) {
        const want = raw[i * 3 + a] * s;
        // a non-finite coordinate stays non-finite (the scene keeps such a neuron where it was)
        if (Number.isFinite(want)) expect(fd.positions[i * 3 + a]).toBeCloseTo(want, 6);
        else expect(fd.positions[i * 3 + a]).toBeNaN();
      }
    }
  });
});
