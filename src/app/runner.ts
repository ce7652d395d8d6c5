// Connects the store to the worker: a new model spec (or a reset) starts a new run, and an
// animation loop asks for the next frame while playing. Frames go to frameData; the store
// only gets a throttled readout. A worker that fails (it threw, sent a bad frame, or stopped
// answering) is restarted by the client; the run pauses with a notice and the new worker goes
// back to the frame on screen, so Play carries on from there.
import { specKey, type ModelSpec } from '../core/model/model.ts';
import { withTime, type AppStore } from '../state/store.ts';
import { frameData } from '../state/frameData.ts';
import { modelSpecOf } from '../url/codec.ts';
import { SimClient, type FrameMessage } from '../sim/client.ts';
import type { RunInfo } from '../sim/protocol.ts';
import { nextTarget, playedTimes, replayedTimes, stepTarget } from '../sim/clock.ts';
import { projectionStore, TOUR_SPEED, tourClock } from '../state/projectionView.ts';
import { prefersReducedMotion } from '../state/motion.ts';
import { projectionOf } from './projection.ts';
import { pageRunnerDeps, type RunnerDeps } from './runnerDeps.ts';
import { PlayRate } from './playRate.ts';

/** Readouts in the store refresh at most this often while playing. */
const READOUT_INTERVAL_MS = 100;

