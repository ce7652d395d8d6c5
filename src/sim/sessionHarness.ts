// A flow worker's session for the tests of stepping ahead (lookahead.ts, partsLookahead.ts), on
// a clock that moves 1 ms each time it is read (so an idle slice ends), with its part workers
// (if any) in process and their messages queued both ways.
import { expect } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { FlowSession } from './flowSession.ts';
import { PartSession } from './partSession.ts';
import type { PartLink } from './partsLookahead.ts';
import { FRAME_WORK, type FromPart, type FromWorker, type ToPart, type ToWorker } from './protocol.ts';
import { testSpec } from './testSpec.ts';

export type Frame = Extract<FromWorker, { type: 'frame' }>;

/** how far one frame goes in t for the SGD example (n·d = 5000, η = 5e-5) */
export const SPAN = (FRAME_WORK / 5000) * 5e-5;
export const SGD = { dyn: 'sgd', d: 100, n: 50, k: 3, beta: 0.1, T: 4 * SPAN } as const;

/** a session whose part workers run in process: `pump` delivers the queued messages both ways and lets each part step a slice */
export function session(changes: object, parts = 0, { failing = -1, silent = -1 } = {}) {
  const clock = { ms: 0 };
  const now = () => (clock.ms += 1);
  const toParts: { part: number; msg: ToPart }[] = [];
  const fromParts: { part: number; msg: FromPart }[] = [];
  const posted: FromWorker[] = [];
  const sessions = Array.from({ length: parts }, (_, part) => new PartSession((msg) => fromParts.push({ part, msg }), now));
  const closed: number[] = [];
  const links: PartLink[] = sessions.map((_, part) => ({ post: (msg) => toParts.push({ part, msg: structuredClone(msg) }), close: () => closed.push(part) }));
  const s = new FlowSession((msg) => posted.push(msg), now, () => links);
  const spec = testSpec(changes);
  const conf = s.handle({ type: 'configure', runId: 1, spec });
  if (conf?.type !== 'configured') throw new Error(JSON.stringify(conf));
  let waits = 0;
  /** the reply to a request: at once, or once the parts have it (the worker's tick between slices) */
  const reply = (msg: ToWorker): Frame => {
    let answer = s.handle(msg);
    if (answer === null && s.isWaiting) waits++;
    for (let i = 0; answer === null && i < 10_000; i++) {
      pump(1);
      s.tick();
      const frame = posted.findIndex((m) => m.type === 'frame');
      if (frame >= 0) answer = posted.splice(frame, 1)[0];
    }
    if (answer?.type !== 'frame') throw new Error(JSON.stringify(answer));
    return answer;
  };
  const advance = (t: number, history?: number[]): Frame => reply({ type: 'advance', runId: 1, t, ...(history ? { history } : {}) });
  /** delivers the messages both ways and lets each part (of `working`) step a slice, `slices` times */
  const pump = (slices = 1, working = sessions.map((_, part) => part)) => {
    s.idle(8);
    for (let i = 0; i < slices; i++) {
      for (const { part, msg } of toParts.splice(0)) {
        if (part === silent) continue;
        if (part === failing && msg.type === 'part-start') fromParts.push({ part, msg: { type: 'part-error', generation: msg.generation, message: 'out of memory' } });
        else sessions[part].handle(msg);
      }
      sessions.forEach((p, part) => part !== failing && part !== silent && working.includes(part) && p.work(8));
      for (const { part, msg } of fromParts.splice(0)) s.partMessage(part, msg);
    }
  };
  return { s, spec, clock, advance, reply, pump, toParts, sessions, posted, closed, waits: () => waits, tEnd: conf.info.tEnd };
}

/** The session's frame at its end is the CLI's run to T: time, overlaps and counts. */
export function expectCliEnd(sessionOf: ReturnType<typeof session>): void {
  const cli = runToEnd(buildModel(sessionOf.spec));
  const end = sessionOf.advance(sessionOf.tEnd);
  expect(end.t).toBe(cli.t);
  expect(Array.from(end.buffers.overlaps)).toEqual(Array.from(cli.u));
  expect(end.counts).toEqual(cli.counts);
}
