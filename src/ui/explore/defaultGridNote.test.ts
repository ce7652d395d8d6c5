// The default-grid sentences name the window's added points and why the phase grid is as fine as it is.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../core/model/model.ts';
import { defaultGridNote } from './defaultGridNote.ts';

const BASE: ModelSpec = {
  k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

describe('default grid notes', () => {
  it('the β card names the points inside the window', () => {
    expect(defaultGridNote('beta', BASE)).toContain('0.253, 0.256, 0.258');
  });

  it('the phase card says its grid is finer than the distance between β_c(k)', () => {
    for (const base of [BASE, { ...BASE, p: 4 }]) expect(defaultGridNote('phase', base)).toMatch(/finer than the distance between β_c\(k\)/);
  });
});
