import { describe, expect, it } from 'vitest';
import { basinGrid, gridPoint, gridSize } from '../../core/experiments/basin.ts';
import { cellAt } from './basinTexture.ts';

describe('basin map hover', () => {
  it('finds the cell of every cell centre (the inverse of gridPoint), at any radius', () => {
    const grid = basinGrid(2000);
    const p = new Float64Array(3);
    for (let i = 0; i < gridSize(grid); i++) {
      gridPoint(grid, i, p);
      expect(cellAt(grid, { x: 1.01 * p[0], y: 1.01 * p[1], z: 1.01 * p[2] })).toBe(i);
    }
    expect(cellAt(grid, { x: 0, y: 0, z: 1 })).toBe(0);
    expect(cellAt(grid, { x: 0, y: 0, z: -1 })).toBeLessThan(gridSize(grid));
  });
});
