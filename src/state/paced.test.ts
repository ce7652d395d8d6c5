import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../sim/manualTimers.ts';
import { paced } from './paced.ts';

function setup(interval = 80) {
  const timers = new ManualTimers();
  const committed: [number, number][] = [];
  const p = paced<number>((v) => committed.push([timers.now(), v]), interval, timers);
  return { timers, committed, p };
}

describe('paced', () => {
  it('commits the first value at once, then the latest of each interval at its end', () => {
    const { timers, committed, p } = setup();
    // a drag: a value every 20 ms for 200 ms
    for (let i = 0; i <= 10; i++) {
      p.push(i);
      timers.advance(20);
    }
    timers.advance(200);
    expect(committed).toEqual([[0, 0], [80, 3], [160, 7], [240, 10]]);
  });

  it('a value after a quiet interval goes at once', () => {
    const { timers, committed, p } = setup();
    p.push(1);
    timers.advance(500);
    p.push(2);
    expect(committed).toEqual([[0, 1], [500, 2]]);
    expect(timers.pending).toBe(0);
  });

  it('flush commits a waiting value now, and only once', () => {
    const { timers, committed, p } = setup();
    p.push(1);
    p.push(2);
    timers.advance(10);
    p.flush();
    timers.advance(200);
    expect(committed).toEqual([[0, 1], [10, 2]]);
  });

  it('cancel forgets a waiting value', () => {
    const { timers, committed, p } = setup();
    p.push(1);
    p.push(2);
    p.cancel();
    timers.advance(200);
    expect(committed).toEqual([[0, 1]]);
  });
});
