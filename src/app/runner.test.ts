// The page's runner against a fake flow worker, frame by frame: what it asks the worker for,
// and what reaches the store and the link.
import { afterEach, describe, expect, it } from 'vitest';
import { nextTarget, playedTimes, replayedTimes, stepTarget } from '../sim/clock.ts';
import { frameData } from '../state/frameData.ts';
import { encode } from '../url/codec.ts';
import { FAKE_AUTO_END } from './fakeFlowWorker.ts';
import { startRunner } from './runner.ts';
import { testPage } from './testPage.ts';
import { FLOOR_MS } from '../sim/supervisor.ts';

let stop = () => {};
afterEach(() => stop());

function started(query: string) {
  const page = testPage(query);
  stop = startRunner(page.store, page.deps);
  page.settle();
  return { ...page, worker: page.workers[0] };
}

describe('playback', () => {
  it('asks for the next t by the speed in decades per second, and shows each frame', () => {
    const page = started('k=2&n=4&speed=1');
    expect(page.worker.advances).toEqual([0]);
    for (let i = 0; i < 60; i++) {
      const before = frameData.t;
      page.frame(16);
      const asked = page.worker.advances.at(-1)!;
      expect(asked).toBe(nextTarget(before, 1, 0.016, FAKE_AUTO_END));
      expect(frameData.t).toBe(asked);
    }
    // 60 frames of 16 ms at one decade per second: about one decade from where playback starts
    expect(frameData.t).toBeCloseTo(0.01 * 10 ** 0.96, 12);
  });

  it("updates the store's readout at most every 100 ms, always to a frame that was shown", () => {
    const page = started('k=2&n=4&speed=1');
    const shown = new Set([frameData.t]);
    const readouts: number[] = [];
    const unsubscribe = page.store.subscribe((s, prev) => {
      if (s.readout !== prev.readout) readouts.push(s.readout.t);
    });
    for (let i = 0; i < 60; i++) {
      page.frame(16);
      shown.add(frameData.t);
    }
    unsubscribe();
    // 960 ms: a refresh every 7th frame (112 ms), not one per frame
    expect(readouts).toHaveLength(8);
    for (const t of readouts) expect(shown.has(t)).toBe(true);
    expect(page.store.getState().readout.t).toBeGreaterThan(0);
    expect(page.store.getState().readout.t).toBeLessThanOrEqual(frameData.t);
  });

  it('stops at the end time, with the end in the readout and in the link', () => {
    const page = started('k=2&n=4&speed=4&T=0.05');
    for (let i = 0; i < 30 && page.store.getState().playing; i++) page.frame(16);
    const s = page.store.getState();
    expect(s).toMatchObject({ playing: false, finished: true });
    expect(frameData.t).toBe(0.05);
    expect(s.readout.t).toBe(0.05);
    expect(s.params.t).toBe(0.05);
    const asked = page.worker.advances.length;
    page.frame();
    expect(page.worker.advances).toHaveLength(asked);
  });
});

describe('a worker that is the limit', () => {
  it('gets the next request as each frame short of the time asked lands, without waiting for an animation frame', () => {
    const page = started('k=2&n=4&speed=1');
    page.worker.frameCap = 1e-4;
    page.loop.frame(16);
    const asked = page.worker.advances.length;
    for (let i = 1; i <= 5; i++) {
      const before = frameData.t;
      page.worker.deliver();
      expect(frameData.t).toBeCloseTo(before + 1e-4, 12);
      expect(page.worker.advances).toHaveLength(asked + i);
      expect(page.worker.advances.at(-1)!).toBeGreaterThan(frameData.t);
    }
  });

  it('does not ask between animation frames when each frame reaches its time, nor once paused', () => {
    const page = started('k=2&n=4&speed=1');
    page.loop.frame(16);
    const asked = page.worker.advances.length;
    page.worker.deliver();
    page.worker.deliver();
    expect(page.worker.advances).toHaveLength(asked);
    page.worker.frameCap = 1e-4;
    page.frame(16);
    page.store.setState({ playing: false });
    const paused = page.worker.advances.length;
    page.worker.deliver();
    page.worker.deliver();
    expect(page.worker.advances).toHaveLength(paused);
  });
});

