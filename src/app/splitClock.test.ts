import { describe, expect, it } from 'vitest';
import { SplitClock } from './splitClock.ts';

describe('SplitClock', () => {
  it('never holds the leader without a follower', () => {
    expect(new SplitClock().holds(5)).toBe(false);
  });

  it('holds while the follower says it is behind, and not once it has withdrawn', () => {
    const clock = new SplitClock();
    let at = 1;
    const release = clock.follow((t) => at < t);
    expect(clock.holds(2)).toBe(true);
    at = 2;
    expect(clock.holds(2)).toBe(false);
    at = 1;
    release();
    expect(clock.holds(2)).toBe(false);
  });

  it('a follower that has been replaced cannot withdraw its successor', () => {
    const clock = new SplitClock();
    const releaseOld = clock.follow(() => true);
    clock.follow(() => true);
    releaseOld();
    expect(clock.holds(1)).toBe(true);
  });

  it('sends the follower to a held frame’s time, else to the time the leader shows', () => {
    const clock = new SplitClock();
    expect(clock.target(3)).toBe(3);
    clock.held = 40;
    expect(clock.target(3)).toBe(40);
    clock.held = null;
    expect(clock.target(3)).toBe(3);
  });

  it('tells the leader when the follower has a new frame, until the leader withdraws', () => {
    const clock = new SplitClock();
    let heard = 0;
    const withdraw = clock.lead(() => heard++);
    clock.arrived();
    expect(heard).toBe(1);
    withdraw();
    clock.arrived();
    expect(heard).toBe(1);
  });
});
