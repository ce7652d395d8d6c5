// Part workers stepping an SGD run's neurons ahead (partsLookahead.ts, partSession.ts), here in
// process with their messages queued: frames are the very frames of a session without them,
// a request past the parts takes their work, a failed part hands the work back to the local
// fork, and the parts stop with the run.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { FlowSession } from './flowSession.ts';
import { PartSession } from './partSession.ts';
import { partRanges, PartsLookahead, type PartLink } from './partsLookahead.ts';
import type { FromPart, FromWorker, ToPart } from './protocol.ts';
import { expectCliEnd, session, SGD, SPAN, type Frame } from './sessionHarness.ts';
import { testSpec } from './testSpec.ts';

describe('an SGD run stepped ahead by part workers', () => {
  it('splits the neurons into ranges as equal as may be, never more ranges than neurons', () => {
    expect(partRanges(50, 2)).toEqual([{ first: 0, count: 25 }, { first: 25, count: 25 }]);
    expect(partRanges(7, 3)).toEqual([{ first: 0, count: 2 }, { first: 2, count: 2 }, { first: 4, count: 3 }]);
    expect(partRanges(2, 4)).toEqual([{ first: 0, count: 1 }, { first: 1, count: 1 }]);
  });

  it('gives the frames of a run without them, a request past them takes their work, and the end is the CLI’s', () => {
    const split = session(SGD, 2);
    const plain = session(SGD, 0);
    const asked = [0.01, 0.02, 0.05, 0.2, 2.5 * SPAN, 3.2 * SPAN, 4 * SPAN];
    let tookOver = false;
    let b = plain.advance(0.01);
    for (const t of asked) {
      let a: Frame;
      do {
        const from = b.t;
        a = split.advance(t);
        // past the frame cap: the frame took the parts' pieces, which cost the run nothing
        if (a.t > from + SPAN) tookOver = true;
        while (b.t < a.t) b = plain.advance(a.t);
        expect(b.t).toBe(a.t);
        expect(Array.from(a.buffers.overlaps)).toEqual(Array.from(b.buffers.overlaps));
        expect(a.counts).toEqual(b.counts);
        expect(a.samples).toBe(b.samples);
        expect(a.failed).toBe(b.failed);
        split.pump(12);
      } while (a.t < t);
    }
    expect(tookOver).toBe(true);
    // the parts did it, not the fork in the worker
    expect((split.s['lookahead'] as PartsLookahead).apart).toBe(true);
    expectCliEnd(split);
  });

  it('a frame the parts do not have yet waits for them, and the run takes no step of its way itself', () => {
    const split = session(SGD, 2);
    const plain = session(SGD, 0);
    split.advance(0.01);
    // the parts are started, and have not sent a piece yet
    split.s.idle(8);
    for (const { part, msg } of split.toParts.splice(0)) split.sessions[part].handle(msg);
    const flow = split.s['flow']!;
    const before = flow.stats.accepted;
    let own = 0;
    const advanceTo = flow.advanceTo.bind(flow);
    flow.advanceTo = (t, out) => {
      const s0 = flow.stats.accepted;
      advanceTo(t, out);
      own += flow.stats.accepted - s0;
    };
    const a = split.advance(3 * SPAN);
    expect(split.waits()).toBe(1);
    expect(split.s.isWaiting).toBe(false);
    // the steps are the parts': the run took them by loading their states
    expect(own).toBe(0);
    expect(flow.stats.accepted - before).toBeGreaterThan(0);
    // a piece of the parts within one piece (0.16 here) of the frame cap, or past it
    expect(a.t).toBeGreaterThan(0.01 + SPAN - 0.16);
    // and the state a run without parts reaches there
    let b = plain.advance(0.01);
    while (b.t < a.t) b = plain.advance(a.t);
    expect(b.t).toBe(a.t);
    expect(Array.from(a.buffers.overlaps)).toEqual(Array.from(b.buffers.overlaps));
  });

  it('a frame that waits for the parts is dropped by a new run: no answer comes for it', () => {
    const split = session(SGD, 2);
    split.advance(0.01);
    split.s.idle(8);
    for (const { part, msg } of split.toParts.splice(0)) split.sessions[part].handle(msg);
    expect(split.s.handle({ type: 'advance', runId: 1, t: 3 * SPAN })).toBeNull();
    expect(split.s.isWaiting).toBe(true);
    expect(split.s.handle({ type: 'configure', runId: 2, spec: testSpec(SGD) })?.type).toBe('configured');
    expect(split.s.isWaiting).toBe(false);
    split.pump(5);
    split.s.tick();
    expect(split.posted.filter((m) => m.type === 'frame')).toEqual([]);
  });

  it('parts at their limit behind a run that went past their pieces by small steps go on, and the next frame is answered', () => {
    // a large state leaves room for 16 pieces ahead; requests under a piece step in the run itself
    const clock = { ms: 0 };
    const now = () => (clock.ms += 1);
    const toParts: { part: number; msg: ToPart }[] = [];
    const fromParts: FromPart[][] = [[], []];
    const parts = [0, 1].map((part) => new PartSession((msg) => fromParts[part].push(msg), now));
    const links: PartLink[] = [0, 1].map((part) => ({ post: (msg) => toParts.push({ part, msg: structuredClone(msg) }), close: () => {} }));
    const posted: FromWorker[] = [];
    const s = new FlowSession((msg) => posted.push(msg), now, () => links);
    s.handle({ type: 'configure', runId: 1, spec: testSpec({ dyn: 'sgd', d: 1200, n: 100, k: 3, beta: 0.1, T: 10, eta: 1e-3 }) });
    const pieceT = (s['lookahead'] as PartsLookahead)['run'].pieceT;
    const toWorkers = () => toParts.splice(0).forEach(({ part, msg }) => parts[part].handle(msg));
    // each message from a part, then the worker's idle time, as in the flow worker
    const fromPart = (p: number) => fromParts[p].splice(0).forEach((msg) => (s.partMessage(p, msg), s.idle(8), toWorkers()));
    const frame = (t: number) => s.handle({ type: 'advance', runId: 1, t }) as Frame | null;
    let t = frame(0.5 * pieceT)!.t;
    s.idle(8);
    toWorkers();
    // part 0 goes to its limit at once, part 1 trails the run by two pieces, so no piece is
    // complete when the run passes it (before the room ahead followed the run, both parts
    // stopped at their limit behind it, and the frame below waited for ever)
    const trailing = parts[1];
    for (let i = 0; i < 200 && t < 5 && !(trailing['piece'] >= trailing['until'] && t >= trailing['t']); i++) {
      t = frame(t + 0.9 * pieceT)!.t;
      s.idle(8);
      toWorkers();
      while (parts[0].work(1000)) fromPart(0);
      fromPart(0);
      if (trailing['t'] < t - 2 * pieceT) {
        trailing.work(0);
        fromPart(1);
      }
    }
    // the room ahead follows the run, so the parts step on (or start again from the run when
    // behind it), and a frame of more than a piece is answered
    const answer = frame(t + 1.5 * pieceT);
    if (answer) posted.push(answer);
    for (let i = 0; i < 1000 && s.isWaiting; i++) {
      s.tick();
      parts.forEach((part, p) => (part.work(8), fromPart(p)));
    }
    expect(s.isWaiting).toBe(false);
    expect(posted.filter((m) => m.type === 'frame')).toHaveLength(1);
  });

  it('a part that fails hands the work to the fork in the worker, with the same frames', () => {
    const split = session(SGD, 2, { failing: 1 });
    const plain = session(SGD, 0);
    split.advance(0.01);
    split.pump(3);
    // the local fork now steps in idle time
    expect(split.s.idle(8)).toBe(true);
    for (let i = 0; i < 40 && split.s.idle(8); i++);
    const a = split.advance(3 * SPAN);
    let b = plain.advance(3 * SPAN);
    // past the frame cap from 0.01: the fork's work
    expect(a.t).toBeGreaterThan(0.01 + SPAN);
    while (b.t < a.t) b = plain.advance(a.t);
    expect(Array.from(a.buffers.overlaps)).toEqual(Array.from(b.buffers.overlaps));
  });

  it('a part that says nothing hands the work to the fork in the worker once its silence is long, with the same frames', () => {
    const split = session(SGD, 2, { silent: 0 });
    const plain = session(SGD, 0);
    split.advance(0.01);
    split.pump(1);
    plain.advance(0.01);
    // the frame waits for the silent part until its silence counts as a failure, then goes on
    const a = split.advance(3 * SPAN);
    expect(split.waits()).toBe(1);
    let b = plain.advance(3 * SPAN);
    while (b.t < a.t) b = plain.advance(a.t);
    expect(a.t).toBe(b.t);
    expect(Array.from(a.buffers.overlaps)).toEqual(Array.from(b.buffers.overlaps));
    // the local fork has taken over, and the part workers are ended (the next run gets new ones)
    expect(split.s.idle(8)).toBe(true);
    expect(split.closed).toEqual([0, 1]);
  });

  it('a jump to the end goes from the parts’ pieces to the end, with the CLI’s state', () => {
    const split = session({ ...SGD, T: 12 * SPAN }, 2);
    split.advance(0.01);
    split.pump(1);
    let f = split.reply({ type: 'finish', runId: 1 });
    for (let i = 0; i < 1000 && f.t < split.tEnd; i++) f = split.reply({ type: 'finish', runId: 1 });
    expect(split.waits()).toBeGreaterThan(0);
    const cli = runToEnd(buildModel(split.spec));
    expect(f.t).toBe(cli.t);
    expect(Array.from(f.buffers.overlaps)).toEqual(Array.from(cli.u));
  });

  it('parts stop when the page stops asking, and a new run stops the old one’s', () => {
    const { s, clock, advance, pump, toParts, sessions } = session({ ...SGD, T: 40 * SPAN }, 2);
    advance(0.01);
    pump(1);
    expect(sessions[0].work(1)).toBe(true);
    clock.ms += 10_000;
    expect(sessions[0].work(1)).toBe(false);
    advance(0.02);
    pump(1);
    expect(sessions[1].work(1)).toBe(true);
    s.handle({ type: 'configure', runId: 2, spec: testSpec({ d: 100, n: 5, k: 3 }) });
    expect(toParts.map((m) => m.msg.type)).toEqual(['part-stop', 'part-stop']);
    pump(1);
    expect(sessions[1].work(1)).toBe(false);
  });

  it('no parts for a population flow, nor for a run of one neuron', () => {
    for (const spec of [{ d: 100, n: 5, k: 3 }, { ...SGD, n: 1 }]) {
      const { advance, pump, toParts } = session(spec, 2);
      advance(0.01);
      pump(1);
      expect(toParts).toEqual([]);
    }
  });
});
