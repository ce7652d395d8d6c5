// The split view's two runners on one clock, against fake flow workers: the second pane asks
// for the page's time, and the page does not move on until the second pane has shown it.
import { afterEach, describe, expect, it } from 'vitest';
import { compareFrames, compareStore } from '../state/compareData.ts';
import { frameData } from '../state/frameData.ts';
import { startCompareRunner } from './compareRunner.ts';
import { startRunner } from './runner.ts';
import { testPage } from './testPage.ts';
import { FLOOR_MS } from '../sim/supervisor.ts';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function splitPage(query: string) {
  const page = testPage(query);
  stops.push(startRunner(page.store, page.deps));
  const stopCompare = startCompareRunner(page.store, page.deps);
  stops.push(stopCompare);
  page.settle();
  return { ...page, stopCompare };
}

describe('the frame work of a sampled run (software rendering: RunnerDeps.frameWork)', () => {
  it('both panes ask with the page’s frame work, and without it when there is none', () => {
    for (const work of [undefined, 3e8]) {
      const page = testPage('dyn=sgd&d=20&n=4&k=2&compare=beta:0.3');
      page.deps.frameWork = () => work;
      stops.push(startRunner(page.store, page.deps), startCompareRunner(page.store, page.deps));
      page.settle();
      for (let i = 0; i < 10; i++) page.frame();
      const asked = (w: (typeof page.workers)[number]) => w.sent.flatMap((m) => (m.type === 'advance' && m.t > 0 ? [m.frameWork] : []));
      expect(page.workers).toHaveLength(2);
      for (const w of page.workers) {
        expect(asked(w).length).toBeGreaterThan(2);
        expect(new Set(asked(w))).toEqual(new Set([work]));
      }
      stops.splice(0).forEach((stop) => stop());
    }
  });
});

describe('the split view’s clock', () => {
  it('runs the second run (the other loss) beside the page’s', () => {
    const page = splitPage('k=2&n=4&compare=loss');
    const [lead, follow] = page.workers;
    expect(lead.sent[0]).toMatchObject({ type: 'configure', spec: { loss: 'corr' } });
    expect(follow.sent[0]).toMatchObject({ type: 'configure', spec: { loss: 'mse' } });
    expect(compareStore.getState().labels).toEqual({ left: 'loss=corr', right: 'loss=mse' });
  });

  it('the page moves on only once the second pane has reached its time, and shows no time that pane has not reached; the second pane asks for exactly the page’s times', () => {
    const page = splitPage('k=2&n=4&compare=loss');
    const [lead, follow] = page.workers;
    for (let i = 0; i < 40; i++) {
      const shown = frameData.t, second = compareFrames.t;
      const asked = lead.advances.length;
      page.frame();
      if (lead.advances.length > asked) expect(second).toBeGreaterThanOrEqual(shown);
      // the page's frame waits for the second pane's and goes on screen as that one arrives
      expect(frameData.t).toBe(compareFrames.t);
    }
    expect(lead.advances.length).toBeGreaterThanOrEqual(20);
    expect(new Set([0, ...lead.advances])).toEqual(new Set([0, ...lead.advances, ...follow.advances]));
    // paused, the second pane catches up: the same t in both panes and in both readouts
    page.store.getState().pause();
    page.frame();
    expect(compareFrames.t).toBe(frameData.t);
    expect(compareStore.getState().readout!.t).toBe(frameData.t);
  });

  it('without a comparison, or once the second pane has stopped, the page never waits', () => {
    const alone = splitPage('k=2&n=4');
    expect(alone.workers).toHaveLength(1);
    for (let i = 1; i <= 5; i++) {
      alone.frame();
      expect(alone.workers[0].advances).toHaveLength(1 + i);
    }
    stops.splice(0).forEach((stop) => stop());

    const page = splitPage('k=2&n=4&compare=loss');
    const [lead, follow] = page.workers;
    page.frame();
    page.frame();
    page.stopCompare();
    expect(follow.terminated).toBe(true);
    const asked = lead.advances.length;
    for (let i = 1; i <= 5; i++) {
      page.frame();
      expect(lead.advances).toHaveLength(asked + i);
    }
  });
});