describe('a β drag', () => {
  it('builds only the last β asked for while a run is being built, then plays it', () => {
    const page = started('k=2&n=4&speed=1');
    for (let i = 0; i < 5; i++) page.frame();
    const configures = () => page.worker.sent.filter((m) => m.type === 'configure');
    expect(configures()).toHaveLength(1);
    // twenty inputs, one per animation frame, each landing before the worker has answered
    for (let i = 1; i <= 20; i++) {
      page.store.getState().setParam('beta', (20 + i) / 100);
      page.loop.frame(16);
    }
    // the first new β went out at once; the other nineteen wait for it, and only the last survives
    expect(configures().map((m) => m.spec.beta)).toEqual([0.2, 0.21]);
    page.settle();
    expect(configures().map((m) => m.spec.beta)).toEqual([0.2, 0.21, 0.4]);
    expect(page.store.getState().info?.spec.beta).toBe(0.4);
    expect(frameData.runId).toBe(page.worker.sent.at(-1)!.runId);
    for (let i = 0; i < 5; i++) page.frame();
    expect(frameData.t).toBeGreaterThan(0);
    expect(page.store.getState().playing).toBe(true);
  });
});

describe('pausing', () => {
  it('writes the time on screen into the link, and a frame still in flight moves the readout and the link together', () => {
    const page = started('k=2&n=4');
    for (let i = 0; i < 10; i++) page.frame();
    page.loop.frame(); // the next frame is asked for…
    const inFlight = page.worker.advances.at(-1)!;
    page.store.getState().pause();
    let s = page.store.getState();
    expect(s.params.t).toBe(frameData.t);
    expect(s.readout.t).toBe(frameData.t);
    page.worker.deliver(); // …and lands after the pause
    s = page.store.getState();
    expect(frameData.t).toBe(inFlight);
    expect(s.readout.t).toBe(inFlight);
    expect(s.params.t).toBe(inFlight);
    expect(encode(s.params)).toContain(`&t=${inFlight}&`);
    const asked = page.worker.advances.length;
    for (let i = 0; i < 5; i++) page.frame();
    expect(page.worker.advances).toHaveLength(asked);
  });

  it('a step while paused goes a tenth of a decade on, and the link follows it', () => {
    const page = started('k=2&n=4');
    for (let i = 0; i < 5; i++) page.frame();
    page.store.getState().pause();
    const from = frameData.t;
    page.store.getState().step();
    page.frame();
    const s = page.store.getState();
    expect(frameData.t).toBe(stepTarget(from, FAKE_AUTO_END));
    expect(s.params.t).toBe(frameData.t);
    expect(s.readout.t).toBe(frameData.t);
  });

  it('a link paused at t opens on the frame at t, with the plots’ samples on the way, and stays there', () => {
    const page = testPage('k=2&n=4&t=0.5');
    expect(page.store.getState().playing).toBe(false);
    stop = startRunner(page.store, page.deps);
    page.settle();
    const [worker] = page.workers;
    const history = replayedTimes(0.5, { t: 0, length: 0 });
    expect(worker.sent.filter((m) => m.type === 'advance')).toEqual([expect.objectContaining({ t: 0.5, history })]);
    expect(frameData.t).toBe(0.5);
    expect(frameData.length).toBe(history.length + 1);
    const s = page.store.getState();
    expect(s.params.t).toBe(0.5);
    expect(s.readout.t).toBe(0.5);
    for (let i = 0; i < 5; i++) page.frame();
    expect(worker.advances).toEqual([0.5]);
  });

  it('asks for frames of the work its deps allow, playing and replaying a paused link’s time', () => {
    for (const query of ['dyn=sgd&d=20&n=4&k=2', 'dyn=sgd&d=20&n=4&k=2&t=0.5']) {
      const page = testPage(query);
      page.deps.frameWork = () => 4e8;
      stop = startRunner(page.store, page.deps);
      page.settle();
      for (let i = 0; i < 5; i++) page.frame();
      const asked = page.workers[0].sent.filter((m) => m.type === 'advance' && m.t > 0);
      expect(asked.length).toBeGreaterThan(0);
      for (const m of asked) expect(m).toMatchObject({ frameWork: 4e8 });
      stop();
      stop = () => {};
    }
  });

  it('a playing frame brings the plots’ samples on the way, on the fixed grid, with the larger work or without', () => {
    for (const work of [4e8, undefined]) {
      const page = testPage('dyn=sgd&d=20&n=4&k=2&speed=4');
      page.deps.frameWork = () => work;
      stop = startRunner(page.store, page.deps);
      page.settle();
      for (let i = 0; i < 20; i++) page.frame(50);
      const advances = page.workers[0].sent.filter((m) => m.type === 'advance' && m.t > 0);
      const sampled = advances.flatMap((m) => (m.type === 'advance' ? m.history ?? [] : []));
      // every grid time is a sample on the way or the time of a frame itself
      const want = playedTimes(0, frameData.t);
      const framed = new Set(advances.flatMap((m) => (m.type === 'advance' ? [m.t] : [])));
      expect(sampled).toEqual(want.filter((h) => !framed.has(h)));
      expect(sampled.length).toBeGreaterThan(work === undefined ? 30 : 60);
      stop();
      stop = () => {};
    }
  });
});

