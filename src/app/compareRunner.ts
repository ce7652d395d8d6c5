// The split view's second worker (compare=…). It runs the second run of the link (see
// src/url/comparison.ts) from the same seed and follows the page's clock: it asks for the
// page's latest time, and the page's runner waits (the shared SplitClock) until it has got
// there, so both panes always show the same t. A fault of its worker stops the page too (one
// clock for both), says so in both places, and the new worker carries on from the pane's frame.
import { compareFrames, compareStore } from '../state/compareData.ts';
import { frameData } from '../state/frameData.ts';
import type { AppState, AppStore } from '../state/store.ts';
import { modelSpecOf } from '../url/codec.ts';
import { comparedRun } from '../url/compare.ts';
import { SimClient } from '../sim/client.ts';
import { replayedTimes } from '../sim/clock.ts';
import { projectionOf } from './projection.ts';
import { pageRunnerDeps, type RunnerDeps } from './runnerDeps.ts';
import { specKey } from '../core/model/model.ts';

const READOUT_INTERVAL_MS = 100;

export function startCompareRunner(store: AppStore, { createWorker, loop, clock, timers, frameWork }: RunnerDeps = pageRunnerDeps): () => void {
  let client: SimClient | null = null;
  let current: string | null = null;
  let lastReadout = 0;
  let tEnd = Infinity;
  // the second pane follows the page's projection (k > 3), drawn for its own k
  let secondParams: AppState['params'] | null = null;
  let drawnIn = '';
  // after a fault, the new worker's run keeps the pane's frame and history: its next request
  // seeks to the page's time (the state there does not depend on the way, clock.ts)
  let resuming = false;

  const stop = () => {
    client?.dispose();
    client = null;
  };

  const sync = (s: AppState) => {
    // Play (or any change that clears the page's notice) clears the pane's
    if (s.fault === null && compareStore.getState().fault !== null) compareStore.setState({ fault: null });
    const compared = comparedRun(s.params);
    const second = compared.ok ? compared.value : null;
    const spec = second ? modelSpecOf(second.params) : null;
    // a reset of the page's run restarts this one too: both start together
    const key = spec ? `${specKey(spec)}#${s.resetNonce}` : null;
    if (key === current) return;
    current = key;
    stop();
    tEnd = Infinity;
    resuming = false;
    if (!second || !spec) {
      compareStore.setState({ labels: null, info: null, readout: null, fault: null });
      return;
    }
    compareStore.setState({ labels: { left: second.leftLabel, right: second.rightLabel }, info: null, readout: null, fault: null });
    secondParams = second.params;
    const c: SimClient = new SimClient(createWorker, {
      onConfigured(info) {
        tEnd = info.tEnd;
        if (resuming) compareFrames.adopt(info);
        else compareFrames.startRun(info);
        resuming = false;
        compareStore.setState({ info });
      },
      onFrame(frame) {
        if (frame.history) compareFrames.pushHistory(frame.history);
        compareFrames.push(frame.t, frame.loss, frame.buffers.positions, frame.buffers.codes, frame.buffers.overlaps, frame.generalizationError);
        c.recycle(frame.buffers);
        const now = loop.now();
        if (now - lastReadout > READOUT_INTERVAL_MS || frame.t >= tEnd || frame.t >= frameData.t) {
          lastReadout = now;
          compareStore.setState({
            readout: { t: frame.t, loss: frame.loss, counts: frame.counts, failed: frame.failed, computeMs: frame.stats.computeMs, generalizationError: frame.generalizationError },
          });
        }
        // the page's frame that waited for this one goes on screen with it
        clock.arrived();
      },
      onProjected(msg) {
        if (msg.buffers) {
          compareFrames.reproject(msg.buffers.positions, msg.buffers.codes);
          c.recycle(msg.buffers);
        }
        const info = compareStore.getState().info;
        if (info && info.runId === msg.runId) compareStore.setState({ info: { ...info, ...msg.view } });
      },
      onFault(message) {
        resuming = compareFrames.length > 0 && compareFrames.t > 0;
        const said = `${message}; restarted from ${resuming ? `the last frame (t = ${compareFrames.t.toPrecision(4)})` : 'the seeded start'}`;
        compareStore.setState({ fault: said });
        // the page's notice first: a store change without one clears the pane's (sync)
        store.setState({ fault: `in the pane ${second.rightLabel}, ${said}` });
        store.getState().pause();
      },
    }, timers);
    client = c;
    const projection = projectionOf({ ...second.params, proj: s.params.proj });
    drawnIn = JSON.stringify(projection);
    c.configure(spec, projection);
  };

  sync(store.getState());
  const unsubscribe = store.subscribe(sync);

  // the page waits while this run is behind its time (unless this one has ended or failed)
  const release = clock.follow((t) => client !== null && compareStore.getState().fault === null && compareFrames.t < Math.min(t, tEnd));

  let raf = 0;
  const tick = () => {
    raf = loop.request(tick);
    if (!client || client.busy) return;
    if (secondParams && compareFrames.length > 0) {
      const projection = projectionOf({ ...secondParams, proj: store.getState().params.proj });
      const drawn = JSON.stringify(projection);
      if (drawn !== drawnIn && client.project(projection)) {
        drawnIn = drawn;
        return;
      }
    }
    // the page's frame waiting for this pane, if any (a jump: a paused link's time, the end)
    const target = Math.min(clock.target(frameData.t), tEnd);
    // the first frame (t = 0), then whenever the page's clock has moved on; a jump (a paused
    // link) brings the plots' samples on the way; frames as large as the page's, so the two
    // panes keep one pace
    if (compareFrames.length === 0 || target > compareFrames.t) client.request(target, replayedTimes(target, compareFrames), frameWork());
  };
  raf = loop.request(tick);

  return () => {
    loop.cancel(raf);
    unsubscribe();
    stop();
    release();
  };
}
