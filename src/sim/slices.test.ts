// Slices queued as tasks (slices.ts): one queued at a time however often it is asked for, and
// run again while it says there is more.
import { describe, expect, it } from 'vitest';
import { sliceQueue } from './slices.ts';

const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('sliceQueue', () => {
  it('runs a slice once per request however often it is queued, and again while it has more', async () => {
    const runs: number[] = [];
    let left = 3;
    const queue = sliceQueue(() => {
      runs.push(left);
      return --left > 0;
    });
    queue();
    queue();
    queue();
    for (let i = 0; i < 20 && left > 0; i++) await settled();
    expect(runs).toEqual([3, 2, 1]);
    queue();
    for (let i = 0; i < 5 && runs.length < 4; i++) await settled();
    expect(runs).toEqual([3, 2, 1, 0]);
  });
});
