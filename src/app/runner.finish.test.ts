// Jump to end and early finish in the page's runner, against a fake flow worker: what it asks
// the worker for, and what reaches the readout and the link.
import { afterEach, describe, expect, it } from 'vitest';
import { replayedTimes } from '../sim/clock.ts';
import { frameData } from '../state/frameData.ts';
import { encode } from '../url/codec.ts';
import { FAKE_AUTO_END } from './fakeFlowWorker.ts';
import { startRunner } from './runner.ts';
import { testPage } from './testPage.ts';

let stop = () => {};
afterEach(() => stop());

function started(query: string) {
  const page = testPage(query);
  stop = startRunner(page.store, page.deps);
  page.settle();
  return { ...page, worker: page.workers[0] };
}

describe('Jump to end', () => {
  it('asks once for the end with the plots’ samples on the way, and ends the run there, link included', () => {
    const page = started('k=2&n=4&speed=1');
    for (let i = 0; i < 5; i++) page.frame();
    const from = { t: frameData.t, length: frameData.length };
    page.store.getState().toEnd();
    page.frame();
    const finishes = page.worker.sent.filter((m) => m.type === 'finish');
    expect(finishes).toEqual([expect.objectContaining({ history: replayedTimes(FAKE_AUTO_END, from) })]);
    const s = page.store.getState();
    expect(frameData.t).toBe(FAKE_AUTO_END);
    expect(s).toMatchObject({ playing: false, finished: true });
    expect(s.readout.t).toBe(FAKE_AUTO_END);
    expect(s.readout.settledAt).toBeUndefined();
    expect(encode(s.params)).toContain(`t=${FAKE_AUTO_END}`);
    // nothing more is asked for, and a second jump at the end asks nothing either
    const sent = page.worker.sent.length;
    page.store.getState().toEnd();
    for (let i = 0; i < 5; i++) page.frame();
    expect(page.worker.sent).toHaveLength(sent);
  });

  it('works while paused, and from a paused link before its replay has landed', () => {
    const page = testPage('k=2&n=4&t=0.5');
    stop = startRunner(page.store, page.deps);
    page.store.getState().toEnd();
    page.settle();
    for (let i = 0; i < 3; i++) page.frame();
    const [worker] = page.workers;
    expect(worker.finishes).toBe(1);
    expect(frameData.t).toBe(FAKE_AUTO_END);
    expect(page.store.getState()).toMatchObject({ playing: false, finished: true });
    expect(page.store.getState().params.t).toBe(FAKE_AUTO_END);
  });
});

describe('a long jump, in slices', () => {
  it('asks again from where each slice got to until T; Pause stops it there', () => {
    const page = started('k=2&n=4&speed=1');
    page.worker.finishSlice = 300;
    page.store.getState().toEnd();
    page.frame();
    expect(frameData.t).toBe(300);
    page.frame();
    expect(frameData.t).toBe(600);
    expect(page.store.getState().finished).toBe(false);
    page.store.getState().pause();
    for (let i = 0; i < 5; i++) page.frame();
    expect(page.worker.finishes).toBe(2);
    expect(frameData.t).toBe(600);
    expect(page.store.getState().params.t).toBe(600);
    // a new jump goes on to the end
    page.store.getState().toEnd();
    for (let i = 0; i < 5; i++) page.frame();
    expect(page.worker.finishes).toBe(4);
    expect(frameData.t).toBe(FAKE_AUTO_END);
    expect(page.store.getState()).toMatchObject({ playing: false, finished: true });
  });
});

describe('early finish', () => {
  it('a playing run whose frame says every neuron is at rest finishes at once and says when it settled', () => {
    const page = testPage('k=2&n=4&speed=1');
    stop = startRunner(page.store, page.deps);
    page.workers[0].settleAt = 0.05;
    page.settle();
    const worker = page.workers[0];
    let firstAtRest = NaN;
    for (let i = 0; i < 200 && page.store.getState().playing; i++) {
      page.frame();
      if (Number.isNaN(firstAtRest) && frameData.t >= 0.05) firstAtRest = frameData.t;
    }
    expect(worker.finishes).toBe(1);
    // the frames asked for while playing stopped at the first that said so
    expect(Math.max(...worker.advances)).toBe(firstAtRest);
    const s = page.store.getState();
    expect(s).toMatchObject({ playing: false, finished: true });
    expect(frameData.t).toBe(FAKE_AUTO_END);
    // the time the worker says the run settled, not the frame's that brought the news
    expect(firstAtRest).toBeGreaterThan(0.05);
    expect(s.readout.settledAt).toBe(0.05);
  });

  it('a run that settled before a jump to the end says so at the end, as the early finish does', () => {
    const page = started('k=2&n=4&t=0.5');
    page.worker.settleAt = 0.2;
    page.store.getState().toEnd();
    for (let i = 0; i < 3; i++) page.frame();
    expect(frameData.t).toBe(FAKE_AUTO_END);
    expect(page.store.getState().readout.settledAt).toBe(0.2);
  });

  it('a paused run is not finished early: a step stays a step', () => {
    const page = testPage('k=2&n=4&t=0.5');
    stop = startRunner(page.store, page.deps);
    page.workers[0].settleAt = 0.01;
    page.settle();
    page.store.getState().step();
    for (let i = 0; i < 3; i++) page.frame();
    expect(page.workers[0].finishes).toBe(0);
    expect(frameData.t).toBeLessThan(1);
    expect(page.store.getState().finished).toBe(false);
  });
});