describe('a flow worker that stops answering', () => {
  /** A page playing a few frames; then its worker stops, with a frame asked for. */
  function stoppedMidRun(query = 'k=2&n=4') {
    const page = started(query);
    for (let i = 0; i < 10; i++) page.frame();
    const shown = frameData.t;
    page.worker.stop();
    page.frame(); // the next frame is asked for and never comes
    return { page, shown };
  }

  it('is noticed after the floor of silence: the run pauses with the notice, the link and the screen on the last frame', () => {
    const { page, shown } = stoppedMidRun();
    page.timers.advance(FLOOR_MS - 1);
    expect(page.store.getState().fault).toBeNull();
    page.timers.advance(1);
    const s = page.store.getState();
    expect(s.fault).toBe(`the flow worker did not answer for 4 s; restarted from the last frame (t = ${shown.toPrecision(4)})`);
    expect(s.playing).toBe(false);
    expect(s.params.t).toBe(shown);
    expect(encode(s.params)).toContain(`&t=${shown}&`);
    expect(page.workers[0].terminated).toBe(true);
    expect(frameData.t).toBe(shown);
  });

  it('the new worker goes back to the frame on screen without a redraw from zero, and Play carries on from there', () => {
    const { page, shown } = stoppedMidRun();
    const history = frameData.length;
    page.timers.advance(FLOOR_MS);
    const fresh = page.workers[1];
    page.settle();
    expect(fresh.sent.map((m) => m.type)).toEqual(['configure', 'advance']);
    expect(fresh.advances).toEqual([shown]);
    expect(frameData.t).toBe(shown);
    expect(frameData.runId).toBe(fresh.sent[0].runId);
    expect(frameData.length).toBeGreaterThanOrEqual(history);
    for (let i = 0; i < 5; i++) page.frame();
    expect(fresh.advances).toEqual([shown]); // paused
    page.store.getState().play();
    expect(page.store.getState().fault).toBeNull();
    for (let i = 0; i < 5; i++) page.frame();
    expect(frameData.t).toBeGreaterThan(shown);
    expect(fresh.advances.at(-1)).toBe(frameData.t);
  });

  it('if the new worker fails too before it is back there, Play starts over from the seeded start', () => {
    const { page } = stoppedMidRun();
    page.timers.advance(FLOOR_MS);
    page.workers[1].deliver(); // configured: the seek back is asked for…
    page.workers[1].stop(); // …and never answered
    page.timers.advance(FLOOR_MS);
    expect(page.store.getState().fault).toBe('the flow worker did not answer for 4 s; restarted from the seeded start');
    const third = page.workers[2];
    page.settle();
    expect(third.advances).toEqual([]);
    page.store.getState().play();
    page.frame();
    expect(third.advances).toEqual([0]);
    expect(frameData.t).toBe(0);
    for (let i = 0; i < 5; i++) page.frame();
    expect(frameData.t).toBeGreaterThan(0);
  });

  it('a paused link whose worker stops on the way to its t still opens at t', () => {
    const page = testPage('k=2&n=4&t=0.5');
    stop = startRunner(page.store, page.deps);
    page.workers[0].deliver(); // configured; the replay to t is asked for
    page.workers[0].stop();
    page.timers.advance(FLOOR_MS);
    expect(page.store.getState().fault).toBe('the flow worker did not answer for 4 s; restarted from the seeded start');
    page.settle();
    expect(page.workers[1].advances).toEqual([0.5]);
    expect(frameData.t).toBe(0.5);
    expect(page.store.getState().params.t).toBe(0.5);
  });

  it('a new β while the worker hangs is noticed all the same, and the new run waits for Play', () => {
    const { page } = stoppedMidRun();
    page.store.getState().setParam('beta', 0.3);
    page.timers.advance(FLOOR_MS);
    expect(page.store.getState().fault).toMatch(/did not answer for 4 s; restarted from the seeded start$/);
    page.settle();
    expect(page.workers[1].sent[0]).toMatchObject({ type: 'configure', spec: { beta: 0.3 } });
    expect(frameData.t).toBe(0);
    page.store.getState().play();
    for (let i = 0; i < 5; i++) page.frame();
    expect(frameData.t).toBeGreaterThan(0);
  });
});
