import { describe, expect, it } from 'vitest';
import type { AppState } from '../state/store.ts';
import { averageNone, betaCNone, betaFoldNone, indexMinimumNone } from './noneReasons.ts';

type Info = NonNullable<AppState['info']>;
const info = (spec: Partial<Info['spec']>, pStar = 3, average: Info['average'] = null): Info =>
  ({ spec: { k: 3, geom: 'equi', beta: 0.2, ...spec }, pStar, betaFold: [], average }) as unknown as Info;

describe('why a threshold readout is empty', () => {
  it('names the geometry for a custom Gram matrix, not the kernel', () => {
    const gram = info({ geom: 'gram' });
    for (const text of [betaCNone(gram), betaFoldNone(gram), indexMinimumNone(gram)]) {
      expect(text).toContain('custom Gram matrix');
      expect(text).not.toContain('kernel');
    }
    expect(averageNone(gram)).toContain('custom Gram matrix');
  });

  it('names k = 1, then p* ≤ 2, before blaming the kernel at this k', () => {
    expect(betaCNone(info({ k: 1 }))).toContain('k = 1');
    expect(betaFoldNone(info({}, 2))).toContain('p* = 2');
    expect(indexMinimumNone(info({}, 1))).toContain('p* = 1');
    expect(betaCNone(info({ k: 4 }))).toContain('this kernel at k = 4');
    expect(indexMinimumNone(info({ beta: 0.3 }))).toBe('none at this β');
    expect(averageNone(info({}, 3, { overlap: 0.6, muSpan: 1, muPerp: 1, kind: 'minimum' }))).toBeNull();
  });
});