describe('the split view’s clock at a jump', () => {
  /** Delivers the page's replies first, then the second pane's, frame by frame, and checks after each landing that the page never shows a time the second pane has not reached. */
  function runChecked(page: ReturnType<typeof testPage>, frames: number) {
    const [lead, follow] = page.workers;
    for (let i = 0; i < frames; i++) {
      page.loop.frame(16);
      lead.deliver();
      expect(frameData.t, `frame ${i}: the page ahead of the second pane`).toBeLessThanOrEqual(compareFrames.t);
      follow.deliver();
      expect(frameData.t).toBeLessThanOrEqual(compareFrames.t);
    }
  }

  it('a paused link’s time: the page’s frame there waits until the second pane is there too, then both readouts say it', () => {
    const page = testPage('k=2&n=4&T=40&t=30&compare=beta:0.35');
    stops.push(startRunner(page.store, page.deps), startCompareRunner(page.store, page.deps));
    runChecked(page, 12);
    expect(frameData.t).toBe(30);
    expect(compareFrames.t).toBe(30);
    expect(page.store.getState().readout!.t).toBe(30);
    expect(compareStore.getState().readout!.t).toBe(30);
  });

  it('jump to end: the page shows its end only once the second pane is at its end too', () => {
    const page = testPage('k=2&n=4&T=40&compare=beta:0.35');
    stops.push(startRunner(page.store, page.deps), startCompareRunner(page.store, page.deps));
    for (let i = 0; i < 6; i++) page.frame();
    // paused, the second pane catches up; from there on the panes must never part
    page.store.getState().pause();
    page.frame();
    expect(frameData.t).toBeGreaterThan(0);
    page.store.getState().toEnd();
    runChecked(page, 12);
    expect(page.store.getState().readout!.t).toBe(40);
    expect(page.store.getState().finished).toBe(true);
    expect(compareStore.getState().readout!.t).toBe(40);
  });
});

describe('the split view when the second pane’s worker stops answering', () => {
  it('the page stops with it and says so in both places; Play clears both and the second pane carries on from its frame', () => {
    const page = splitPage('k=2&n=4&compare=beta:0.35');
    const [, follow] = page.workers;
    for (let i = 0; i < 12; i++) page.frame();
    const shown = frameData.t;
    expect(compareFrames.t).toBeGreaterThan(0);
    follow.stop();
    page.frame(); // the page moves on once more; the second pane asks for it and gets nothing
    page.frame();
    const held = frameData.t;
    expect(held).toBeGreaterThanOrEqual(shown);
    const second = compareFrames.t;
    page.timers.advance(FLOOR_MS);
    const said = `the flow worker did not answer for 4 s; restarted from the last frame (t = ${second.toPrecision(4)})`;
    expect(compareStore.getState().fault).toBe(said);
    expect(page.store.getState().fault).toBe(`in the pane beta=0.35, ${said}`);
    expect(page.store.getState().playing).toBe(false);
    expect(page.store.getState().params.t).toBe(frameData.t);
    expect(follow.terminated).toBe(true);
    const fresh = page.workers[2];
    page.settle();
    // its frame and history stay while paused
    expect(compareFrames.t).toBe(second);
    expect(compareFrames.runId).toBe(fresh.sent[0].runId);
    page.store.getState().play();
    expect(compareStore.getState().fault).toBeNull();
    for (let i = 0; i < 10; i++) page.frame();
    expect(frameData.t).toBeGreaterThan(held);
    // the new worker went straight to the page's time, and both panes show the same t
    expect(fresh.advances[0]).toBeGreaterThanOrEqual(held);
    page.store.getState().pause();
    page.frame();
    page.frame();
    expect(compareFrames.t).toBe(frameData.t);
  });
});