export function startRunner(store: AppStore, { createWorker, loop, clock, timers, frameWork }: RunnerDeps = pageRunnerDeps): () => void {
  let lastReadout = 0;
  let lastTick = loop.now();
  let pendingStep = false;
  let tEnd = Infinity;
  /** the time the last playing request asked for */
  let playTarget = 0;
  // Jump to end (a key, a button, or a playing run whose neurons have all settled): the requests
  // are for the exact state at T, with no frame drawn on the way (sim/flowSession.ts) but one per
  // slice of a long way there, until T is reached, a new run starts, or Play/Pause is pressed
  let pendingEnd = false;
  let settledAt: number | undefined;
  const rate = new PlayRate();
  // a frame that came ahead of the split view's second pane: shown once that pane is there too
  // (splitClock.ts), so a jump never shows one pane at its end and the other on the way
  let heldFrame: FrameMessage | null = null;
  const dropHeld = () => {
    heldFrame = null;
    clock.held = null;
  };
  // after a fault the restarted worker goes back to the frame on screen ('resume'); if it fails
  // on the way there, it waits for Play at the seeded start ('hold', heldInfo), the frame staying
  let recovery: 'resume' | 'hold' | null = null;
  let heldInfo: RunInfo | null = null;
  /** a paused link's time, until a frame has reached it (0: none) */
  let replayGoal = 0;
  const requestReplay = () => client.request(replayGoal, replayedTimes(replayGoal, frameData), frameWork());
  // the projection the worker draws in (as JSON), and whether the last request was a redraw:
  // while playing, redraws and steps take turns so a turning tour never stalls the run
  let drawnIn = '';
  let redrawnLast = false;
  let lastTour = loop.now();
  // a link with proj=tour turns at once, unless the reader asked for reduced motion
  projectionStore.setState({ turning: store.getState().params.proj === 'tour' && !prefersReducedMotion() });

  const client = new SimClient(createWorker, {
    onConfigured(info) {
      tEnd = info.tEnd;
      if (recovery === 'hold') {
        heldInfo = info;
        return;
      }
      const view = { projection: info.projection, indexVectors: info.indexVectors, averagePosition: info.averagePosition };
      if (recovery === 'resume') {
        // the state at a time does not depend on the way there (clock.ts): one seek brings the
        // new worker to the frame on screen, whose plots' history stays
        frameData.adopt(info);
        store.setState({ info });
        projectionStore.setState({ runId: info.runId, view });
        replayGoal = Math.max(replayGoal, frameData.t);
        requestReplay();
        return;
      }
      frameData.startRun(info);
      store.setState({ info });
      projectionStore.setState({ runId: info.runId, view });
      // a link paused at t (`t=`) opens on the frame at t, the same state the CLI reaches with
      // T = t, with the plots' samples on the way there (replayedTimes) in the same reply
      const s = store.getState();
      replayGoal = !s.playing && s.params.t > 0 ? Math.min(s.params.t, info.tEnd) : 0;
      // under reduced motion a model change shows where the run ends, without playing there
      if (s.jumpToEnd) {
        replayGoal = info.tEnd;
        store.setState({ jumpToEnd: false });
      }
      if (replayGoal > 0) requestReplay();
      else client.request(0);
    },
    onFrame(frame) {
      // a split view's panes show one time: a frame ahead of the second pane waits until that
      // pane is there too (a step of play, a jump to a paused link's time or to the end)
      if (clock.holds(frame.t)) {
        heldFrame = frame;
        clock.held = frame.t;
        return;
      }
      show(frame);
    },
    onProjected(msg) {
      if (msg.buffers) {
        if (frameData.runId === msg.runId) frameData.reproject(msg.buffers.positions, msg.buffers.codes);
        client.recycle(msg.buffers);
      }
      if (!heldInfo) projectionStore.setState({ runId: msg.runId, view: msg.view });
    },
    onFault(message) {
      dropHeld();
      const s = store.getState();
      const shown = frameData.runId === client.currentRunId && frameData.length > 0 && frameData.t > 0;
      // a second fault before the new worker got back there is not retried: Play starts over
      const resume = shown && recovery !== 'resume';
      recovery = resume ? 'resume' : shown ? 'hold' : null;
      heldInfo = null;
      const from = resume ? `the last frame (t = ${frameData.t.toPrecision(4)})` : 'the seeded start';
      store.setState({
        fault: `${message}; restarted from ${from}`,
        playing: false,
        // paused on the frame on screen, as a pause leaves it: the link carries its time
        ...(shown && replayGoal === 0 ? { params: withTime(s.params, frameData.t), readout: frameData.readout ?? s.readout } : {}),
      });
    },
  }, timers);

  /**
   * Shows the frame held for the split view's second pane once that pane has it too (with the
   * readout at once, so both panes' captions say the same time); false while it still waits.
   */
  function releaseHeld(): boolean {
    const frame = heldFrame;
    if (!frame) return true;
    if (frame.runId !== client.currentRunId) {
      dropHeld();
      return true;
    }
    if (clock.holds(frame.t)) return false;
    dropHeld();
    show(frame, true);
    return true;
  }
  const unlead = clock.lead(() => void releaseHeld());

  /** A frame of the page's run: on screen, in the readout and (paused or at the end) in the link. */
  function show(frame: FrameMessage, withReadout = false): void {
    if (frame.history) frameData.pushHistory(frame.history);
    frameData.push(frame.t, frame.loss, frame.buffers.positions, frame.buffers.codes, frame.buffers.overlaps, frame.generalizationError, frame.prediction);
    client.recycle(frame.buffers);
    const now = loop.now();
    const done = frame.t >= tEnd;
    const s = store.getState();
    if (frame.settledAt !== undefined) settledAt = frame.settledAt;
    const ends = endEarly(done, s.playing);
    if (done) pendingEnd = false;
    const limit = s.playing && !done && !ends && !pendingEnd ? rate.frame(frame.t, now, s.params.speed) : (rate.reset(), null);
    const readout = {
      t: frame.t, loss: frame.loss, counts: frame.counts, failed: frame.failed, computeMs: frame.stats.computeMs, generalizationError: frame.generalizationError, samples: frame.samples,
      ...(done && settledAt !== undefined ? { settledAt } : {}),
      ...(limit ? { limit } : {}),
    };
    frameData.readout = readout;
    if (frame.t >= replayGoal) replayGoal = 0;
    if (recovery === 'resume' && replayGoal === 0) recovery = null;
    // the worker is the limit when a playing frame falls short of the time asked (online SGD's
    // frames are capped in work): the next one is asked for now, so the worker computes while
    // the page draws this one, instead of idling until the next animation frame
    if (s.playing && !done && !ends && frame.t < playTarget) playOn(now);
    if (withReadout || done || !s.playing || now - lastReadout > READOUT_INTERVAL_MS) {
      lastReadout = now;
      const stopped = done || !s.playing;
      store.setState({
        readout,
        ...(done ? { playing: false, finished: true } : {}),
        // paused or at the end, the link carries the time on screen (a paused link's own
        // time stays in it until a frame reaches it: SGD frames are capped in work)
        ...(stopped && replayGoal === 0 ? { params: withTime(s.params, frame.t) } : {}),
      });
    }
  }

  let spec: ModelSpec = modelSpecOf(store.getState().params);
  let resetNonce = store.getState().resetNonce;
  let stepNonce = store.getState().stepNonce;
  let endNonce = store.getState().endNonce;
  const configure = () => {
    playTarget = 0;
    const projection = projectionOf(store.getState().params);
    drawnIn = JSON.stringify(projection);
    client.configure(spec, projection);
  };
  configure();

  const unsubscribe = store.subscribe((s, prev) => {
    const next = modelSpecOf(s.params);
    if (specKey(next) !== specKey(spec) || s.resetNonce !== resetNonce) {
      spec = next;
      resetNonce = s.resetNonce;
      tEnd = Infinity;
      dropHeld();
      recovery = null;
      heldInfo = null;
      replayGoal = 0;
      pendingEnd = false;
      settledAt = undefined;
      rate.reset();
      configure();
    }
    if (s.endNonce !== endNonce) {
      endNonce = s.endNonce;
      pendingEnd = true;
    } else if (s.playing !== prev.playing && pendingEnd && frameData.t < tEnd) {
      // Play or Pause during a long jump: stay where the last slice got to
      pendingEnd = false;
    }
    if (s.stepNonce !== stepNonce) {
      stepNonce = s.stepNonce;
      pendingStep = true;
    }
  });

  let raf = 0;
  const tick = () => {
    raf = loop.request(tick);
    const now = loop.now();
    const dt = (now - lastTick) / 1000;
    const s = store.getState();
    if (s.params.proj === 'tour' && projectionStore.getState().turning) {
      // a hidden tab pauses animation frames: do not jump far along the tour on return
      tourClock.phase += Math.min(0.1, (now - lastTour) / 1000) * TOUR_SPEED;
    }
    lastTour = now;
    // a split view's second run shares this clock: wait for it to reach the same time
    if (!releaseHeld()) return;
    if (client.busy || clock.holds(frameData.t)) return;
    if (heldInfo && (s.playing || pendingStep)) {
      const info = heldInfo;
      frameData.startRun(info);
      store.setState({ info });
      projectionStore.setState({ runId: info.runId, view: { projection: info.projection, indexVectors: info.indexVectors, averagePosition: info.averagePosition } });
      heldInfo = null;
      recovery = null;
      client.request(0);
      return;
    }
    // a new projection redraws the frame on screen (also while paused); the run is not touched
    const projection = projectionOf(s.params);
    const drawn = JSON.stringify(projection);
    const advancing = pendingStep || (s.playing && frameData.t < tEnd);
    if (drawn !== drawnIn && frameData.runId === client.currentRunId && frameData.length > 0 && !(advancing && redrawnLast)) {
      if (client.project(projection)) {
        drawnIn = drawn;
        redrawnLast = true;
      }
      return;
    }
    redrawnLast = false;
    // real time keeps flowing while a frame computes, so slow frames make bigger jumps
    lastTick = now;
    if (pendingEnd) return void requestEnd();
    if (replayGoal > 0) {
      // Play or Step takes over from wherever the replay has got to
      if (s.playing || pendingStep) replayGoal = 0;
      else return void requestReplay();
    }
    if (pendingStep) {
      pendingStep = false;
      client.request(stepTarget(frameData.t, tEnd));
    } else if (s.playing && frameData.t < tEnd) {
      requestPlaying(s.params.speed, dt);
    }
  };

  /**
   * The playing frame `dt` seconds of wall time after the last one, at this speed, with the
   * plots' samples on the way (a fixed grid, sim/clock.ts): a frame may go far (up to a quarter
   * second of play; past the frame cap when part workers have the steps; larger frames where
   * the page is drawn in software), and the plots would join its ends with a straight line.
   */
  function requestPlaying(speed: number, dt: number): void {
    playTarget = nextTarget(frameData.t, speed, dt, tEnd);
    const history = playedTimes(frameData.t, playTarget);
    client.request(playTarget, history.length ? history : undefined, frameWork());
  }

  /** The next playing frame at once, when nothing else (a redraw, a jump, a step, a held pane) waits for the worker. */
  function playOn(now: number): void {
    const s = store.getState();
    if (!s.playing || client.busy || heldFrame || pendingEnd || pendingStep || replayGoal > 0 || frameData.t >= tEnd) return;
    if (clock.holds(frameData.t) || JSON.stringify(projectionOf(s.params)) !== drawnIn) return;
    const dt = (now - lastTick) / 1000;
    lastTick = now;
    requestPlaying(s.params.speed, dt);
  }
  raf = loop.request(tick);

  /**
   * A playing run whose neurons have all settled (the classification's own test, reported with
   * each frame from the first time it held) goes to its end at once; at the end the readout says
   * when it settled, however the end was reached.
   */
  function endEarly(done: boolean, playing: boolean): boolean {
    if (done || settledAt === undefined || !playing || pendingEnd) return false;
    pendingEnd = true;
    return true;
  }

  /**
   * Asks for the exact state at T with the plots' samples on the way (a paused link's replay
   * gives way); a long way comes back in slices, and each asks again from where it got to.
   */
  function requestEnd(): void {
    if (frameData.runId === client.currentRunId && frameData.length > 0 && frameData.t >= tEnd) {
      pendingEnd = false;
      return;
    }
    if (!client.finish(replayedTimes(tEnd, frameData))) return;
    replayGoal = 0;
    rate.reset();
  }

  return () => {
    loop.cancel(raf);
    unsubscribe();
    unlead();
    client.dispose();
  };
}
