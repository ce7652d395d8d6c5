// The chooser's three selects never hold the same index vector twice: picking one that another
// slot holds swaps the two.
import { describe, expect, it } from 'vitest';
import { withVector } from './ProjectionControl.tsx';

describe('withVector', () => {
  it('sets a slot, and a vector taken from another slot swaps places with it', () => {
    expect(withVector([1, 4, 7], 2, 9)).toEqual([1, 4, 9]);
    expect(withVector([1, 4, 7], 0, 4)).toEqual([4, 1, 7]);
    expect(withVector([1, 4, 7], 2, 1)).toEqual([7, 4, 1]);
    expect(withVector([1, 4, 7], 1, 4)).toEqual([1, 4, 7]);
    for (const [slot, j] of [[0, 7], [1, 1], [2, 4], [0, 16]] as const) expect(new Set(withVector([1, 4, 7], slot, j)).size).toBe(3);
  });
});
