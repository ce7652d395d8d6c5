// All neurons as one THREE.Points draw call. The buffers are refilled from frameData in
// useFrame only when its version changed; React never re-renders per frame. The same pass
// counts the neurons still searching (not escaped, by the regime sentence's own test, so the
// hint, the sentence's "m of n escaped" and the equator count add up to n), for the search hint
// (LabelPlacer).
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, DynamicDrawUsage } from 'three';
import { codeRgbTable } from './codeRgb.ts';
import { indexGlyph } from '../view/palette.ts';
import { createPointMaterial, pointOpacityFor, pointSizeFor, viewScale } from './pointMaterial.ts';
import { useFrameSource } from './frameSource.ts';
import { hasEscaped } from '../core/analysis/escape.ts';
import { useViewLabels } from './sceneLabels.ts';

export function Neurons() {
  const geometry = useMemo(() => new BufferGeometry(), []);
  const material = useMemo(createPointMaterial, []);
  // the codes last written to the colour and glyph buffers: those go to the GPU again only when
  // a code changed (at n = 10⁵ they are 1.6 MB a frame, most frames none changes)
  const seen = useRef({ version: -1, k: -1, table: codeRgbTable(0), codes: new Uint8Array(0), codesValid: false });
  const dpr = useThree((s) => s.viewport.dpr);
  const width = useThree((s) => s.size.width);

  // a resized view redraws with its new point size
  useEffect(() => {
    seen.current.version = -1;
    seen.current.codesValid = false;
  }, [width, dpr]);
  const source = useFrameSource();
  const labels = useViewLabels();

  useEffect(() => () => {
    geometry.dispose();
    material.dispose();
  }, [geometry, material]);

  useFrame(() => {
    const fd = source;
    const s = seen.current;
    if (fd.version === s.version) return;
    s.version = fd.version;
    const n = fd.n;
    if (s.k !== fd.k) {
      s.k = fd.k;
      s.table = codeRgbTable(fd.k);
      s.codesValid = false;
    }
    let pos = geometry.getAttribute('position') as BufferAttribute | undefined;
    let tint = geometry.getAttribute('tint') as BufferAttribute | undefined;
    let shape = geometry.getAttribute('shape') as BufferAttribute | undefined;
    if (!pos || pos.count !== n) {
      geometry.dispose();
      pos = new BufferAttribute(new Float32Array(n * 3), 3).setUsage(DynamicDrawUsage);
      tint = new BufferAttribute(new Float32Array(n * 3), 3).setUsage(DynamicDrawUsage);
      shape = new BufferAttribute(new Float32Array(n), 1).setUsage(DynamicDrawUsage);
      geometry.setAttribute('position', pos);
      geometry.setAttribute('tint', tint);
      geometry.setAttribute('shape', shape);
      s.codesValid = false;
    }
    if (s.codes.length !== n) {
      s.codes = new Uint8Array(n);
      s.codesValid = false;
    }
    const out = pos.array as Float32Array, col = tint!.array as Float32Array, glyph = shape!.array as Float32Array;
    const k = fd.k;
    const src = fd.positions, codes = fd.codes, table = s.table, maxCode = fd.k + 1;
    // the hint goes with an exact picture (k ≤ 3), where a searching neuron is the dot near the
    // centre and a neuron at w̄ has every overlap above the escape level (u* ≥ 1/√3)
    const exact = fd.info?.projection === 'exact';
    const overlaps = fd.overlaps.length === n * k ? fd.overlaps : null;
    const written = s.codes;
    let recolour = !s.codesValid;
    let searching = 0;
    for (let i = 0; i < n; i++) {
      const o = i * 3;
      const x = src[o], y = src[o + 1], z = src[o + 2];
      if (exact && overlaps && !hasEscaped(overlaps, i * k, k)) searching++;
      // a non-finite neuron keeps its previous place rather than poisoning the buffer
      if (Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z)) {
        out[o] = x;
        out[o + 1] = y;
        out[o + 2] = z;
      }
      const code = codes[i];
      if (!recolour && code === written[i]) continue;
      recolour = true;
      written[i] = code;
      const c = Math.min(code, maxCode) * 3;
      col[o] = table[c];
      col[o + 1] = table[c + 1];
      col[o + 2] = table[c + 2];
      glyph[i] = code < k && indexGlyph(code) === 'diamond' ? 1 : 0;
    }
    pos.needsUpdate = true;
    if (recolour) {
      tint!.needsUpdate = true;
      shape!.needsUpdate = true;
      s.codesValid = true;
    }
    geometry.setDrawRange(0, n);
    const opacity = pointOpacityFor(n);
    material.uniforms.size.value = pointSizeFor(n) * viewScale(width) * dpr;
    material.uniforms.opacity.value = opacity;
    material.depthWrite = opacity === 1;
    material.uniforms.radialCue.value = exact ? 1 : 0;
    labels.searching = exact && fd.length > 0 ? searching : 0;
  });

  return <points geometry={geometry} material={material} frustumCulled={false} renderOrder={3} />;
}
