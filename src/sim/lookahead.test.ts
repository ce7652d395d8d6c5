// The SGD fork stepping in the worker's idle time (lookahead.ts): frames are the very frames of a
// session without it, a request past the fork takes its work, and the fork stops when the page
// stops asking, at the end, for a replay of the plots' history and for a population flow.
import { describe, expect, it } from 'vitest';
import { LOOKAHEAD_WINDOW_MS } from './lookahead.ts';
import { expectCliEnd, session, SGD, SPAN, type Frame } from './sessionHarness.ts';

describe('the SGD fork in idle time', () => {
  it('gives the frames of a run without it, and a request past the fork takes its work', () => {
    const idle = session(SGD);
    const plain = session(SGD);
    const asked = [0.01, 0.02, 0.05, 0.2, 2.5 * SPAN, 3.2 * SPAN, 4 * SPAN];
    let tookOver = false;
    for (const t of asked) {
      let a: Frame, b: Frame;
      do {
        a = idle.advance(t);
        b = plain.advance(t);
        // the frames' times are the page's requests while the fork is behind them
        if (a.t !== b.t) {
          // past the fork: the frame starts from the fork's state, beyond the plain run's cap
          expect(a.t).toBeGreaterThan(b.t);
          tookOver = true;
          while (b.t < a.t) b = plain.advance(a.t);
        }
        expect(Array.from(a.buffers.overlaps)).toEqual(Array.from(b.buffers.overlaps));
        expect(a.counts).toEqual(b.counts);
        expect(a.samples).toBe(b.samples);
        expect(a.failed).toBe(b.failed);
        // the idle time between two requests: a few slices
        for (let i = 0; i < 12 && idle.s.idle(8); i++);
      } while (a.t < t);
    }
    expect(tookOver).toBe(true);
    expectCliEnd(idle);
  });

  it('stops when the page stops asking and at the end of the run', () => {
    const { s, clock, advance, tEnd } = session(SGD);
    advance(0.01);
    expect(s.idle(5)).toBe(true);
    clock.ms += LOOKAHEAD_WINDOW_MS + 1;
    expect(s.idle(5)).toBe(false);
    advance(0.02);
    let slices = 0;
    while (s.idle(1e9) && slices < 100) slices++;
    // one long slice reaches the end, and there it stops
    expect(slices).toBe(0);
    expect(s.idle(5)).toBe(false);
    expect(advance(tEnd).t).toBe(tEnd);
  });

  it('a replay of the plots’ history has all its samples, the fork ahead or not', () => {
    const { s, advance } = session(SGD);
    advance(0.01);
    while (s.idle(1e9));
    const history = [0.02, 0.5 * SPAN, SPAN, 1.5 * SPAN];
    let times: number[] = [];
    let f: Frame;
    do {
      f = advance(2 * SPAN, history);
      times = times.concat(Array.from(f.history?.times ?? []));
    } while (f.t < 2 * SPAN && f.history && f.history.times.length < history.length);
    expect(times).toEqual(history);
  });

  it('a frame with the plots’ samples on the way takes the fork’s work up to the first of them, and gives the frame and samples of a run without it', () => {
    const idle = session(SGD);
    const plain = session(SGD);
    idle.advance(0.01);
    plain.advance(0.01);
    while (idle.s.idle(1e9));
    const history = [0.5 * SPAN, 0.75 * SPAN];
    const a = idle.advance(SPAN, history);
    const b = plain.advance(SPAN, history);
    expect(a.t).toBe(b.t);
    expect(Array.from(a.history!.times)).toEqual(history);
    expect(Array.from(a.history!.traces)).toEqual(Array.from(b.history!.traces));
    expect(Array.from(a.buffers.overlaps)).toEqual(Array.from(b.buffers.overlaps));
  });

  it('a population flow has no fork: idle has nothing to do', () => {
    const { s, advance } = session({ d: 100, n: 5, k: 3 });
    advance(1);
    expect(s.idle(5)).toBe(false);
  });
});
