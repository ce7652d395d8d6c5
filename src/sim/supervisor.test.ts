import { describe, expect, it } from 'vitest';
import { ManualTimers } from './manualTimers.ts';
import { allowance, FLOOR_MS, seconds, SLACK, Watchdog } from './supervisor.ts';

function watched() {
  const timers = new ManualTimers();
  const lost: number[] = [];
  const dog = new Watchdog(timers, (silent) => lost.push(silent));
  return { timers, lost, dog };
}

describe('the bound on a silence', () => {
  it('is SLACK times the expected work, never under the floor; unknown work is not bounded', () => {
    expect(allowance(0)).toBe(FLOOR_MS);
    expect(allowance(FLOOR_MS / SLACK / 2)).toBe(FLOOR_MS);
    expect(allowance(2000)).toBe(SLACK * 2000);
    expect(allowance(Infinity)).toBe(Infinity);
    expect(seconds(4003)).toBe('4 s');
    expect(seconds(120)).toBe('1 s');
  });
});

describe('Watchdog', () => {
  it('fires once the worker has been silent for the bound while the page waits', () => {
    const { timers, lost, dog } = watched();
    dog.heard();
    dog.wait(10);
    timers.advance(FLOOR_MS - 1);
    expect(lost).toEqual([]);
    timers.advance(1);
    expect(lost).toEqual([FLOOR_MS]);
    // it fires once, not again
    timers.advance(10 * FLOOR_MS);
    expect(lost).toHaveLength(1);
  });

  it('times nothing before the worker first speaks (its code loading), nor while nothing is awaited', () => {
    const { timers, lost, dog } = watched();
    dog.wait(10);
    timers.advance(60_000);
    expect(lost).toEqual([]);
    dog.heard(); // ready: from now on
    timers.advance(FLOOR_MS - 1);
    expect(lost).toEqual([]);
    dog.idle();
    timers.advance(60_000);
    expect(lost).toEqual([]);
    expect(timers.pending).toBe(0);
  });

  it('every message starts the silence again: a long request that says it is going never fires', () => {
    const { timers, lost, dog } = watched();
    dog.heard();
    dog.wait(10);
    for (let i = 0; i < 100; i++) {
      timers.advance(FLOOR_MS - 100);
      dog.heard();
    }
    expect(lost).toEqual([]);
  });

  it('a request queued behind one in progress does not restart the silence; a longer expectation extends it', () => {
    const { timers, lost, dog } = watched();
    dog.heard();
    dog.wait(10);
    timers.advance(3000);
    dog.wait(10); // queued: still counted from the first
    timers.advance(1000);
    expect(lost).toEqual([FLOOR_MS]);

    const second = watched();
    second.dog.heard();
    second.dog.wait(10);
    second.timers.advance(3000);
    second.dog.wait(1000); // measured: the work takes longer than thought
    second.timers.advance(SLACK * 1000 - 3000 - 1);
    expect(second.lost).toEqual([]);
    second.timers.advance(1);
    expect(second.lost).toEqual([SLACK * 1000]);
  });

  it('work of unknown length is not bounded until it is measured', () => {
    const { timers, lost, dog } = watched();
    dog.heard();
    dog.wait(Infinity);
    timers.advance(600_000);
    expect(lost).toEqual([]);
    dog.wait(100);
    expect(lost).toEqual([]);
    timers.advance(0);
    expect(lost).toEqual([600_000]);
  });

  it('a deadline that fires late because the page itself was held up gives the answer a moment more', () => {
    const { timers, lost, dog } = watched();
    dog.heard();
    dog.wait(10);
    timers.stall(FLOOR_MS + 5000);
    timers.advance(0);
    expect(lost).toEqual([]);
    // the answer was waiting behind the stall
    dog.heard();
    dog.idle();
    timers.advance(60_000);
    expect(lost).toEqual([]);
    // without one, the grace runs out
    dog.wait(10);
    timers.stall(FLOOR_MS + 5000);
    timers.advance(0);
    timers.advance(1000);
    expect(lost).toHaveLength(1);
  });
});
